"""Queries over merged events and actor activity (CLI now, API later)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from glocal.store import models


@dataclass(slots=True)
class EventQuery:
    type: str | None = None
    country: str | None = None
    domain: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 50
    offset: int = 0


@dataclass(slots=True)
class EventView:
    event: models.Event
    parties: list[tuple[str, str]] = field(default_factory=list)  # (role, English name)
    countries: list[str] = field(default_factory=list)
    sources: int = 0


def filter_events(statement: Select[Any], *, type: str | None = None, domain: str | None = None,
                  status: str | None = None, country: str | None = None, since: date | None = None,
                  until: date | None = None) -> Select[Any]:
    """The event filters shared by the CLI and the web queries (``until`` is exclusive)."""
    if type:
        statement = statement.where(models.Event.type == type)
    if domain:
        statement = statement.where(models.Event.domain == domain)
    if status:
        statement = statement.where(models.Event.status == status)
    if since:
        statement = statement.where(models.Event.event_date >= since)
    if until:
        statement = statement.where(models.Event.event_date < until)
    if country:
        statement = statement.where(
            models.Event.id.in_(select(models.EventCountry.event_id).where(models.EventCountry.country_code == country.upper()))
        )
    return statement


def find_events(session: Session, query: EventQuery) -> tuple[int, list[EventView]]:
    statement = filter_events(
        select(models.Event).where(models.Event.merged_into_id.is_(None)), type=query.type, domain=query.domain,
        status=query.status, country=query.country, since=query.since, until=query.until,
    )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(models.Event.event_date.desc().nulls_last(), models.Event.id).limit(query.limit).offset(query.offset)
    ).all()
    return total, [describe_event(session, row) for row in rows]


def describe_event(session: Session, event: models.Event) -> EventView:
    parties = session.execute(
        select(models.EventParty.role, models.Actor.name_en)
        .join(models.Actor, models.Actor.id == models.EventParty.actor_id)
        .where(models.EventParty.event_id == event.id)
        .order_by(models.EventParty.role, models.Actor.name_en)
    ).all()
    countries = session.scalars(
        select(models.EventCountry.country_code).where(models.EventCountry.event_id == event.id).order_by(models.EventCountry.country_code)
    ).all()
    sources = session.scalar(select(func.count()).select_from(models.EventSource).where(models.EventSource.event_id == event.id)) or 0
    return EventView(event, [(r.role, r.name_en) for r in parties], list(countries), sources)


@dataclass(slots=True)
class ActorActivity:
    actor: models.Actor | None
    mentions: int = 0
    documents: int = 0
    events: Sequence[models.Event] = ()


def actor_activity(session: Session, actor_key: str, limit: int = 20) -> ActorActivity:
    actor = session.scalar(select(models.Actor).where(models.Actor.key == actor_key))
    if actor is None:
        return ActorActivity(None)
    mentions = session.scalar(select(func.count()).select_from(models.Mention).where(models.Mention.actor_id == actor.id)) or 0
    documents = session.scalar(
        select(func.count(func.distinct(models.Mention.document_id))).where(models.Mention.actor_id == actor.id)
    ) or 0
    events = session.scalars(
        select(models.Event)
        .join(models.EventParty, models.EventParty.event_id == models.Event.id)
        .where(models.EventParty.actor_id == actor.id)
        .order_by(models.Event.event_date.desc().nulls_last())
        .limit(limit)
    ).all()
    return ActorActivity(actor, mentions, documents, events)
