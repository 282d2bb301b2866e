"""What every composing function shares: the facts, the wording, and per-event derived values."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from babel import Locale

from glocal.report.facts import EventFact, PeriodFacts
from glocal.report.model import ScoreParts, Sentence
from glocal.report.phrases import Phrases
from glocal.report.selection import SelectionConfig, cited_documents, event_tone

SENTENCE_CITATION_LIMIT = 8


@cache
def domain_axes() -> dict[str, str]:
    text = (resources.files("glocal.report") / "data" / "axes.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text)["domains"])


@dataclass(slots=True)
class Context:
    facts: PeriodFacts
    words: Phrases
    config: SelectionConfig
    scores: dict[int, ScoreParts]
    scope_name: str
    citations: dict[int, list[int]] = field(default_factory=dict)  # event id → documents to cite

    def __post_init__(self) -> None:
        limit = self.config.citations_per_event
        for event in (*self.facts.events, *self.facts.previous):
            self.citations[event.id] = cited_documents(event, self.facts.documents, limit)

    # --- citations ---------------------------------------------------------------------------

    def cite(self, events: list[EventFact], limit: int = SENTENCE_CITATION_LIMIT) -> list[int]:
        """Sources for a statement about several events: each event's best source first, then more."""
        rounds = [self.citations.get(event.id) or event.document_ids[:1] for event in events]
        chosen: list[int] = []
        depth = 0
        while len(chosen) < limit and any(depth < len(r) for r in rounds):
            for sources in rounds:
                if depth < len(sources) and sources[depth] not in chosen:
                    chosen.append(sources[depth])
                    if len(chosen) == limit:
                        break
            depth += 1
        return chosen

    def fact(self, text: str, events: list[EventFact], limit: int = SENTENCE_CITATION_LIMIT) -> Sentence:
        return Sentence(text, self.cite(events, limit))

    # --- describing events -------------------------------------------------------------------

    def event_date(self, event: EventFact) -> str:
        return self.words.date(event.date, event.precision)

    def country(self, code: str) -> str:
        locale = Locale.parse(self.words.language)
        return str(locale.territories.get(code, code))

    def sides(self, event: EventFact) -> tuple[list[str], list[str]]:
        """Display names of the Korean side and of the partner side (other parties count as partners)."""
        korean = [self.words.name(p.names, p.key) for p in event.parties if p.role == "korean_side"]
        partner = [self.words.name(p.names, p.key) for p in event.parties if p.role != "korean_side"]
        return korean, partner

    def title(self, event: EventFact) -> str:
        korean, partner = self.sides(event)
        fields = {"type": self.words.event_type(event.type), "domain": self.words.domain(event.domain)}
        if korean and partner:
            return self.words.sentence("title_pair", korean=self.words.join(korean, 2), partner=self.words.join(partner, 2), **fields)
        if korean or partner:
            return self.words.sentence("title_one", parties=self.words.join(korean + partner, 3), **fields)
        type_name = fields["type"]
        return self.words.sentence("title_none", type_cap=type_name[:1].upper() + type_name[1:], **fields)

    def tone(self, events: list[EventFact]) -> float | None:
        values = [t for t in (event_tone(e, self.facts.documents) for e in events) if t is not None]
        return sum(values) / len(values) if values else None

    def score(self, event: EventFact) -> float:
        part = self.scores.get(event.id)
        return part.total if part else 0.0

    def best(self, events: list[EventFact]) -> EventFact:
        return min(events, key=lambda e: (-self.score(e), e.key))
