"""Facts a briefing is made of, read from the store in a few bulk queries.

Only events that are not rejected and not merged into another count; "reported" and "confirmed"
both do (confirmed ones weigh more in selection). A region scope keeps the events the region is a
party to; the ministry scope keeps every event. Document bodies are never loaded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from glocal.report.periods import Period, trailing_months
from glocal.store import analytics, models

CHUNK = 5000  # ids per IN (...) list, well under every backend's parameter limit
HISTORY_DAYS = 365


@dataclass(frozen=True, slots=True)
class Party:
    key: str
    kind: str
    role: str  # korean_side | partner_side | party
    names: dict[str, str]  # en, ko, ja where known
    country: str | None


@dataclass(slots=True)
class EventFact:
    id: int
    key: str
    type: str
    date: date | None
    precision: str
    domain: str
    status: str
    amounts: list[dict[str, Any]]
    evidence: str | None
    evidence_language: str | None
    parties: list[Party] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)

    @property
    def partner_countries(self) -> list[str]:
        return [code for code in self.countries if code != "KR"]


@dataclass(frozen=True, slots=True)
class DocumentFact:
    id: int
    title: str
    outlet: str | None
    published: date | None
    language: str
    url: str | None
    group: int  # near-duplicate group, or the document's own id
    credibility: float
    tone: float | None


@dataclass(slots=True)
class AnalysisFacts:
    """Results of the latest completed analysis run, read through ``glocal.store.analytics``."""

    run_id: int
    topics: list[dict[str, Any]]
    kpis: dict[str, dict[str, Any]]
    regions: dict[str, dict[str, dict[str, Any]]]
    partners: dict[str, dict[str, dict[str, Any]]]
    trust_series: list[tuple[str, float | None]]
    names: dict[str, dict[str, str]]  # region actor key → names per language


@dataclass(slots=True)
class PeriodFacts:
    period: Period
    scope: str
    region_key: str | None
    events: list[EventFact]
    previous: list[EventFact]  # the period of the same length just before
    history: list[EventFact]  # HISTORY_DAYS before the period start (includes ``previous``)
    documents: dict[int, DocumentFact]
    trend: list[tuple[str, int]]  # events per month, twelve months ending with the period
    analysis: AnalysisFacts | None


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _event_filter(statement: Select[Any], start: date, end: date, actor_id: int | None) -> Select[Any]:
    statement = statement.where(
        models.Event.merged_into_id.is_(None),
        models.Event.status != "rejected",
        models.Event.event_date >= start,
        models.Event.event_date < end,
    )
    if actor_id is not None:
        statement = statement.where(
            models.Event.id.in_(select(models.EventParty.event_id).where(models.EventParty.actor_id == actor_id))
        )
    return statement


def load_events(session: Session, start: date, end: date, actor_id: int | None) -> list[EventFact]:
    """Events dated in ``[start, end)`` with parties, countries and source document ids."""
    columns = select(
        models.Event.id, models.Event.event_key, models.Event.type, models.Event.event_date,
        models.Event.date_precision, models.Event.domain, models.Event.status, models.Event.amounts,
        models.Event.evidence, models.Event.evidence_language,
    )
    rows = session.execute(_event_filter(columns, start, end, actor_id).order_by(models.Event.id)).all()
    events = {
        r.id: EventFact(r.id, r.event_key, r.type, r.event_date, r.date_precision or "day", r.domain or "other",
                        r.status, list(r.amounts or []), r.evidence, r.evidence_language)
        for r in rows
    }
    ids = list(events)
    for chunk in _chunks(ids):
        parties = session.execute(
            select(models.EventParty.event_id, models.EventParty.role, models.Actor.key, models.Actor.kind,
                   models.Actor.name_en, models.Actor.name_ko, models.Actor.name_ja, models.Actor.country_code)
            .join(models.Actor, models.Actor.id == models.EventParty.actor_id)
            .where(models.EventParty.event_id.in_(chunk))
            .order_by(models.EventParty.event_id, models.Actor.key)
        )
        for p in parties:
            names = {lang: name for lang, name in (("en", p.name_en), ("ko", p.name_ko), ("ja", p.name_ja)) if name}
            events[p.event_id].parties.append(Party(p.key, p.kind, p.role, names, p.country_code))
        countries = session.execute(
            select(models.EventCountry.event_id, models.EventCountry.country_code)
            .where(models.EventCountry.event_id.in_(chunk))
            .order_by(models.EventCountry.event_id, models.EventCountry.country_code)
        )
        for event_id, code in countries:
            events[event_id].countries.append(code)
        sources = session.execute(
            select(models.EventSource.event_id, models.EventSource.document_id)
            .where(models.EventSource.event_id.in_(chunk))
            .order_by(models.EventSource.event_id, models.EventSource.document_id)
        )
        for event_id, document_id in sources:
            events[event_id].document_ids.append(document_id)
    return list(events.values())


def load_documents(session: Session, ids: Iterable[int]) -> dict[int, DocumentFact]:
    """Citation metadata (no bodies) with source credibility and document tone."""
    wanted = sorted(set(ids))
    found: dict[int, DocumentFact] = {}
    for chunk in _chunks(wanted):
        rows = session.execute(
            select(models.Document.id, models.Document.title, models.Document.outlet, models.Document.published_at,
                   models.Document.language, models.Document.url, models.Document.canonical_url,
                   models.Document.near_dup_group, models.Source.credibility, models.DocumentAnalysis.tone)
            .outerjoin(models.Source, models.Source.id == models.Document.source_id)
            .outerjoin(models.DocumentAnalysis, models.DocumentAnalysis.document_id == models.Document.id)
            .where(models.Document.id.in_(chunk))
        )
        for r in rows:
            found[r.id] = DocumentFact(
                r.id, r.title or "", r.outlet, r.published_at.date() if r.published_at else None, r.language,
                r.canonical_url or r.url, r.near_dup_group or r.id,
                0.5 if r.credibility is None else float(r.credibility), r.tone,
            )
    return found


def monthly_counts(session: Session, period: Period, actor_id: int | None, months: int = 12) -> list[tuple[str, int]]:
    """Events per month over the ``months`` months ending with the period (trend chart)."""
    window = trailing_months(period, months)
    statement = _event_filter(select(models.Event.event_date), window[0].start, window[-1].end, actor_id)
    counts: dict[str, int] = defaultdict(int)
    for (day,) in session.execute(statement):
        counts[f"{day:%Y-%m}"] += 1
    return [(month.label, counts.get(month.label, 0)) for month in window]


def load_analysis(session: Session, period: Period, region_key: str | None, peer_keys: list[str],
                  home_region: str) -> AnalysisFacts | None:
    """Topic table, KPIs, region and partner indicators of the period, if an analysis run exists."""
    run_id = analytics.latest_run_id(session)
    if run_id is None:
        return None
    region = region_key or home_region
    regions = analytics.indicator_table(session, "region", period.label, [region, *peer_keys], run_id=run_id)
    return AnalysisFacts(
        run_id=run_id,
        topics=analytics.topic_table(session, period.label),
        kpis=analytics.indicator_table(session, "kpi", period.label, [region], run_id=run_id).get(region, {}),
        regions=regions,
        partners=analytics.indicator_table(session, "partner", period.label, run_id=run_id),
        trust_series=analytics.indicator_series(session, "region", region, "trust", period.kind),
        names=actor_names(session, [region, *peer_keys]),
    )


def actor_names(session: Session, keys: list[str]) -> dict[str, dict[str, str]]:
    rows = session.execute(
        select(models.Actor.key, models.Actor.name_en, models.Actor.name_ko, models.Actor.name_ja)
        .where(models.Actor.key.in_(keys))
    )
    return {
        r.key: {lang: name for lang, name in (("en", r.name_en), ("ko", r.name_ko), ("ja", r.name_ja)) if name}
        for r in rows
    }


def gather(session: Session, period: Period, scope: str, region_key: str | None, actor_id: int | None,
           peer_keys: list[str], home_region: str) -> PeriodFacts:
    """Everything ``compose`` needs for one period and scope."""
    events = load_events(session, period.start, period.end, actor_id)
    history = load_events(session, period.start - timedelta(days=HISTORY_DAYS), period.start, actor_id)
    previous_period = period.previous()
    previous = [e for e in history if previous_period.contains(e.date)]
    cited = {doc for event in (*events, *previous) for doc in event.document_ids}
    return PeriodFacts(
        period=period, scope=scope, region_key=region_key, events=events, previous=previous, history=history,
        documents=load_documents(session, cited), trend=monthly_counts(session, period, actor_id),
        analysis=load_analysis(session, period, region_key, peer_keys, home_region),
    )
