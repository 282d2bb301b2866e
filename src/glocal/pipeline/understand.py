"""An understanding run: new or changed documents → sentences, keywords, actors, events, tone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from glocal.config import Settings
from glocal.nlp import understand
from glocal.nlp.actors import get_actor
from glocal.nlp.events.merge import event_key
from glocal.pipeline.parallel import map_batches, resolve_workers
from glocal.pipeline.progress import NoProgress, Progress
from glocal.records import DocumentText, StageFailure, Understanding
from glocal.store import models
from glocal.store import understanding as store
from glocal.store.db import transaction
from glocal.store.models import utcnow

BATCH = 64


@dataclass
class UnderstandReport:
    run_id: int
    documents: int = 0
    failed: int = 0
    mentions: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[StageFailure] = field(default_factory=list)


def _actor_row(actor_key: str) -> dict | None:
    actor = get_actor(actor_key)
    if actor is None:  # an unlinked place ("loc:...") has no canonical record
        return None
    names = dict(actor.names)
    return {
        "kind": actor.kind, "key": actor_key, "name_en": names.pop("en"),
        "name_ko": names.pop("ko", None), "name_ja": names.pop("ja", None), "names": names,
        "country_code": actor.country, "admin_code": actor.admin_code,
    }


def _actor_keys(result: Understanding) -> set[str]:
    keys = {m.actor_key for m in result.mentions}
    for event in result.events:
        keys.update(event.korean_side)
        keys.update(event.partner_side)
    return keys


def _understand_counted(batch: list[DocumentText]) -> tuple[list[Understanding | StageFailure], int]:
    return understand.understand_batch(batch), len(batch)


class UnderstandRunner:
    def __init__(self, settings: Settings, sessions: sessionmaker[Session], progress: Progress | None = None):
        self.settings = settings
        self.sessions = sessions
        self.progress = progress or NoProgress()

    def run(self) -> UnderstandReport:
        with transaction(self.sessions) as session:
            run = models.AnalysisRun(kind=understand.STAGE, parameters={"batch": BATCH, "workers": self.settings.workers},
                                     model_versions={"understand": understand.VERSION})
            session.add(run)
            session.flush()
            total = store.count_to_understand(session, understand.VERSION)
        report = UnderstandReport(run.id)
        started = time.perf_counter()
        self.progress.phase("Understanding documents", total=total)
        workers = resolve_workers(self.settings.workers) if total >= self.settings.pool_min_documents else 1
        executor = self.settings.executor
        if executor == "ray":
            workers = resolve_workers(self.settings.workers)
        batches = map_batches(_understand_counted, self._batches(), workers, executor, self.settings.ray_address)
        for outcomes, size in batches:
            for outcome in outcomes:
                self._save(outcome, report)
            self.progress.advance(size)
        report.seconds = round(time.perf_counter() - started, 2)
        with transaction(self.sessions) as session:
            row = session.get(models.AnalysisRun, run.id)
            row.status, row.finished_at = "completed", utcnow()
            row.input_counts = {"documents": report.documents, "failed": report.failed}
            row.timings = {"seconds": report.seconds}
        return report

    def _batches(self) -> Iterator[list[DocumentText]]:
        """Pending documents in id order, one batch at a time (the store is read as we go)."""
        after_id = 0
        while True:
            with transaction(self.sessions) as session:
                batch = store.documents_to_understand(session, understand.VERSION, after_id, BATCH)
            if not batch:
                return
            after_id = batch[-1].document_id
            yield batch

    def _save(self, outcome: Understanding | StageFailure, report: UnderstandReport) -> None:
        if isinstance(outcome, StageFailure):
            report.failed += 1
            report.failures.append(outcome)
            with transaction(self.sessions) as session:
                store.record_failure(session, outcome)
            return
        try:
            with transaction(self.sessions) as session:
                rows = [row for row in map(_actor_row, sorted(_actor_keys(outcome))) if row is not None]
                actor_ids = store.ensure_actors(session, rows)
                facts = [store.EventFacts(event_key(e), e) for e in outcome.events]
                store.save_understanding(session, outcome, understand.VERSION, actor_ids, facts)
                store.resolve_failures(session, outcome.document_id, understand.STAGE)
        except Exception as exc:  # storing one document must not end the run
            failure = StageFailure(outcome.document_id, understand.STAGE, "store_error", f"{type(exc).__name__}: {exc}")
            report.failed += 1
            report.failures.append(failure)
            with transaction(self.sessions) as session:
                store.record_failure(session, failure)
            return
        report.documents += 1
        report.mentions += len(outcome.mentions)
        report.events += len(outcome.events)
