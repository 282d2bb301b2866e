"""Typed records that flow between pipeline stages.

Stages are plain functions over lists of these dataclasses, so the same stage can run
in-process, in a process pool or as a Ray map; nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class SourceSpec:
    """A declared source: where items come from and how to fetch them."""

    name: str
    kind: str  # feed | web | files | gdelt | jsonl | csv
    location: str  # URL or filesystem path
    allow_private: bool = False  # let the fetcher reach loopback/private hosts (tests, intranets)
    credibility: float = 0.5  # 0..1, used later by tone and Trust Index weighting
    language: str | None = None  # a hint only; language identification decides
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RawItem:
    """One item as read from a source, before any NLP."""

    source: str
    item_key: str  # stable key within the source (URL, path, path#line)
    url: str | None
    title: str
    body: str
    published_at: datetime | None = None
    outlet: str | None = None
    language_hint: str | None = None
    external_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Rejection:
    """An item (or a whole source) that could not be ingested, with a clear reason."""

    source: str
    item_key: str
    stage: str  # fetch | parse | validate | store
    reason: str  # machine-readable code
    message: str  # what happened, for a person
    hint: str | None = None


@dataclass(slots=True)
class Document:
    """A cleaned item ready to store: the output of the ingest pipeline's NLP steps."""

    source: str
    item_key: str
    url: str | None
    canonical_url: str | None
    title: str
    body: str
    content_hash: str
    language: str
    language_confidence: float
    published_at: datetime | None
    outlet: str | None = None
    external_id: str | None = None
    minhash: bytes | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ReadResult:
    """What reading one source yields: the good items and the rejections, never an exception."""

    items: list[RawItem] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


# --- understanding (issue #3): what the nlp stages produce per document ----------------------


@dataclass(slots=True)
class Sentence:
    index: int
    start: int  # character offsets into the analysed text (title + "\n\n" + body)
    end: int
    text: str


@dataclass(slots=True)
class ActorMention:
    """A span of text linked to a canonical actor (see glocal/data/actors)."""

    actor_key: str  # "<kind>:<key>", e.g. "country:VN", "local_gov:11680", "org:molit"
    kind: str  # country | local_gov | city | organisation | programme
    name_en: str
    surface: str
    start: int
    end: int
    confidence: float
    method: str  # e.g. "alias-table", "alias-table+context", "geonames"
    country_code: str | None = None  # the country the actor belongs to (KR for Gangnam-gu)


@dataclass(slots=True)
class Amount:
    value: float
    unit: str  # ISO 4217 currency (KRW, USD, JPY, EUR, VND ...) or a count unit ("aircraft", "projects")
    surface: str
    qualifier: str | None = None  # "up to", "about", "more than", ...


@dataclass(slots=True)
class ExtractedEvent:
    type: str  # agreement | meeting | contract | project | funding | forum | program | declaration | setback
    evidence: str  # the sentence stating the event
    sentence_index: int
    language: str
    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    date_precision: str | None = None  # day | month | year
    korean_side: list[str] = field(default_factory=list)  # actor keys
    partner_side: list[str] = field(default_factory=list)  # actor keys
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2, main partner first
    domain: str = "other"
    amounts: list[Amount] = field(default_factory=list)
    confidence: float = 0.0
    method: str = ""  # which rule or model fired


@dataclass(slots=True)
class DocumentText:
    """The input of the understanding stages: one stored document."""

    document_id: int
    language: str
    title: str
    body: str
    published_at: datetime | None
    content_hash: str

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}" if self.title else self.body


@dataclass(slots=True)
class Understanding:
    """Everything the understanding stage learned about one document."""

    document_id: int
    content_hash: str
    language: str
    sentences: list[Sentence]
    keywords: list[str]
    mentions: list[ActorMention]
    events: list[ExtractedEvent]
    tone: float
    sentence_tones: list[float]


@dataclass(slots=True)
class StageFailure:
    """A document a stage could not process; recorded as a rejection and retried next run."""

    document_id: int
    stage: str
    reason: str
    message: str
