"""Read queries behind the dashboard and the REST API: events, documents, actors, sources, network.

Every function takes a Session and returns plain dicts (JSON-ready apart from dates), so the API,
the server-rendered pages and exports share one implementation. Analysis results (topics,
indicators, Trust Index, KPIs) are not read here but through ``glocal.store.analytics``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from glocal.periods import bounds as period_bounds
from glocal.store import models
from glocal.store.events import filter_events

EVENT_TYPES = ("agreement", "meeting", "contract", "project", "funding", "forum", "program", "declaration", "setback")
EVENT_STATUSES = ("reported", "confirmed", "rejected", "merged")
DOMAINS = (  # the same list as glocal.nlp.events.lexicon (stores never import nlp)
    "smart_city", "mobility_uam", "rail", "roads_its", "airports_ports", "water", "housing_urban_dev",
    "energy_env", "culture_tourism", "digital_ai", "trade_investment", "other",
)


def _as_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


@dataclass(slots=True)
class Filters:
    """Filters shared by the list endpoints; validated by the web layer before they get here."""

    period: str | None = None
    language: str | None = None
    region: str | None = None  # actor key, e.g. local_gov:11680
    country: str | None = None  # ISO 3166 alpha-2
    domain: str | None = None
    event_type: str | None = None
    status: str | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0


# --- events ----------------------------------------------------------------------------------


def _actor_ids_for_key(key: str) -> Select[Any]:
    return select(models.Actor.id).where(models.Actor.key == key)


def event_statement(filters: Filters) -> Select[Any]:
    start, end = period_bounds(filters.period) if filters.period else (None, None)
    statement = filter_events(
        select(models.Event).where(models.Event.merged_into_id.is_(None)), type=filters.event_type,
        domain=filters.domain, status=filters.status, country=filters.country, since=start, until=end,
    )
    if filters.language:
        statement = statement.where(models.Event.evidence_language == filters.language)
    if filters.region:
        statement = statement.where(
            models.Event.id.in_(
                select(models.EventParty.event_id).where(models.EventParty.actor_id.in_(_actor_ids_for_key(filters.region)))
            )
        )
    if filters.q:
        pattern = f"%{filters.q}%"
        statement = statement.where(or_(models.Event.evidence.ilike(pattern), models.Event.summary.ilike(pattern)))
    return statement


def event_row(event: models.Event) -> dict[str, Any]:
    return {
        "id": event.id, "type": event.type, "date": event.event_date, "date_precision": event.date_precision,
        "domain": event.domain, "summary": event.summary, "evidence": event.evidence,
        "evidence_language": event.evidence_language, "confidence": round(event.confidence or 0.0, 3),
        "status": event.status, "signed_on": event.signed_on, "expires_on": event.expires_on,
        "amounts": event.amounts or [], "created_by": event.created_by, "merged_into_id": event.merged_into_id,
        "updated_at": event.updated_at,
    }


def _decorate_events(session: Session, events: list[models.Event]) -> list[dict[str, Any]]:
    """Rows with parties, countries and source counts, loaded in three queries for the whole page."""
    ids = [e.id for e in events]
    parties: dict[int, list[dict[str, Any]]] = defaultdict(list)
    countries: dict[int, list[str]] = defaultdict(list)
    sources: dict[int, int] = {}
    if ids:
        for event_id, role, actor_id, key, name_en, name_ko, name_ja in session.execute(
            select(models.EventParty.event_id, models.EventParty.role, models.Actor.id, models.Actor.key,
                   models.Actor.name_en, models.Actor.name_ko, models.Actor.name_ja)
            .join(models.Actor, models.Actor.id == models.EventParty.actor_id)
            .where(models.EventParty.event_id.in_(ids))
            .order_by(models.EventParty.role, models.Actor.name_en)
        ):
            parties[event_id].append(
                {"actor_id": actor_id, "key": key, "role": role, "name_en": name_en, "name_ko": name_ko, "name_ja": name_ja}
            )
        for event_id, code in session.execute(
            select(models.EventCountry.event_id, models.EventCountry.country_code)
            .where(models.EventCountry.event_id.in_(ids)).order_by(models.EventCountry.country_code)
        ):
            countries[event_id].append(code)
        sources = dict(
            session.execute(
                select(models.EventSource.event_id, func.count())
                .where(models.EventSource.event_id.in_(ids)).group_by(models.EventSource.event_id)
            ).all()
        )
    rows = []
    for event in events:
        row = event_row(event)
        row.update(parties=parties[event.id], countries=countries[event.id], sources=sources.get(event.id, 0))
        rows.append(row)
    return rows


def list_events(session: Session, filters: Filters) -> tuple[int, list[dict[str, Any]]]:
    statement = event_statement(filters)
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    events = list(
        session.scalars(
            statement.order_by(models.Event.event_date.desc().nulls_last(), models.Event.id.desc())
            .limit(filters.limit).offset(filters.offset)
        )
    )
    return total, _decorate_events(session, events)


def event_detail(session: Session, event_id: int) -> dict[str, Any] | None:
    event = session.get(models.Event, event_id)
    if event is None:
        return None
    row = _decorate_events(session, [event])[0]
    row["source_documents"] = [
        {"document_id": doc_id, "title": title, "url": url, "language": language, "published_at": published,
         "outlet": outlet, "evidence": evidence}
        for doc_id, title, url, language, published, outlet, evidence in session.execute(
            select(models.Document.id, models.Document.title, models.Document.url, models.Document.language,
                   models.Document.published_at, models.Document.outlet, models.EventSource.evidence)
            .join(models.EventSource, models.EventSource.document_id == models.Document.id)
            .where(models.EventSource.event_id == event_id)
            .order_by(models.Document.published_at.desc().nulls_last(), models.Document.id)
        )
    ]
    row["merged_from"] = list(
        session.scalars(select(models.Event.id).where(models.Event.merged_into_id == event_id).order_by(models.Event.id))
    )
    return row


def latest_events(session: Session, limit: int = 10, period: str | None = None) -> list[dict[str, Any]]:
    _, rows = list_events(session, Filters(period=period, limit=limit))
    return rows


# --- documents -------------------------------------------------------------------------------


def document_statement(filters: Filters) -> Select[Any]:
    statement = select(models.Document)
    if filters.period:
        start, end = period_bounds(filters.period)
        statement = statement.where(
            models.Document.published_at >= _as_datetime(start), models.Document.published_at < _as_datetime(end)
        )
    if filters.language:
        statement = statement.where(models.Document.language == filters.language)
    if filters.region:
        statement = statement.where(
            models.Document.id.in_(
                select(models.Mention.document_id).where(models.Mention.actor_id.in_(_actor_ids_for_key(filters.region)))
            )
        )
    event_conditions = []
    if filters.country:
        event_conditions.append(
            models.EventSource.event_id.in_(
                select(models.EventCountry.event_id).where(models.EventCountry.country_code == filters.country.upper())
            )
        )
    if filters.domain:
        event_conditions.append(models.EventSource.event_id.in_(select(models.Event.id).where(models.Event.domain == filters.domain)))
    if filters.event_type:
        event_conditions.append(
            models.EventSource.event_id.in_(select(models.Event.id).where(models.Event.type == filters.event_type))
        )
    if event_conditions:
        statement = statement.where(models.Document.id.in_(select(models.EventSource.document_id).where(*event_conditions)))
    return statement


def document_row(document: models.Document, source_name: str | None = None) -> dict[str, Any]:
    return {
        "id": document.id, "title": document.title, "url": document.url, "language": document.language,
        "published_at": document.published_at, "outlet": document.outlet, "source": source_name,
        "near_dup_group": document.near_dup_group, "snippet": (document.body or "")[:240],
    }


def _source_names(session: Session, source_ids: set[int]) -> dict[int, str]:
    if not source_ids:
        return {}
    return dict(session.execute(select(models.Source.id, models.Source.name).where(models.Source.id.in_(source_ids))).all())


def list_documents(session: Session, filters: Filters) -> tuple[int, list[dict[str, Any]]]:
    statement = document_statement(filters)
    if filters.q:
        pattern = f"%{filters.q}%"
        statement = statement.where(or_(models.Document.title.ilike(pattern), models.Document.body.ilike(pattern)))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    documents = list(
        session.scalars(
            statement.order_by(models.Document.published_at.desc().nulls_last(), models.Document.id.desc())
            .limit(filters.limit).offset(filters.offset)
        )
    )
    names = _source_names(session, {d.source_id for d in documents if d.source_id})
    return total, [document_row(d, names.get(d.source_id or -1)) for d in documents]


def documents_by_ids(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Rows for ``ids`` in the order given (missing ids are skipped)."""
    if not ids:
        return []
    found = {d.id: d for d in session.scalars(select(models.Document).where(models.Document.id.in_(ids)))}
    names = _source_names(session, {d.source_id for d in found.values() if d.source_id})
    return [document_row(found[i], names.get(found[i].source_id or -1)) for i in ids if i in found]


def _contains(session: Session, column: Any, text: str) -> Any:
    """Case-insensitive substring test; SQLite's LIKE already ignores ASCII case and skips lower()."""
    pattern = f"%{text}%"
    return column.like(pattern) if session.get_bind().dialect.name == "sqlite" else column.ilike(pattern)


def text_match_ids(session: Session, query: str, filters: Filters, limit: int = 200, bodies: bool = True) -> list[int]:
    """Documents whose title (first) or, with ``bodies``, body contains ``query``."""
    base = document_statement(filters).with_only_columns(models.Document.id)
    ids = list(session.scalars(base.where(_contains(session, models.Document.title, query)).limit(limit)))
    if bodies and len(ids) < limit:
        more = session.scalars(
            base.where(_contains(session, models.Document.body, query), models.Document.id.not_in(ids or [-1]))
            .limit(limit - len(ids))
        )
        ids.extend(more)
    return ids


def filtered_document_ids(session: Session, filters: Filters) -> set[int] | None:
    """Ids allowed by the filters, or None when no filter narrows the documents."""
    probe = Filters(period=filters.period, language=filters.language, region=filters.region, country=filters.country,
                    domain=filters.domain, event_type=filters.event_type)
    if not any((probe.period, probe.language, probe.region, probe.country, probe.domain, probe.event_type)):
        return None
    return set(session.scalars(document_statement(probe).with_only_columns(models.Document.id)))


def embedding_fingerprint(session: Session, model: str) -> tuple[int, int]:
    """(number of stored vectors of ``model``, newest document id): changes when vectors are added."""
    count = session.scalar(select(func.count()).select_from(models.Embedding).where(models.Embedding.model == model)) or 0
    newest = session.scalar(select(func.max(models.Document.id))) or 0
    return count, newest


def document_vectors(session: Session, model: str) -> tuple[list[int], list[bytes]]:
    """Document ids and their stored vectors (float32 bytes) for ``model``."""
    rows = session.execute(
        select(models.Document.id, models.Embedding.vector)
        .join(models.Embedding, models.Embedding.content_hash == models.Document.content_hash)
        .where(models.Embedding.model == model)
        .order_by(models.Document.id)
    ).all()
    return [r[0] for r in rows], [r[1] for r in rows]


def document_detail(session: Session, document_id: int) -> dict[str, Any] | None:
    """A document with its actor mentions and event evidence spans (offsets into the body)."""
    document = session.get(models.Document, document_id)
    if document is None:
        return None
    row = document_row(document, document.source.name if document.source else None)
    row["body"] = document.body
    row["mentions"] = [
        {"start": start, "end": end, "surface": surface, "actor_id": actor_id, "key": key, "kind": kind, "name_en": name_en}
        for start, end, surface, actor_id, key, kind, name_en in session.execute(
            select(models.Mention.start, models.Mention.end, models.Mention.surface, models.Actor.id, models.Actor.key,
                   models.Actor.kind, models.Actor.name_en)
            .join(models.Actor, models.Actor.id == models.Mention.actor_id)
            .where(models.Mention.document_id == document_id)
            .order_by(models.Mention.start)
        )
    ]
    events = []
    for event, evidence, start, end in session.execute(
        select(models.Event, models.EventSource.evidence, models.EventSource.start, models.EventSource.end)
        .join(models.EventSource, models.EventSource.event_id == models.Event.id)
        .where(models.EventSource.document_id == document_id)
        .order_by(models.Event.id)
    ):
        if start is None and evidence:
            found = document.body.find(evidence)
            start, end = (found, found + len(evidence)) if found >= 0 else (None, None)
        events.append({**event_row(event), "span": [start, end] if start is not None else None})
    row["events"] = events
    analysis = session.get(models.DocumentAnalysis, document_id)
    row["tone"] = analysis.tone if analysis else None
    row["keywords"] = list(analysis.keywords or [])[:15] if analysis else []
    row["topics"] = [
        {"topic_id": topic_id, "label": label}
        for topic_id, label in session.execute(
            select(models.Topic.id, models.Topic.label)
            .join(models.TopicMembership, models.TopicMembership.topic_id == models.Topic.id)
            .where(models.TopicMembership.document_id == document_id)
        )
    ]
    return row


# --- actors, network, partners ----------------------------------------------------------------


def actor_row(actor: models.Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "key": actor.key, "kind": actor.kind, "name_en": actor.name_en, "name_ko": actor.name_ko,
        "name_ja": actor.name_ja, "country_code": actor.country_code, "admin_code": actor.admin_code,
    }


def list_actors(session: Session, kind: str | None, country: str | None, q: str | None,
                limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    statement = select(models.Actor)
    if kind:
        statement = statement.where(models.Actor.kind == kind)
    if country:
        statement = statement.where(models.Actor.country_code == country.upper())
    if q:
        pattern = f"%{q}%"
        statement = statement.where(
            or_(models.Actor.name_en.ilike(pattern), models.Actor.name_ko.ilike(pattern),
                models.Actor.name_ja.ilike(pattern), models.Actor.key.ilike(pattern))
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    actors = session.scalars(statement.order_by(models.Actor.kind, models.Actor.name_en).limit(limit).offset(offset))
    return total, [actor_row(a) for a in actors]


def actor_detail(session: Session, actor_id: int) -> dict[str, Any] | None:
    actor = session.get(models.Actor, actor_id)
    if actor is None:
        return None
    row = actor_row(actor)
    row["mentions"] = session.scalar(select(func.count()).select_from(models.Mention).where(models.Mention.actor_id == actor_id)) or 0
    events = session.scalars(
        select(models.Event)
        .join(models.EventParty, models.EventParty.event_id == models.Event.id)
        .where(models.EventParty.actor_id == actor_id, models.Event.merged_into_id.is_(None))
        .order_by(models.Event.event_date.desc().nulls_last()).limit(50)
    )
    row["events"] = [event_row(e) for e in events]
    return row


def actors_by_keys(session: Session, keys: list[str]) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    return {a.key: actor_row(a) for a in session.scalars(select(models.Actor).where(models.Actor.key.in_(keys)))}


def shared_event_links(session: Session, period: str | None, today: date | None = None,
                       half_life_days: float = 365.0) -> tuple[dict[int, dict[str, Any]], dict[tuple[int, int], float]]:
    """Actors and the recency-weighted number of events each pair shares (weight 0.5 per half-life)."""
    statement = (
        select(models.EventParty.event_id, models.EventParty.actor_id, models.Event.event_date)
        .join(models.Event, models.Event.id == models.EventParty.event_id)
        .where(models.Event.merged_into_id.is_(None), models.Event.status != "rejected")
    )
    if period:
        start, end = period_bounds(period)
        statement = statement.where(models.Event.event_date >= start, models.Event.event_date < end)
    today = today or date.today()
    by_event: dict[int, list[int]] = defaultdict(list)
    weights: dict[int, float] = {}
    for event_id, actor_id, event_date in session.execute(statement):
        by_event[event_id].append(actor_id)
        age = (today - event_date).days if event_date else half_life_days
        weights[event_id] = math.pow(0.5, max(age, 0) / half_life_days)
    edges: dict[tuple[int, int], float] = defaultdict(float)
    for event_id, actor_ids in by_event.items():
        members = sorted(set(actor_ids))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                edges[(a, b)] += weights[event_id]
    actor_ids = {a for pair in edges for a in pair}
    actors = {a.id: actor_row(a) for a in session.scalars(select(models.Actor).where(models.Actor.id.in_(actor_ids)))} if actor_ids else {}
    return actors, dict(edges)


def partner_countries(session: Session, period: str | None, home_country: str = "KR") -> dict[str, int]:
    """Events per partner country (the home country excluded), rejected and merged ones left out."""
    statement = (
        select(models.EventCountry.country_code, func.count())
        .join(models.Event, models.Event.id == models.EventCountry.event_id)
        .where(models.Event.merged_into_id.is_(None), models.Event.status != "rejected",
               models.EventCountry.country_code != home_country)
        .group_by(models.EventCountry.country_code)
    )
    if period:
        start, end = period_bounds(period)
        statement = statement.where(models.Event.event_date >= start, models.Event.event_date < end)
    return {code: count for code, count in session.execute(statement)}


# --- sources, runs, briefings, users, audit --------------------------------------------------


def list_sources_with_health(session: Session) -> list[dict[str, Any]]:
    open_counts = dict(
        session.execute(
            select(models.Rejection.source_name, func.count())
            .where(models.Rejection.resolved_at.is_(None)).group_by(models.Rejection.source_name)
        ).all()
    )
    return [
        {"id": s.id, "name": s.name, "kind": s.kind, "location": s.location, "enabled": s.enabled,
         "credibility": s.credibility, "language": s.language, "origin": s.origin,
         "last_fetched_at": s.last_fetched_at, "last_status": s.last_status, "last_error": s.last_error,
         "documents_total": s.documents_total, "open_rejections": open_counts.get(s.name, 0)}
        for s in session.scalars(select(models.Source).order_by(models.Source.name))
    ]


def list_rejections(session: Session, source: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    statement = select(models.Rejection).where(models.Rejection.resolved_at.is_(None))
    if source:
        statement = statement.where(models.Rejection.source_name == source)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(models.Rejection.last_seen_at.desc(), models.Rejection.id).limit(limit).offset(offset))
    return total, [
        {"id": r.id, "source": r.source_name, "item_key": r.item_key, "stage": r.stage, "reason": r.reason,
         "message": r.message, "hint": r.hint, "last_seen_at": r.last_seen_at}
        for r in rows
    ]


def list_runs(session: Session, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    total = session.scalar(select(func.count()).select_from(models.AnalysisRun)) or 0
    runs = session.scalars(select(models.AnalysisRun).order_by(models.AnalysisRun.id.desc()).limit(limit).offset(offset))
    return total, [
        {"id": r.id, "kind": r.kind, "status": r.status, "started_at": r.started_at, "finished_at": r.finished_at,
         "parameters": r.parameters, "model_versions": r.model_versions, "input_counts": r.input_counts,
         "timings": r.timings, "error": r.error}
        for r in runs
    ]


def list_briefings(session: Session, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    total = session.scalar(select(func.count()).select_from(models.Briefing)) or 0
    rows = session.execute(
        select(models.Briefing.id, models.Briefing.period, models.Briefing.scope, models.Briefing.language,
               models.Briefing.format, models.Briefing.created_at, models.Briefing.created_by,
               func.length(models.Briefing.content))
        .order_by(models.Briefing.id.desc()).limit(limit).offset(offset)
    )
    return total, [
        {"id": i, "period": p, "scope": s, "language": lang, "format": f, "created_at": c, "created_by": by, "bytes": n}
        for i, p, s, lang, f, c, by, n in rows
    ]


def list_users(session: Session) -> list[dict[str, Any]]:
    return [
        {"id": u.id, "username": u.username, "role": u.role, "display_name": u.display_name, "active": u.active,
         "ui_language": u.ui_language, "created_at": u.created_at, "last_login_at": u.last_login_at}
        for u in session.scalars(select(models.User).order_by(models.User.username))
    ]


def list_audit(session: Session, entity_type: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    statement = select(models.AuditEntry)
    if entity_type:
        statement = statement.where(models.AuditEntry.entity_type == entity_type)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(models.AuditEntry.id.desc()).limit(limit).offset(offset))
    return total, [
        {"id": a.id, "at": a.at, "username": a.username, "action": a.action, "entity_type": a.entity_type,
         "entity_id": a.entity_id, "before": a.before, "after": a.after}
        for a in rows
    ]
