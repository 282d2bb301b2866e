"""The typed briefing: what the renderers draw, built from the store's facts by ``compose``.

Every piece of prose is a :class:`Sentence` that carries its own citations (document ids), so
traceability is a property of the model, checked before rendering and by the tests:

- ``fact``: a statement about the world; must cite at least one source document;
- ``measure``: a number from an analysis run; cites the run and, where the run kept them, the
  documents behind the number;
- ``note``: a statement about the briefing itself (indicators unavailable, nothing reported for
  a stakeholder, how developments were chosen); taken from a fixed list of phrase keys.

Quoted evidence stays in the language it was written in (:class:`Quote`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from glocal.errors import GlocalError

NOTE_KEYS = frozenset({"no_analysis", "no_events", "quiet_stakeholders", "selection_method", "register_truncated"})


class BriefingError(GlocalError):
    """A briefing cannot be made as asked (unknown region, bad period, language or format)."""

    code = "G600"


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    language: str


@dataclass(slots=True)
class Sentence:
    text: str
    citations: list[int] = field(default_factory=list)
    kind: str = "fact"  # fact | measure | note
    quote: Quote | None = None
    run_id: int | None = None  # measures: the analysis run the number comes from
    note_key: str | None = None  # notes: which fixed statement this is

    def problems(self) -> list[str]:
        """Why this sentence breaks the traceability rules (empty when it does not)."""
        if self.kind == "fact" and not self.citations:
            return [f"fact without a source: {self.text!r}"]
        if self.kind == "measure" and self.run_id is None and not self.citations:
            return [f"measure without a run or source: {self.text!r}"]
        if self.kind == "note" and self.note_key not in NOTE_KEYS:
            return [f"note outside the catalogue: {self.text!r}"]
        if self.kind not in ("fact", "measure", "note"):
            return [f"unknown sentence kind {self.kind!r}"]
        return []


@dataclass(frozen=True, slots=True)
class Source:
    """A cited document as listed in the annex; ``number`` is its marker in the text."""

    document_id: int
    number: int
    title: str
    outlet: str | None
    published: date | None
    language: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """The selection score of a development and its documented components (all in [0, 1])."""

    total: float
    weight: float
    coverage: float
    novelty: float
    tone: float


@dataclass(slots=True)
class Development:
    """One major development: the lead event and the events reported with it."""

    title: Sentence
    date_text: str
    what: list[Sentence]
    why: list[Sentence]
    score: ScoreParts
    event_ids: list[int]
    event_keys: list[str]


@dataclass(slots=True)
class StakeholderView:
    key: str
    name: str
    events: int
    previous_events: int
    tone: float | None
    sentences: list[Sentence]


@dataclass(slots=True)
class Row:
    """A table row: display cells plus the sentence-level traceability of the row as a whole."""

    cells: list[str]
    citations: list[int] = field(default_factory=list)
    kind: str = "fact"
    run_id: int | None = None

    def as_sentence(self) -> Sentence:
        return Sentence(" | ".join(self.cells), list(self.citations), self.kind, run_id=self.run_id)


@dataclass(slots=True)
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    note: Sentence | None = None


@dataclass(slots=True)
class Chart:
    key: str
    title: str
    png: bytes
    table: Table  # the same numbers, for formats without images and for accessibility


@dataclass(slots=True)
class Briefing:
    period: str
    period_name: str
    scope: str  # region actor key or "ministry"
    scope_name: str
    language: str
    generated_at: datetime
    title: str
    labels: dict[str, str]
    headline: Sentence
    summary: list[Sentence]
    developments: list[Development]
    stakeholders: list[StakeholderView]
    message: list[Sentence]
    notes: list[Sentence]
    tables: list[Table]
    charts: list[Chart]
    register: Table
    sources: list[Source]
    method: list[Sentence]
    analysis_run_id: int | None = None
    event_count: int = 0

    def sentences(self) -> Iterator[Sentence]:
        """Every statement of the briefing, for traceability checks and polishing."""
        yield self.headline
        yield from self.summary
        for development in self.developments:
            yield development.title
            yield from development.what
            yield from development.why
        for view in self.stakeholders:
            yield from view.sentences
        yield from self.message
        yield from self.notes
        yield from self.method
        # chart tables are the plotted counts, not statements; the tables below are statements
        for table in (*self.tables, self.register):
            if table.note is not None:
                yield table.note
            for row in table.rows:
                yield row.as_sentence()

    def problems(self) -> list[str]:
        """Broken traceability: uncited facts, and citations that the annex does not list."""
        listed = {source.document_id for source in self.sources}
        found: list[str] = []
        for sentence in self.sentences():
            found.extend(sentence.problems())
            missing = [doc for doc in sentence.citations if doc not in listed]
            if missing:
                found.append(f"citations {missing} missing from the annex: {sentence.text!r}")
        return found

    def citation_ids(self) -> list[int]:
        return [source.document_id for source in self.sources]

    def number(self, document_id: int) -> int:
        return self._numbers()[document_id]

    def _numbers(self) -> dict[int, int]:
        return {source.document_id: source.number for source in self.sources}
