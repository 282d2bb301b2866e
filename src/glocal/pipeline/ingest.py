"""An ingestion run: read each source, prepare its items, store them in batches.

Guarantees: a bad item becomes a rejection row and the run goes on; each batch is one
transaction, so a killed run loses at most the batch in flight and a rerun completes it without
duplicates (documents are keyed by canonical URL, or content hash when there is no URL).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from glocal.config import Settings
from glocal.errors import GlocalError
from glocal.ingest.http import RateLimiter
from glocal.ingest.sources import read_source
from glocal.nlp.neardup import NearDuplicateIndex, from_bytes
from glocal.pipeline.prepare import prepare_items
from glocal.pipeline.progress import NoProgress, Progress
from glocal.records import Document, Rejection, SourceSpec
from glocal.store import models, repository
from glocal.store.db import transaction

log = logging.getLogger(__name__)


@dataclass
class SourceReport:
    name: str
    items_seen: int = 0
    documents_added: int = 0
    documents_updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    error: str | None = None

    def add(self, other: BatchCounts) -> None:
        self.documents_added += other.added
        self.documents_updated += other.updated
        self.unchanged += other.unchanged


@dataclass
class IngestReport:
    run_id: int
    sources: list[SourceReport] = field(default_factory=list)

    def total(self, attribute: str) -> int:
        return sum(getattr(report, attribute) for report in self.sources)


@dataclass
class BatchCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[Rejection] = field(default_factory=list)


def _store_batch(
    session: Session, documents: list[Document], source_id: int, run_id: int, index: NearDuplicateIndex
) -> BatchCounts:
    counts = BatchCounts()
    known = repository.existing_documents(session, (repository.doc_key(d) for d in documents))
    fresh: list[tuple[Document, models.Document]] = []
    changed: list[tuple[Document, models.Document]] = []
    seen_keys: set[str] = set()
    for document in documents:
        key = repository.doc_key(document)
        state = known.get(key)
        if key in seen_keys or (state is not None and state.content_hash == document.content_hash):
            counts.unchanged += 1
            continue
        seen_keys.add(key)
        if state is None:
            row = repository.new_document_row(document, source_id, run_id)
            session.add(row)
            fresh.append((document, row))
        else:
            row = session.get(models.Document, state.id)
            repository.update_document_row(row, document, run_id)
            changed.append((document, row))
    session.flush()  # assigns ids to the new rows
    for document, row in fresh + changed:
        sig = from_bytes(document.minhash or b"")
        index.discard(row.id)  # a changed document is regrouped on its new text
        row.near_dup_group = index.group_for(sig) or row.id
        index.add(row.id, sig, row.near_dup_group)
    counts.added, counts.updated = len(fresh), len(changed)
    return counts


class IngestRunner:
    """Runs ingestion for a set of sources against one store."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session], progress: Progress | None = None):
        self.settings = settings
        self.sessions = sessions
        self.progress = progress or NoProgress()
        self.limiter = RateLimiter(settings.rate_limit_per_host)
        self._index = NearDuplicateIndex(settings.near_duplicate_threshold, settings.minhash_permutations)

    def _load_index(self) -> NearDuplicateIndex:
        with transaction(self.sessions) as session:
            return NearDuplicateIndex.from_stored(
                repository.signatures(session),
                self.settings.near_duplicate_threshold,
                self.settings.minhash_permutations,
            )

    def run(self, specs: list[SourceSpec], origin: str = "cli") -> IngestReport:
        with transaction(self.sessions) as session:
            # runs left "running" by a killed process are not running any more
            session.execute(
                update(models.IngestRun).where(models.IngestRun.status == "running").values(status="interrupted")
            )
            run = repository.start_run(session, [spec.name for spec in specs])
            source_ids = {spec.name: repository.upsert_source(session, spec, origin).id for spec in specs}
        report = IngestReport(run.id)
        self._index = self._load_index()
        for spec in specs:
            report.sources.append(self._ingest_source(spec, source_ids[spec.name], run.id))
        with transaction(self.sessions) as session:
            repository.finish_run(
                session, run.id, "completed",
                {
                    "items_seen": report.total("items_seen"),
                    "documents_added": report.total("documents_added"),
                    "documents_updated": report.total("documents_updated"),
                    "unchanged": report.total("unchanged"),
                    "rejected": report.total("rejected"),
                },
            )
        return report

    def _ingest_source(self, spec: SourceSpec, source_id: int, run_id: int) -> SourceReport:
        report = SourceReport(spec.name)
        self.progress.phase(f"Reading {spec.name}")
        try:
            result = read_source(spec, self.settings, self.limiter)
        except GlocalError as exc:
            report.error = exc.message
            self._finish_source(spec, source_id, [Rejection(spec.name, spec.location, "fetch", "source_error", exc.message, exc.hint)], report)
            return report
        except Exception as exc:  # a reader bug must not end the whole run
            log.exception("reading source %s failed", spec.name)
            report.error = f"{type(exc).__name__}: {exc}"
            self._finish_source(spec, source_id, [Rejection(spec.name, spec.location, "fetch", "internal_error", report.error)], report)
            return report
        report.items_seen = len(result.items) + len(result.rejections)
        documents, rejected = prepare_items(result.items, self.settings)
        rejections = result.rejections + rejected
        self.progress.phase(f"Storing {spec.name}", total=len(documents))
        size = self.settings.ingest_batch_size
        for start in range(0, len(documents), size):
            batch = documents[start : start + size]
            counts = self._store_with_fallback(batch, source_id, run_id)
            report.add(counts)
            rejections.extend(counts.failed)
            self.progress.advance(len(batch))
        self._finish_source(spec, source_id, rejections, report, stored_keys=[d.item_key for d in documents])
        return report

    def _store_with_fallback(self, batch: list[Document], source_id: int, run_id: int) -> BatchCounts:
        try:
            with transaction(self.sessions) as session:
                return _store_batch(session, batch, source_id, run_id, self._index)
        except SQLAlchemyError:
            log.warning("batch failed; storing its %d documents one by one", len(batch))
        total = BatchCounts()
        for document in batch:
            # a failed transaction may have added rows to the index: rebuild it from the store
            self._index = self._load_index()
            try:
                with transaction(self.sessions) as session:
                    counts = _store_batch(session, [document], source_id, run_id, self._index)
                total.added += counts.added
                total.updated += counts.updated
                total.unchanged += counts.unchanged
            except SQLAlchemyError as exc:
                total.failed.append(
                    Rejection(document.source, document.item_key, "store", "store_error", f"the store refused the document: {exc.orig}")
                )
        return total

    def _finish_source(
        self, spec: SourceSpec, source_id: int, rejections: list[Rejection], report: SourceReport,
        stored_keys: list[str] | None = None,
    ) -> None:
        report.rejected = len(rejections)
        failed_keys = {r.item_key for r in rejections}
        with transaction(self.sessions) as session:
            if stored_keys:
                repository.resolve_rejections(session, spec.name, [k for k in stored_keys if k not in failed_keys])
            repository.record_rejections(session, rejections)
            source = session.get(models.Source, source_id)
            status = "failed" if report.error else ("partial" if rejections else "ok")
            repository.mark_source_fetched(session, source, status, report.error)
