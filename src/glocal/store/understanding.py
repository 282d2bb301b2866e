"""Storing what the understanding stage produced: analyses, actors, mentions, merged events.

Events are merged across documents by ``event_key`` (computed by the caller from the event's
canonical facts): the first document creates the event, later ones add themselves as sources.
Reprocessing a changed document replaces its mentions and its event sources; pipeline-made events
left without any source disappear, while events an analyst touched stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from glocal import records
from glocal.store import models
from glocal.store.models import utcnow
from glocal.store.upsert import insert_for


def _pending(version: str):  # type: ignore[no-untyped-def]
    analysis = models.DocumentAnalysis
    return or_(
        analysis.document_id.is_(None),
        analysis.content_hash != models.Document.content_hash,
        analysis.pipeline_version != version,
    )


def documents_to_understand(session: Session, version: str, after_id: int, limit: int) -> list[records.DocumentText]:
    """Documents never analysed, changed since, or analysed by another pipeline version, by id."""
    rows = session.execute(
        select(models.Document.id, models.Document.language, models.Document.title, models.Document.body,
               models.Document.published_at, models.Document.content_hash)
        .outerjoin(models.DocumentAnalysis, models.DocumentAnalysis.document_id == models.Document.id)
        .where(_pending(version), models.Document.id > after_id)
        .order_by(models.Document.id)
        .limit(limit)
    )
    return [records.DocumentText(r.id, r.language, r.title, r.body, r.published_at, r.content_hash) for r in rows]


def count_to_understand(session: Session, version: str) -> int:
    return session.scalar(
        select(func.count(models.Document.id))
        .outerjoin(models.DocumentAnalysis, models.DocumentAnalysis.document_id == models.Document.id)
        .where(_pending(version))
    ) or 0


def record_failure(session: Session, failure: records.StageFailure) -> None:
    """A document a stage could not process, as a rejection row tied to the document."""
    document = session.get(models.Document, failure.document_id)
    source = document.source.name if document is not None and document.source else "unknown"
    statement = insert_for(session, models.Rejection.__table__).values(
        source_name=source, item_key=document.doc_key if document else str(failure.document_id),
        document_id=failure.document_id, stage=failure.stage, reason=failure.reason, message=failure.message,
        hint="The document is skipped and retried on the next run; report the message if it persists.",
        first_seen_at=utcnow(), last_seen_at=utcnow(),
    ).on_conflict_do_update(
        index_elements=["source_name", "item_key", "stage", "reason"],
        set_={"last_seen_at": utcnow(), "message": failure.message, "resolved_at": None},
    )
    session.execute(statement)


def resolve_failures(session: Session, document_id: int, stage: str) -> None:
    session.execute(
        update(models.Rejection)
        .where(models.Rejection.document_id == document_id, models.Rejection.stage == stage,
               models.Rejection.resolved_at.is_(None))
        .values(resolved_at=utcnow())
    )


def ensure_actors(session: Session, actors: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Upsert canonical actors (dicts of Actor columns; ``key`` is the full actor key such as
    "country:VN" or "org:molit"); returns actor key → row id."""
    ids: dict[str, int] = {}
    for actor in actors:
        statement = insert_for(session, models.Actor.__table__).values(**actor)
        statement = statement.on_conflict_do_update(
            index_elements=["kind", "key"],
            set_={k: v for k, v in actor.items() if k not in ("kind", "key")},
        ).returning(models.Actor.id)
        ids[actor["key"]] = session.scalar(statement)
    return ids


@dataclass(slots=True)
class EventFacts:
    """One extracted event ready to store, with the key that merges it with other reports."""

    event_key: str
    event: records.ExtractedEvent


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _forget_document(session: Session, document_id: int) -> None:
    session.execute(delete(models.Mention).where(models.Mention.document_id == document_id))
    touched = session.scalars(select(models.EventSource.event_id).where(models.EventSource.document_id == document_id)).all()
    session.execute(delete(models.EventSource).where(models.EventSource.document_id == document_id))
    if touched:
        orphan = ~exists().where(models.EventSource.event_id == models.Event.id)
        session.execute(
            delete(models.Event).where(
                models.Event.id.in_(touched), orphan, models.Event.created_by == "pipeline",
                models.Event.status == "reported",
            )
        )


def _attach_event(session: Session, document_id: int, facts: EventFacts, actor_ids: dict[str, int]) -> None:
    event = facts.event
    row = session.scalar(select(models.Event).where(models.Event.event_key == facts.event_key))
    if row is None:
        row = models.Event(
            event_key=facts.event_key, type=event.type, event_date=_parse_date(event.date),
            date_precision=event.date_precision, domain=event.domain, evidence=event.evidence,
            evidence_language=event.language, confidence=event.confidence, method=event.method,
            amounts=[{"value": a.value, "unit": a.unit, "qualifier": a.qualifier, "surface": a.surface} for a in event.amounts],
        )
        session.add(row)
        session.flush()
    elif event.confidence > row.confidence and row.created_by == "pipeline" and row.status == "reported":
        row.evidence, row.evidence_language, row.confidence = event.evidence, event.language, event.confidence
        row.updated_at = utcnow()
    source_exists = session.get(models.EventSource, (row.id, document_id))
    if source_exists is None:
        session.add(models.EventSource(event_id=row.id, document_id=document_id, evidence=event.evidence))
    for role, keys in (("korean_side", event.korean_side), ("partner_side", event.partner_side)):
        for key in keys:
            if key in actor_ids and session.get(models.EventParty, (row.id, actor_ids[key])) is None:
                session.add(models.EventParty(event_id=row.id, actor_id=actor_ids[key], role=role))
    for code in event.countries:
        if session.get(models.EventCountry, (row.id, code)) is None:
            session.add(models.EventCountry(event_id=row.id, country_code=code))
    session.flush()


def save_understanding(
    session: Session, result: records.Understanding, version: str, actor_ids: dict[str, int], events: list[EventFacts]
) -> None:
    _forget_document(session, result.document_id)
    session.add_all(
        models.Mention(
            document_id=result.document_id, actor_id=actor_ids[m.actor_key], surface=m.surface[:300],
            start=m.start, end=m.end, confidence=m.confidence, method=m.method,
        )
        for m in result.mentions if m.actor_key in actor_ids
    )
    for facts in events:
        _attach_event(session, result.document_id, facts, actor_ids)
    analysis = session.get(models.DocumentAnalysis, result.document_id)
    if analysis is None:
        analysis = models.DocumentAnalysis(document_id=result.document_id)
        session.add(analysis)
    analysis.content_hash = result.content_hash
    analysis.pipeline_version = version
    analysis.tone = result.tone
    analysis.keywords = result.keywords
    analysis.sentences = [[s.start, s.end, round(t, 4)] for s, t in zip(result.sentences, result.sentence_tones, strict=False)]
    analysis.processed_at = utcnow()
