"""Reading and writing ingestion data: sources, documents, rejections, runs.

Functions take a Session and plain records; transactions are the caller's (the pipeline's),
so a batch is stored entirely or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from glocal import records
from glocal.store import models
from glocal.store.models import utcnow
from glocal.store.upsert import insert_for


def doc_key(document: records.Document) -> str:
    return document.canonical_url or f"sha256:{document.content_hash}"


# --- sources ---------------------------------------------------------------------------------


def upsert_source(session: Session, spec: records.SourceSpec, origin: str) -> models.Source:
    source = session.scalar(select(models.Source).where(models.Source.name == spec.name))
    if source is None:
        source = models.Source(name=spec.name, origin=origin)
        session.add(source)
    source.kind = spec.kind
    source.location = spec.location
    source.allow_private = spec.allow_private
    source.credibility = spec.credibility
    source.language = spec.language
    source.options = dict(spec.options)
    session.flush()
    return source


def source_spec(source: models.Source) -> records.SourceSpec:
    return records.SourceSpec(
        name=source.name, kind=source.kind, location=source.location,
        allow_private=source.allow_private, credibility=source.credibility,
        language=source.language, options=dict(source.options or {}),
    )


def list_sources(session: Session) -> Sequence[models.Source]:
    return session.scalars(select(models.Source).order_by(models.Source.name)).all()


def get_source(session: Session, name: str) -> models.Source | None:
    return session.scalar(select(models.Source).where(models.Source.name == name))


def mark_source_fetched(session: Session, source: models.Source, status: str, error: str | None) -> None:
    source.last_fetched_at = utcnow()
    source.last_status = status
    source.last_error = error
    source.documents_total = session.scalar(
        select(func.count()).select_from(models.Document).where(models.Document.source_id == source.id)
    ) or 0


# --- documents -------------------------------------------------------------------------------


@dataclass(slots=True)
class StoredState:
    id: int
    content_hash: str


def existing_documents(session: Session, keys: Iterable[str]) -> dict[str, StoredState]:
    keys = list(set(keys))
    found: dict[str, StoredState] = {}
    for start in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
        chunk = keys[start : start + 500]
        rows = session.execute(
            select(models.Document.doc_key, models.Document.id, models.Document.content_hash).where(
                models.Document.doc_key.in_(chunk)
            )
        )
        found.update({row.doc_key: StoredState(row.id, row.content_hash) for row in rows})
    return found


def new_document_row(document: records.Document, source_id: int | None, run_id: int | None) -> models.Document:
    return models.Document(
        doc_key=doc_key(document),
        source_id=source_id,
        item_key=document.item_key,
        url=document.url,
        canonical_url=document.canonical_url,
        title=document.title,
        body=document.body,
        outlet=document.outlet,
        external_id=document.external_id,
        language=document.language,
        language_confidence=document.language_confidence,
        published_at=document.published_at,
        content_hash=document.content_hash,
        minhash=document.minhash,
        meta=document.meta,
        ingest_run_id=run_id,
    )


def update_document_row(row: models.Document, document: records.Document, run_id: int | None) -> None:
    """A known document whose content changed (an article corrected after publication)."""
    row.title = document.title
    row.body = document.body
    row.language = document.language
    row.language_confidence = document.language_confidence
    row.published_at = document.published_at or row.published_at
    row.content_hash = document.content_hash
    row.minhash = document.minhash
    row.updated_at = utcnow()
    row.ingest_run_id = run_id


def signatures(session: Session) -> Iterator[tuple[int, bytes, int | None]]:
    rows = session.execute(
        select(models.Document.id, models.Document.minhash, models.Document.near_dup_group)
        .where(models.Document.minhash.is_not(None))
        .order_by(models.Document.id)
    )
    for row in rows:
        yield row.id, row.minhash, row.near_dup_group


# --- rejections ------------------------------------------------------------------------------


def record_rejections(session: Session, rejections: Iterable[records.Rejection]) -> int:
    """Insert new problems, refresh known ones; a rerun over the same bad input adds no rows."""
    count = 0
    now = utcnow()
    for rejection in rejections:
        statement = insert_for(session, models.Rejection.__table__).values(
            source_name=rejection.source, item_key=rejection.item_key[:2048], stage=rejection.stage,
            reason=rejection.reason, message=rejection.message, hint=rejection.hint,
            first_seen_at=now, last_seen_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["source_name", "item_key", "stage", "reason"],
            set_={"last_seen_at": now, "message": rejection.message, "hint": rejection.hint, "resolved_at": None},
        )
        session.execute(statement)
        count += 1
    return count


def resolve_rejections(session: Session, source: str, item_keys: Sequence[str]) -> None:
    """Items that now ingest fine no longer count as problems."""
    for start in range(0, len(item_keys), 500):
        session.execute(
            update(models.Rejection)
            .where(
                models.Rejection.source_name == source,
                models.Rejection.item_key.in_(item_keys[start : start + 500]),
                models.Rejection.resolved_at.is_(None),
                models.Rejection.stage.in_(("fetch", "parse", "validate", "store")),
            )
            .values(resolved_at=utcnow())
        )


def open_rejections(session: Session, source: str | None = None, limit: int = 200) -> Sequence[models.Rejection]:
    query = select(models.Rejection).where(models.Rejection.resolved_at.is_(None))
    if source:
        query = query.where(models.Rejection.source_name == source)
    return session.scalars(query.order_by(models.Rejection.source_name, models.Rejection.item_key).limit(limit)).all()


def rejection_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(models.Rejection.source_name, func.count())
        .where(models.Rejection.resolved_at.is_(None))
        .group_by(models.Rejection.source_name)
    )
    return {name: count for name, count in rows}


# --- runs ------------------------------------------------------------------------------------


def start_run(session: Session, source_names: list[str]) -> models.IngestRun:
    run = models.IngestRun(sources=source_names)
    session.add(run)
    session.flush()
    return run


def finish_run(session: Session, run_id: int, status: str, counts: dict[str, int]) -> None:
    session.execute(
        update(models.IngestRun)
        .where(models.IngestRun.id == run_id)
        .values(status=status, finished_at=utcnow(), **counts)
    )


# --- queries for the CLI and later the API ---------------------------------------------------


@dataclass(slots=True)
class DocumentQuery:
    language: str | None = None
    source: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0


def find_documents(session: Session, query: DocumentQuery) -> tuple[int, Sequence[models.Document]]:
    statement = select(models.Document)
    if query.language:
        statement = statement.where(models.Document.language == query.language)
    if query.source:
        statement = statement.join(models.Source).where(models.Source.name == query.source)
    if query.since:
        statement = statement.where(models.Document.published_at >= query.since)
    if query.until:
        statement = statement.where(models.Document.published_at < query.until)
    if query.text:
        # substring match works for CJK without a tokenizer; cross-language search comes with embeddings
        pattern = f"%{query.text}%"
        statement = statement.where(or_(models.Document.title.ilike(pattern), models.Document.body.ilike(pattern)))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(models.Document.published_at.desc().nulls_last(), models.Document.id)
        .limit(query.limit)
        .offset(query.offset)
    ).all()
    return total, rows


def get_document(session: Session, document_id: int) -> models.Document | None:
    return session.get(models.Document, document_id)


def group_members(session: Session, group: int) -> Sequence[models.Document]:
    return session.scalars(
        select(models.Document).where(models.Document.near_dup_group == group).order_by(models.Document.id)
    ).all()


def corpus_summary(session: Session) -> dict[str, object]:
    documents = session.scalar(select(func.count()).select_from(models.Document)) or 0
    by_language = dict(
        session.execute(
            select(models.Document.language, func.count()).group_by(models.Document.language)
        ).all()
    )
    group_sizes = select(models.Document.near_dup_group, func.count().label("n")).group_by(
        models.Document.near_dup_group
    ).subquery()
    multi_groups = session.scalar(select(func.count()).select_from(group_sizes).where(group_sizes.c.n > 1)) or 0
    grouped_docs = session.scalar(select(func.coalesce(func.sum(group_sizes.c.n), 0)).where(group_sizes.c.n > 1)) or 0
    rejections = session.scalar(
        select(func.count()).select_from(models.Rejection).where(models.Rejection.resolved_at.is_(None))
    ) or 0
    return {
        "documents": documents,
        "languages": dict(sorted(by_language.items(), key=lambda kv: -kv[1])),
        "near_duplicate_groups": multi_groups,
        "documents_in_near_duplicate_groups": int(grouped_docs),
        "open_rejections": rejections,
    }
