"""Reading the inputs of the analysis stage and writing its results (embeddings, topics, indicators).

Rows go out as plain tuples and dictionaries; the pipeline turns them into the analysis stage's
records, so the store does not depend on the analysis package.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.orm import Session

from glocal.store import models
from glocal.store.upsert import insert_for

# --- embeddings ---------------------------------------------------------------------------------


def texts_to_embed(session: Session, model: str, after_id: int, limit: int) -> list[tuple[int, str, str, str]]:
    """(document id, content_hash, title, body) of documents after ``after_id`` whose text has no
    vector for ``model`` yet, in id order (one row per content hash)."""
    embedded = select(models.Embedding.content_hash).where(models.Embedding.model == model)
    rows = session.execute(
        select(models.Document.id, models.Document.content_hash, models.Document.title, models.Document.body)
        .where(models.Document.content_hash.not_in(embedded), models.Document.id > after_id)
        .order_by(models.Document.id)
        .limit(limit)
    ).all()
    unique: dict[str, tuple[int, str, str, str]] = {}
    for doc_id, content_hash, title, body in rows:
        unique.setdefault(content_hash, (doc_id, content_hash, title or "", body or ""))
    return sorted(unique.values())


def count_to_embed(session: Session, model: str) -> int:
    embedded = select(models.Embedding.content_hash).where(models.Embedding.model == model)
    return session.scalar(
        select(func.count(func.distinct(models.Document.content_hash))).where(models.Document.content_hash.not_in(embedded))
    ) or 0


def save_embeddings(session: Session, model: str, dim: int, vectors: Iterable[tuple[str, bytes]]) -> None:
    rows = [{"content_hash": h, "model": model, "dim": dim, "vector": v} for h, v in vectors]
    if rows:
        statement = insert_for(session, models.Embedding.__table__).values(rows)
        session.execute(statement.on_conflict_do_nothing(index_elements=["content_hash", "model"]))


# --- topic inputs -------------------------------------------------------------------------------


def _assigned_ids():  # type: ignore[no-untyped-def]
    return (
        select(models.TopicMembership.document_id)
        .join(models.Topic, models.Topic.id == models.TopicMembership.topic_id)
        .where(models.Topic.level == 0, models.Topic.active.is_(True))
    )


def topic_inputs(session: Session, model: str, unassigned_only: bool = False) -> Iterator[dict[str, Any]]:
    """Analysed documents with vector, actors, keywords and event domains, by id; with
    ``unassigned_only``, just those in no topic yet (what an incremental run needs)."""
    condition = models.Document.id.not_in(_assigned_ids()) if unassigned_only else None
    actors = document_actor_keys(session, condition)
    domains: dict[int, list[str]] = defaultdict(list)
    domain_query = select(models.EventSource.document_id, models.Event.domain).join(models.Event, models.Event.id == models.EventSource.event_id)
    if unassigned_only:
        domain_query = domain_query.where(models.EventSource.document_id.not_in(_assigned_ids()))
    for document_id, domain in session.execute(domain_query):
        domains[document_id].append(domain)
    query = (
        select(models.Document.id, models.Document.language, models.Document.published_at,
               models.DocumentAnalysis.keywords, models.Embedding.vector)
        .join(models.DocumentAnalysis, models.DocumentAnalysis.document_id == models.Document.id)
        .join(models.Embedding, (models.Embedding.content_hash == models.Document.content_hash) & (models.Embedding.model == model))
        .order_by(models.Document.id)
    )
    if condition is not None:
        query = query.where(condition)
    for doc_id, language, published_at, keywords, vector in session.execute(query):
        yield {
            "document_id": doc_id, "language": language, "published_at": published_at,
            "keywords": keywords or [], "vector": vector, "actors": actors.get(doc_id, []),
            "domains": domains.get(doc_id, []),
        }


def document_actor_keys(session: Session, document_condition: Any = None) -> dict[int, list[str]]:
    keys: dict[int, list[str]] = defaultdict(list)
    query = select(models.Mention.document_id, models.Actor.key).join(models.Actor, models.Actor.id == models.Mention.actor_id)
    if document_condition is not None:
        query = query.where(models.Mention.document_id.in_(select(models.Document.id).where(document_condition)))
    for document_id, key in session.execute(query):
        keys[document_id].append(key)
    return keys


def actor_countries(session: Session) -> dict[str, str | None]:
    return dict(session.execute(select(models.Actor.key, models.Actor.country_code)).all())


def document_facts(session: Session, since: datetime | None = None) -> Iterator[dict[str, Any]]:
    """Per analysed document (published on or after ``since``, if given): date, language, tone,
    credibility, outlet, near-dup group, topic."""
    membership = (
        select(models.TopicMembership.document_id, models.Topic.topic_key)
        .join(models.Topic, models.Topic.id == models.TopicMembership.topic_id)
        .where(models.Topic.level == 0, models.Topic.active.is_(True))
    ).subquery()
    rows = session.execute(
        select(models.Document.id, models.Document.published_at, models.Document.language, models.DocumentAnalysis.tone,
               models.Source.credibility, models.Source.name, models.Document.outlet, models.Document.near_dup_group,
               models.DocumentAnalysis.keywords, membership.c.topic_key)
        .join(models.DocumentAnalysis, models.DocumentAnalysis.document_id == models.Document.id)
        .outerjoin(models.Source, models.Source.id == models.Document.source_id)
        .outerjoin(membership, membership.c.document_id == models.Document.id)
        .where(models.Document.published_at >= since if since is not None else True)
        .order_by(models.Document.id)
    )
    for r in rows:
        yield {
            "document_id": r[0], "published_at": r[1], "language": r[2], "tone": r[3],
            "credibility": r[4] if r[4] is not None else 0.5, "outlet": r[6] or r[5] or "unknown",
            "near_dup_group": r[7], "keywords": r[8] or [], "topic_key": r[9],
        }


def event_facts(session: Session) -> list[dict[str, Any]]:
    """Every merged (not merged-away) event with its parties, countries and source documents."""
    events = {
        event_id: {"event_id": event_id, "type": type_, "day": day, "domain": domain, "status": status,
                   "parties": set(), "partner_side": set(), "countries": set(), "document_ids": []}
        for event_id, type_, day, domain, status in session.execute(
            select(models.Event.id, models.Event.type, models.Event.event_date, models.Event.domain, models.Event.status)
            .where(models.Event.merged_into_id.is_(None))
        )
    }
    for event_id, key, role in session.execute(
        select(models.EventParty.event_id, models.Actor.key, models.EventParty.role).join(models.Actor, models.Actor.id == models.EventParty.actor_id)
    ):
        if event_id in events:
            events[event_id]["parties"].add(key)
            if role == "partner_side":
                events[event_id]["partner_side"].add(key)
    for event_id, code in session.execute(select(models.EventCountry.event_id, models.EventCountry.country_code)):
        if event_id in events:
            events[event_id]["countries"].add(code)
    for event_id, document_id in session.execute(
        select(models.EventSource.event_id, models.EventSource.document_id).order_by(models.EventSource.document_id)
    ):
        if event_id in events:
            events[event_id]["document_ids"].append(document_id)
    return list(events.values())


# --- topics -------------------------------------------------------------------------------------


def active_topics(session: Session, level: int = 0) -> list[models.Topic]:
    return list(session.scalars(
        select(models.Topic).where(models.Topic.active.is_(True), models.Topic.level == level).order_by(models.Topic.id)
    ))


def topic_members(session: Session, topic_ids: Sequence[int]) -> dict[int, set[int]]:
    members: dict[int, set[int]] = defaultdict(set)
    for topic_id, document_id in session.execute(
        select(models.TopicMembership.topic_id, models.TopicMembership.document_id).where(models.TopicMembership.topic_id.in_(topic_ids))
    ):
        members[topic_id].add(document_id)
    return members


def upsert_topic(session: Session, run_id: int, key: str, values: dict[str, Any]) -> int:
    topic = session.scalar(select(models.Topic).where(models.Topic.topic_key == key))
    if topic is None:
        topic = models.Topic(topic_key=key, created_run_id=run_id)
        session.add(topic)
    for name, value in values.items():
        setattr(topic, name, value)
    topic.active, topic.updated_run_id, topic.merged_into_id = True, run_id, None
    session.flush()
    return topic.id


def deactivate_topics_except(session: Session, keep_keys: set[str], level: int) -> None:
    session.execute(
        update(models.Topic).where(models.Topic.level == level, models.Topic.topic_key.not_in(keep_keys)).values(active=False)
    )


def replace_memberships(session: Session, topic_id: int, members: Sequence[tuple[int, float]]) -> None:
    session.execute(delete(models.TopicMembership).where(models.TopicMembership.topic_id == topic_id))
    add_memberships(session, topic_id, members)


def add_memberships(session: Session, topic_id: int, members: Sequence[tuple[int, float]]) -> None:
    rows = [{"topic_id": topic_id, "document_id": d, "probability": p} for d, p in members]
    for start in range(0, len(rows), 5000):
        session.execute(insert(models.TopicMembership.__table__), rows[start : start + 5000])


def clear_memberships_of_inactive(session: Session) -> None:
    inactive = select(models.Topic.id).where(models.Topic.active.is_(False))
    session.execute(delete(models.TopicMembership).where(models.TopicMembership.topic_id.in_(inactive)))


def merge_topic(session: Session, source_key: str, target_key: str, run_id: int | None = None) -> int:
    """Move every document of one topic into another; the source stays as a merged record."""
    source = session.scalar(select(models.Topic).where(models.Topic.topic_key == source_key))
    target = session.scalar(select(models.Topic).where(models.Topic.topic_key == target_key))
    if source is None or target is None or source.id == target.id:
        raise KeyError(source_key if source is None else target_key)
    already = set(session.scalars(select(models.TopicMembership.document_id).where(models.TopicMembership.topic_id == target.id)))
    moved = [(d, p) for d, p in session.execute(
        select(models.TopicMembership.document_id, models.TopicMembership.probability).where(models.TopicMembership.topic_id == source.id)
    ) if d not in already]
    session.execute(delete(models.TopicMembership).where(models.TopicMembership.topic_id == source.id))
    add_memberships(session, target.id, moved)
    source.active, source.merged_into_id = False, target.id
    target.size = len(already) + len(moved)
    return len(moved)


# --- indicators and runs --------------------------------------------------------------------------


def save_indicators(session: Session, run_id: int, rows: Iterable[dict[str, Any]]) -> int:
    batch, count = [], 0
    for row in rows:
        batch.append({"run_id": run_id, **row})
        if len(batch) >= 5000:
            session.execute(insert(models.IndicatorValue.__table__), batch)
            count += len(batch)
            batch = []
    if batch:
        session.execute(insert(models.IndicatorValue.__table__), batch)
        count += len(batch)
    return count


def copy_indicators(session: Session, from_run: int, to_run: int, except_periods: set[str]) -> int:
    """Carry the previous run's values for periods this run did not recompute (in the database)."""
    table = models.IndicatorValue.__table__
    names = [c.name for c in table.c if c.name not in ("id", "run_id")]
    selected = select(literal(to_run).label("run_id"), *[table.c[n] for n in names]).where(table.c.run_id == from_run)
    if except_periods:
        selected = selected.where(table.c.period.not_in(except_periods))
    result = session.execute(table.insert().from_select(["run_id", *names], selected))
    return result.rowcount or 0


def latest_feature_state(session: Session) -> tuple[int, dict[str, Any]] | None:
    """Feature state of the latest completed topic fit, with that run's id."""
    for run in session.scalars(
        select(models.AnalysisRun).where(models.AnalysisRun.kind.in_(("full", "incremental")), models.AnalysisRun.status == "completed")
        .order_by(models.AnalysisRun.id.desc())
    ):
        if run.parameters.get("feature_state"):
            return run.id, run.parameters["feature_state"]
    return None


def fitted_by(session: Session, run_id: int) -> str | None:
    """Analysis version of the topic fit whose feature state a run saved (runs before the
    ``fitted_by`` parameter existed: the version that run recorded)."""
    run = session.get(models.AnalysisRun, run_id)
    if run is None:
        return None
    return (run.parameters or {}).get("fitted_by") or (run.model_versions or {}).get("analysis")


def earliest_day(days: Iterable[date | None]) -> date | None:
    present = [d for d in days if d is not None]
    return min(present) if present else None


def actor_names(session: Session) -> dict[str, tuple[str, str, str | None, str | None]]:
    """Actor key → (kind, English name, Korean name, Japanese name)."""
    return {
        key: (kind, en, ko, ja)
        for key, kind, en, ko, ja in session.execute(
            select(models.Actor.key, models.Actor.kind, models.Actor.name_en, models.Actor.name_ko, models.Actor.name_ja)
        )
    }


def count_topic_inputs(session: Session, model: str) -> int:
    return session.scalar(
        select(func.count(models.Document.id))
        .join(models.DocumentAnalysis, models.DocumentAnalysis.document_id == models.Document.id)
        .join(models.Embedding, (models.Embedding.content_hash == models.Document.content_hash) & (models.Embedding.model == model))
    ) or 0


def earliest_publication(session: Session, document_ids: Iterable[int]) -> datetime | None:
    ids = list(document_ids)
    earliest = None
    for start in range(0, len(ids), 5000):
        value = session.scalar(select(func.min(models.Document.published_at)).where(models.Document.id.in_(ids[start : start + 5000])))
        if value is not None and (earliest is None or value < earliest):
            earliest = value
    return earliest


def topic_tones(session: Session, run_id: int, exclude_periods: set[str]) -> dict[tuple[str, str], float | None]:
    """Topic tone per (topic key, period) stored by a run, for periods not in ``exclude_periods``."""
    table = models.IndicatorValue
    rows = session.execute(
        select(table.scope_key, table.period, table.value)
        .where(table.run_id == run_id, table.scope_kind == "topic", table.metric == "tone")
    )
    return {(key, period): value for key, period, value in rows if period not in exclude_periods}
