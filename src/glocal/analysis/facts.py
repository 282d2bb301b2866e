"""The typed inputs of the indicator stage: one record per document and per merged event."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

IMPLEMENTATION_TYPES = frozenset({"project", "contract", "funding", "program"})
AGREEMENT_TYPES = frozenset({"agreement", "declaration"})
PROJECT_TYPES = frozenset({"project", "contract", "funding"})
HOME_COUNTRY = "KR"


@dataclass
class DocFact:
    document_id: int
    day: date | None
    language: str
    tone: float | None
    credibility: float
    outlet: str  # independent-source key: outlet, else source name
    near_dup_group: int | None
    topic_key: str | None
    actors: frozenset[str]
    countries: frozenset[str]
    axes: dict[str, float] = field(default_factory=dict)


@dataclass
class EventFact:
    event_id: int
    type: str
    day: date | None
    domain: str
    countries: frozenset[str]
    parties: frozenset[str]  # actor keys, both sides
    partner_side: frozenset[str]
    document_ids: tuple[int, ...]
    status: str = "reported"

    @property
    def foreign_countries(self) -> frozenset[str]:
        return self.countries - {HOME_COUNTRY}
