"""Indicator values per period: topic table, region indicators, partner trust, KPIs.

Pure function over ``DocFact``/``EventFact`` records; returns ``IndicatorRow`` records the store
writes as they are. Every value carries its components and the documents behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from glocal.analysis.axes import AXES, mean_axes
from glocal.analysis.centrality import topic_centrality
from glocal.analysis.facts import AGREEMENT_TYPES, PROJECT_TYPES, DocFact, EventFact
from glocal.analysis.trust import EVIDENCE_LIMIT, tone_component, trust_index
from glocal.periods import bounds, kind_of, months_before, periods_of, previous

PARTICIPATION_TYPES = frozenset({"program", "forum"})
PARTICIPATION_MIN_INCLUSION = 0.25


@dataclass
class IndicatorParams:
    home_region: str
    peer_regions: list[str]
    trust_weights: dict[str, float]
    follow_through_window_days: int
    kpi_trust_target: float
    kpi_agreement_growth_target: float
    kpi_participation_per_quarter: int


@dataclass
class IndicatorRow:
    scope_kind: str
    scope_key: str
    period: str
    metric: str
    value: float | None
    components: dict = field(default_factory=dict)
    evidence: list[int] = field(default_factory=list)


def _mean_tone(docs: Sequence[DocFact]) -> float | None:
    tones = [d.tone for d in docs if d.tone is not None]
    return round(float(np.mean(tones)), 4) if tones else None


def _by_period(docs: Iterable[DocFact]) -> dict[str, list[DocFact]]:
    grouped: dict[str, list[DocFact]] = defaultdict(list)
    for doc in docs:
        if doc.day is not None:
            for period in periods_of(doc.day):
                grouped[period].append(doc)
    return grouped


def _evidence(docs: Sequence[DocFact]) -> list[int]:
    return sorted(d.document_id for d in docs)[:EVIDENCE_LIMIT]


class IndicatorBuilder:
    def __init__(self, docs: Sequence[DocFact], events: Sequence[EventFact], params: IndicatorParams,
                 known_tones: dict[tuple[str, str], float | None] | None = None):
        """``known_tones``: topic tone per (topic key, period) of periods whose documents were not
        loaded (an incremental run reads them from the previous run instead of recomputing)."""
        self.params = params
        self.known_tones = known_tones or {}
        self.docs = docs
        self.events = [e for e in events if e.status != "rejected"]
        self.docs_by_period = _by_period(docs)
        self.doc_topic = {d.document_id: d.topic_key for d in docs}
        self.doc_axes = {d.document_id: d.axes for d in docs}

    def rows(self, only_periods: set[str] | None = None) -> list[IndicatorRow]:
        periods = sorted(p for p in self.docs_by_period if only_periods is None or p in only_periods)
        rows: list[IndicatorRow] = []
        for period in periods:
            rows += self.topic_rows(period)
            rows += self.region_rows(period)
            rows += self.partner_rows(period)
        rows += self.kpi_rows(periods)
        return rows

    # --- topics -----------------------------------------------------------------------------

    def _topic_events(self) -> dict[str, list[EventFact]]:
        if "_topic_event_cache" not in self.__dict__:
            grouped: dict[str, list[EventFact]] = defaultdict(list)
            for event in self.events:
                for key in {self.doc_topic.get(d) for d in event.document_ids} - {None}:
                    grouped[key].append(event)
            self._topic_event_cache = grouped
        return self._topic_event_cache

    def topic_rows(self, period: str) -> list[IndicatorRow]:
        by_topic: dict[str, list[DocFact]] = defaultdict(list)
        for doc in self.docs_by_period.get(period, []):
            if doc.topic_key:
                by_topic[doc.topic_key].append(doc)
        previous_docs: dict[str, list[DocFact]] = defaultdict(list)
        for doc in self.docs_by_period.get(previous(period), []):
            if doc.topic_key in by_topic:
                previous_docs[doc.topic_key].append(doc)
        centrality = topic_centrality(
            {key: {f"a:{a}" for d in docs for a in d.actors} for key, docs in by_topic.items()}
        )
        _, end = bounds(period)
        rows = []
        for key, docs in sorted(by_topic.items()):
            tone = _mean_tone(docs)
            if (key, previous(period)) in self.known_tones:
                before = self.known_tones[(key, previous(period))]
            else:
                before = _mean_tone(previous_docs.get(key, []))
            trust = trust_index(docs, self._topic_events().get(key, []), end, self.params.trust_weights,
                                self.params.follow_through_window_days)
            evidence = _evidence(docs)
            rows += [
                IndicatorRow("topic", key, period, "size", float(len(docs)), {}, sorted(d.document_id for d in docs)),
                IndicatorRow("topic", key, period, "centrality", centrality.get(key, 0.0), {"graph": "actor overlap"}, evidence),
                IndicatorRow("topic", key, period, "tone", tone, {"documents": len(docs)}, evidence),
                IndicatorRow("topic", key, period, "tone_change",
                             round(tone - before, 4) if tone is not None and before is not None else None,
                             {"previous_period": previous(period), "previous_tone": before}, evidence),
                IndicatorRow("topic", key, period, "trust", trust.value, trust.as_components(), trust.evidence),
            ]
        return rows

    # --- regions ----------------------------------------------------------------------------

    def _region_events(self, region: str) -> list[EventFact]:
        cache = self.__dict__.setdefault("_region_event_cache", {})
        if region not in cache:
            cache[region] = [e for e in self.events if region in e.parties]
        return cache[region]

    def _country_events(self) -> dict[str, list[EventFact]]:
        if "_country_event_cache" not in self.__dict__:
            grouped: dict[str, list[EventFact]] = defaultdict(list)
            for event in self.events:
                for country in event.foreign_countries:
                    grouped[country].append(event)
            self._country_event_cache = grouped
        return self._country_event_cache

    def region_rows(self, period: str) -> list[IndicatorRow]:
        start, end = bounds(period)
        rows = []
        for region in [self.params.home_region, *self.params.peer_regions]:
            docs = [d for d in self.docs_by_period.get(period, []) if region in d.actors]
            events = self._region_events(region)
            in_period = [e for e in events if e.day and start <= e.day < end]
            foreign = [e for e in in_period if e.foreign_countries and e.type != "setback"]
            institutions = {a for e in in_period for a in e.partner_side if not a.startswith("local_gov:")}
            evidence = _evidence(docs)
            event_docs = sorted({d for e in in_period for d in e.document_ids})[:EVIDENCE_LIMIT]
            trust = trust_index(docs, events, end, self.params.trust_weights, self.params.follow_through_window_days)
            axes = mean_axes(d.axes for d in docs)
            values = {
                "projects": (float(sum(e.type in PROJECT_TYPES for e in in_period)), {"types": sorted(PROJECT_TYPES)}, event_docs),
                "partner_institutions": (float(len(institutions)), {"institutions": sorted(institutions)}, event_docs),
                "international_events": (float(len(foreign)), {"event_ids": [e.event_id for e in foreign]}, event_docs),
                "exposure": (round(sum(d.credibility for d in docs), 4), {"documents": len(docs)}, evidence),
                "tone": (tone_component(docs) * 2 - 1 if tone_component(docs) is not None else None, {"weighted_by": "credibility"}, evidence),
                "agreements": (float(sum(e.type in AGREEMENT_TYPES for e in in_period)), {}, event_docs),
                "trust": (trust.value, trust.as_components(), trust.evidence),
            }
            for axis in AXES:
                values[f"axis_{axis}"] = (axes[axis], {}, evidence)
            for metric, (value, components, ids) in values.items():
                rows.append(IndicatorRow("region", region, period, metric,
                                         round(value, 4) if value is not None else None, components, ids))
        return rows

    # --- partner countries ------------------------------------------------------------------

    def partner_rows(self, period: str) -> list[IndicatorRow]:
        start, end = bounds(period)
        docs_by_country: dict[str, list[DocFact]] = defaultdict(list)
        for doc in self.docs_by_period.get(period, []):
            for country in doc.countries - {"KR"}:
                docs_by_country[country].append(doc)
        rows = []
        for country, events in sorted(self._country_events().items()):
            in_period = [e for e in events if e.day and start <= e.day < end]
            docs = docs_by_country.get(country, [])
            if not in_period and not docs:
                continue
            trust = trust_index(docs, events, end, self.params.trust_weights,
                                self.params.follow_through_window_days, breadth_by="actor")
            rows += [
                IndicatorRow("partner", country, period, "events", float(len(in_period)),
                             {"event_ids": [e.event_id for e in in_period]},
                             sorted({d for e in in_period for d in e.document_ids})[:EVIDENCE_LIMIT]),
                IndicatorRow("partner", country, period, "tone", _mean_tone(docs), {"documents": len(docs)}, _evidence(docs)),
                IndicatorRow("partner", country, period, "trust", trust.value, trust.as_components(), trust.evidence),
            ]
        return rows

    # --- KPIs -------------------------------------------------------------------------------

    def kpi_rows(self, periods: Sequence[str]) -> list[IndicatorRow]:
        home = self.params.home_region
        events = self._region_events(home)
        rows = []
        for period in periods:
            start, end = bounds(period)
            docs = [d for d in self.docs_by_period.get(period, []) if home in d.actors]
            trust = trust_index(docs, events, end, self.params.trust_weights, self.params.follow_through_window_days)
            target = self.params.kpi_trust_target
            rows.append(IndicatorRow("kpi", home, period, "trust", trust.value,
                                     {"target": target, "met": trust.value is not None and trust.value >= target},
                                     trust.evidence))
            rows.append(self._agreement_growth(home, period, events, end))
            if kind_of(period) == "quarter":
                rows.append(self._participation(home, period, events, start, end))
        return rows

    def _agreement_growth(self, home: str, period: str, events: Sequence[EventFact], end: date) -> IndicatorRow:
        """Agreements in the 12 months up to the period's end against the 12 months before."""
        year_start, prior_start = months_before(end, 12), months_before(end, 24)
        recent = [e for e in events if e.type in AGREEMENT_TYPES and e.day and year_start <= e.day < end]
        prior = [e for e in events if e.type in AGREEMENT_TYPES and e.day and prior_start <= e.day < year_start]
        growth = round(len(recent) / len(prior) - 1.0, 4) if prior else None
        target = self.params.kpi_agreement_growth_target
        return IndicatorRow("kpi", home, period, "agreement_growth", growth,
                            {"target": target, "met": growth is not None and growth >= target,
                             "agreements_last_12_months": len(recent), "agreements_previous_12_months": len(prior)},
                            sorted({d for e in recent for d in e.document_ids})[:EVIDENCE_LIMIT])

    def _participation(self, home: str, period: str, events: Sequence[EventFact], start: date, end: date) -> IndicatorRow:
        held = [
            e for e in events
            if e.type in PARTICIPATION_TYPES and e.day and start <= e.day < end
            and max((self.doc_axes.get(d, {}).get("inclusion", 0.0) for d in e.document_ids), default=0.0) >= PARTICIPATION_MIN_INCLUSION
        ]
        target = self.params.kpi_participation_per_quarter
        return IndicatorRow("kpi", home, period, "participation_programmes", float(len(held)),
                            {"target": target, "met": len(held) >= target, "event_ids": [e.event_id for e in held]},
                            sorted({d for e in held for d in e.document_ids})[:EVIDENCE_LIMIT])
