"""The Trust Index: a weighted mean of five documented components, each in [0, 1].

Definitions (docs/methodology.md has the worked example):

- tone: credibility-weighted mean document tone of the period, mapped from [-1, 1] to [0, 1];
- consistency: 1 - 2 x the standard deviation of the mean tone of independent sources (reprints
  in one near-duplicate group count once; an outlet is one source); needs two sources;
- follow_through: share of agreements/declarations (up to the period's end, within the last three
  years) followed by an implementation event (project, contract, funding, programme) with a shared
  partner within the window; agreements whose window is still open without follow-up are pending
  and left out;
- continuity: share of the 12 months up to the period's end with at least one event;
- breadth: 1 - exp(-n / 5) for n distinct partners (countries, or counterpart actors for a
  partner country) in those 12 months.

A component without data is reported as missing and the weights of the others are renormalised;
the index is missing when no component has data.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from glocal.analysis.facts import AGREEMENT_TYPES, IMPLEMENTATION_TYPES, DocFact, EventFact
from glocal.periods import months_before

COMPONENTS = ("tone", "consistency", "follow_through", "continuity", "breadth")
BREADTH_SCALE = 5.0
FOLLOW_THROUGH_LOOKBACK_YEARS = 3
EVIDENCE_LIMIT = 50


@dataclass
class TrustScore:
    value: float | None
    components: dict[str, float | None]
    weights: dict[str, float]
    detail: dict[str, object] = field(default_factory=dict)
    evidence: list[int] = field(default_factory=list)

    def as_components(self) -> dict[str, object]:
        return {"components": self.components, "weights": self.weights, **self.detail}


def tone_component(docs: Sequence[DocFact]) -> float | None:
    scored = [(d.tone, d.credibility) for d in docs if d.tone is not None]
    weight = sum(c for _, c in scored)
    if not scored or weight <= 0:
        return None
    return round((sum(t * c for t, c in scored) / weight + 1.0) / 2.0, 4)


def independent_source_tones(docs: Sequence[DocFact]) -> dict[str, float]:
    """Mean tone per independent source; a near-duplicate group counts once, for its first outlet."""
    seen_groups: set[int] = set()
    tones: dict[str, list[float]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.document_id):
        if doc.tone is None:
            continue
        if doc.near_dup_group is not None:
            if doc.near_dup_group in seen_groups:
                continue
            seen_groups.add(doc.near_dup_group)
        tones[doc.outlet].append(doc.tone)
    return {outlet: float(np.mean(values)) for outlet, values in tones.items()}


def consistency_component(docs: Sequence[DocFact]) -> float | None:
    per_source = independent_source_tones(docs)
    if len(per_source) < 2:
        return None
    spread = float(np.std(list(per_source.values())))
    return round(max(0.0, 1.0 - 2.0 * spread), 4)


def _shares_partner(agreement: EventFact, later: EventFact) -> bool:
    return bool(agreement.foreign_countries & later.foreign_countries or agreement.partner_side & later.partner_side)


def follow_through_component(events: Sequence[EventFact], end: date, window_days: int) -> tuple[float | None, dict]:
    dated = sorted((e for e in events if e.day is not None and e.day < end), key=lambda e: (e.day, e.event_id))
    start = date(end.year - FOLLOW_THROUGH_LOOKBACK_YEARS, end.month, 1)
    agreements = [e for e in dated if e.type in AGREEMENT_TYPES and e.day >= start]
    implementations = [e for e in dated if e.type in IMPLEMENTATION_TYPES]
    followed, lapsed, pending = [], [], []
    for agreement in agreements:
        deadline = agreement.day + timedelta(days=window_days)
        hit = any(
            agreement.day <= impl.day <= deadline and impl.event_id != agreement.event_id and _shares_partner(agreement, impl)
            for impl in implementations
        )
        if hit:
            followed.append(agreement.event_id)
        elif deadline < end:
            lapsed.append(agreement.event_id)
        else:
            pending.append(agreement.event_id)
    detail = {"agreements_followed": followed, "agreements_lapsed": lapsed, "agreements_pending": pending}
    decided = len(followed) + len(lapsed)
    return (round(len(followed) / decided, 4) if decided else None), detail


def continuity_component(events: Sequence[EventFact], end: date) -> float | None:
    start = months_before(end, 12)
    months = {(e.day.year, e.day.month) for e in events if e.day and start <= e.day < end and e.type != "setback"}
    if not any(e.day and e.day < end for e in events):
        return None
    return round(len(months) / 12.0, 4)


def breadth_component(partners: set[str]) -> float:
    return round(1.0 - math.exp(-len(partners) / BREADTH_SCALE), 4)


def partners_in_window(events: Sequence[EventFact], end: date, by: str) -> set[str]:
    start = months_before(end, 12)
    partners: set[str] = set()
    for event in events:
        if event.day and start <= event.day < end:
            partners |= event.foreign_countries if by == "country" else (event.parties - event.partner_side)
    return partners


def combine(components: dict[str, float | None], weights: dict[str, float]) -> float | None:
    available = {k: v for k, v in components.items() if v is not None and weights.get(k, 0) > 0}
    total = sum(weights[k] for k in available)
    if not available or total <= 0:
        return None
    return round(sum(weights[k] * v for k, v in available.items()) / total, 4)


def trust_index(
    docs: Sequence[DocFact],
    events: Sequence[EventFact],
    end: date,
    weights: dict[str, float],
    window_days: int,
    breadth_by: str = "country",
) -> TrustScore:
    """Trust for one scope: ``docs`` of the period, ``events`` of the scope up to any date."""
    follow, detail = follow_through_component(events, end, window_days)
    partners = partners_in_window(events, end, breadth_by)
    components = {
        "tone": tone_component(docs),
        "consistency": consistency_component(docs),
        "follow_through": follow,
        "continuity": continuity_component(events, end),
        "breadth": breadth_component(partners) if any(e.day and e.day < end for e in events) else None,
    }
    norm = sum(weights.get(k, 0.0) for k in COMPONENTS) or 1.0
    normalised = {k: round(weights.get(k, 0.0) / norm, 4) for k in COMPONENTS}
    detail = {**detail, "partners": sorted(partners), "sources": len(independent_source_tones(docs)), "documents": len(docs)}
    evidence = sorted(d.document_id for d in docs)[:EVIDENCE_LIMIT]
    return TrustScore(combine(components, normalised), components, normalised, detail, evidence)
