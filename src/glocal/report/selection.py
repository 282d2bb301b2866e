"""Choosing the period's major developments with an explainable score (see data/selection.yaml).

Each event gets four components in [0, 1] — event weight, coverage, novelty, tone — combined by
configured weights. Events reported on the same day by a common source are one development. The
ranking is total: score (rounded, so float noise cannot reorder), then the lead event's stable key.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from glocal.report.facts import DocumentFact, EventFact
from glocal.report.model import BriefingError, ScoreParts

COMPONENTS = ("weight", "coverage", "novelty", "tone")


@dataclass(frozen=True, slots=True)
class SelectionConfig:
    weights: dict[str, float]
    type_weights: dict[str, float]
    amount_bonus: float
    confirmed_bonus: float
    coverage_saturation: int
    novelty_window_days: int
    major_developments: int
    summary_points: int
    register_limit: int
    citations_per_event: int


@cache
def selection_config() -> SelectionConfig:
    raw: dict[str, Any] = yaml.safe_load(
        (resources.files("glocal.report") / "data" / "selection.yaml").read_text(encoding="utf-8")
    )
    try:
        config = SelectionConfig(**raw)
    except TypeError as exc:
        raise BriefingError(f"data/selection.yaml is not valid: {exc}", hint="Compare it with docs/briefings.md.") from exc
    if set(config.weights) != set(COMPONENTS) or not math.isclose(sum(config.weights.values()), 1.0):
        raise BriefingError("selection weights must name weight, coverage, novelty, tone and sum to 1")
    return config


@dataclass(slots=True)
class Candidate:
    """A development: its lead event, the events reported with it, its score and its precedents."""

    lead: EventFact
    events: list[EventFact]
    score: ScoreParts
    earlier: list[EventFact]  # related events before the period, newest first


def event_tone(event: EventFact, documents: dict[int, DocumentFact]) -> float | None:
    """Credibility-weighted mean tone of the event's sources (None when no source has a tone)."""
    pairs = [(documents[d].tone, documents[d].credibility) for d in event.document_ids
             if d in documents and documents[d].tone is not None]
    if not pairs:
        return None
    total = sum(max(weight, 0.05) for _, weight in pairs)
    return sum(float(tone) * max(weight, 0.05) for tone, weight in pairs) / total  # type: ignore[arg-type]


def cited_documents(event: EventFact, documents: dict[int, DocumentFact], limit: int) -> list[int]:
    """The sources to cite: one per near-duplicate group first, most credible and oldest first."""
    known = [documents[d] for d in event.document_ids if d in documents]
    ranked = sorted(known, key=lambda d: (-d.credibility, d.published.toordinal() if d.published else 10**7, d.id))
    first_of_group: list[int] = []
    rest: list[int] = []
    seen: set[int] = set()
    for document in ranked:
        (rest if document.group in seen else first_of_group).append(document.id)
        seen.add(document.group)
    return (first_of_group + rest)[:limit]


class History:
    """Earlier events indexed by (domain, partner country) and (domain, party) for novelty."""

    def __init__(self, events: list[EventFact]) -> None:
        self.events = {event.id: event for event in events}
        self.index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for event in events:
            for key in self._keys(event):
                self.index[key].append(event.id)

    @staticmethod
    def _keys(event: EventFact) -> list[tuple[str, str]]:
        if event.partner_countries:
            return [(event.domain, f"country:{code}") for code in event.partner_countries]
        return [(event.domain, f"party:{party.key}") for party in event.parties]

    def related(self, event: EventFact) -> list[EventFact]:
        ids = {i for key in self._keys(event) for i in self.index.get(key, ())}
        found = [self.events[i] for i in ids]
        found.sort(key=lambda e: (e.date.toordinal() if e.date else 0, e.key), reverse=True)
        return found


def _weight(event: EventFact, config: SelectionConfig) -> float:
    weight = config.type_weights.get(event.type, 0.5)
    if event.amounts:
        weight += config.amount_bonus
    if event.status == "confirmed":
        weight += config.confirmed_bonus
    return min(weight, 1.0)


def _independent(events: list[EventFact], documents: dict[int, DocumentFact]) -> int:
    ids = {d for event in events for d in event.document_ids}
    return len({documents[d].group if d in documents else -d for d in ids})


def score_story(events: list[EventFact], lead: EventFact, documents: dict[int, DocumentFact], earlier: int,
                config: SelectionConfig) -> ScoreParts:
    """Score of a story (one event, or several reported together) led by ``lead``."""
    coverage = math.log1p(_independent(events, documents)) / math.log1p(config.coverage_saturation)
    tones = [t for t in (event_tone(e, documents) for e in events) if t is not None]
    parts = {
        "weight": max(_weight(event, config) for event in events),
        "coverage": min(coverage, 1.0),
        "novelty": 1.0 / (1 + earlier),
        "tone": min(abs(sum(tones) / len(tones)), 1.0) if tones else 0.0,
    }
    total = sum(config.weights[name] * value for name, value in parts.items())
    return ScoreParts(round(total, 6), *(round(parts[name], 6) for name in COMPONENTS))


def _same_partners(one: EventFact, other: EventFact) -> bool:
    """Two reports of one story share a partner country, or are both purely domestic."""
    mine, theirs = set(one.partner_countries), set(other.partner_countries)
    return bool(mine & theirs) if mine or theirs else True


def _groups(events: list[EventFact]) -> list[list[EventFact]]:
    """Events of one story: same day, a common source, the same partners (union-find)."""
    parent = {event.id: event.id for event in events}

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    buckets: dict[tuple[Any, int], list[EventFact]] = defaultdict(list)
    for event in events:
        for document in event.document_ids:
            for other in buckets[(event.date, document)]:
                if _same_partners(event, other):
                    parent[find(event.id)] = find(other.id)
            buckets[(event.date, document)].append(event)
    grouped: dict[int, list[EventFact]] = defaultdict(list)
    for event in events:
        grouped[find(event.id)].append(event)
    return list(grouped.values())


def rank(events: list[EventFact], documents: dict[int, DocumentFact], history: list[EventFact],
         config: SelectionConfig | None = None) -> tuple[list[Candidate], dict[int, ScoreParts]]:
    """All developments of the period, best first, and every event's own score."""
    config = config or selection_config()
    past = History(history)
    related = {event.id: past.related(event) for event in events}
    scores = {e.id: score_story([e], e, documents, len(related[e.id]), config) for e in events}
    candidates = []
    for group in _groups(events):
        # the lead is the most widely reported event of the story, then the weightiest
        group.sort(key=lambda e: (-_independent([e], documents), -_weight(e, config), -scores[e.id].total, e.key))
        lead = group[0]
        score = score_story(group, lead, documents, len(related[lead.id]), config)
        candidates.append(Candidate(lead, group, score, related[lead.id]))
    candidates.sort(key=lambda c: (-c.score.total, c.lead.key))
    return candidates, scores
