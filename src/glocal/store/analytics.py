"""Read side of the analysis results: the latest completed run's topics and indicator values.

Every consumer (CLI tables, API, dashboard, briefings) reads analysis results through these
functions so that "which run counts" is decided in one place: the most recent analysis run of
kind ``full`` or ``incremental`` with status ``completed``.

Indicator values are keyed by ``(scope_kind, scope_key, period, metric)``:

- ``topic`` / topic_key: size, centrality, tone, tone_change, trust
- ``region`` / actor key (``local_gov:11680``): projects, partner_institutions,
  international_events, exposure, tone, trust, agreements, axis_industry, axis_culture,
  axis_data, axis_inclusion
- ``partner`` / ISO country code: events, tone, trust
- ``kpi`` / home region key: trust, agreement_growth, participation_programmes
  (components hold ``target`` and ``met``)

Periods are ``2025-10`` (month), ``2025-Q4`` (quarter) or ``2025`` (year).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from glocal.store.models import AnalysisRun, IndicatorValue, Topic, TopicMembership

RESULT_RUN_KINDS = ("full", "incremental")


def latest_run(session: Session) -> AnalysisRun | None:
    """The most recent completed analysis run whose results the product shows."""
    return session.scalars(
        select(AnalysisRun)
        .where(AnalysisRun.kind.in_(RESULT_RUN_KINDS), AnalysisRun.status == "completed")
        .order_by(AnalysisRun.id.desc())
        .limit(1)
    ).first()


def latest_run_id(session: Session) -> int | None:
    run = latest_run(session)
    return run.id if run else None


def period_kind(period: str) -> str:
    if "-Q" in period:
        return "quarter"
    return "month" if "-" in period else "year"


def periods(session: Session, granularity: str = "month", run_id: int | None = None) -> list[str]:
    """Periods of the given granularity that have indicator values, oldest first."""
    run_id = run_id or latest_run_id(session)
    if run_id is None:
        return []
    found = session.scalars(
        select(IndicatorValue.period).where(IndicatorValue.run_id == run_id).distinct()
    ).all()
    return sorted(p for p in found if period_kind(p) == granularity)


def indicator_table(
    session: Session,
    scope_kind: str,
    period: str,
    scope_keys: list[str] | None = None,
    run_id: int | None = None,
) -> dict[str, dict[str, dict[str, Any]]]:
    """``{scope_key: {metric: {"value", "components", "evidence_document_ids"}}}`` for one period."""
    run_id = run_id or latest_run_id(session)
    if run_id is None:
        return {}
    query = select(IndicatorValue).where(
        IndicatorValue.run_id == run_id,
        IndicatorValue.scope_kind == scope_kind,
        IndicatorValue.period == period,
    )
    if scope_keys:
        query = query.where(IndicatorValue.scope_key.in_(scope_keys))
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for row in session.scalars(query):
        table.setdefault(row.scope_key, {})[row.metric] = {
            "value": row.value,
            "components": row.components or {},
            "evidence_document_ids": row.evidence_document_ids or [],
        }
    return table


def indicator_series(
    session: Session, scope_kind: str, scope_key: str, metric: str, granularity: str = "month"
) -> list[tuple[str, float | None]]:
    """``[(period, value)]`` of one metric over time, oldest first (for trend charts)."""
    run_id = latest_run_id(session)
    if run_id is None:
        return []
    rows = session.execute(
        select(IndicatorValue.period, IndicatorValue.value).where(
            IndicatorValue.run_id == run_id,
            IndicatorValue.scope_kind == scope_kind,
            IndicatorValue.scope_key == scope_key,
            IndicatorValue.metric == metric,
        )
    ).all()
    return sorted((p, v) for p, v in rows if period_kind(p) == granularity)


def topic_table(session: Session, period: str) -> list[dict[str, Any]]:
    """The topic table of one period: topics with documents in it, largest first."""
    values = indicator_table(session, "topic", period)
    topics = {t.topic_key: t for t in session.scalars(select(Topic).where(Topic.topic_key.in_(list(values))))}
    rows = []
    for key, metrics in values.items():
        topic = topics.get(key)
        if topic is None:
            continue
        row: dict[str, Any] = {
            "topic_id": topic.id,
            "topic_key": key,
            "label": topic.label,
            "keywords": topic.keywords,
            "axes": topic.axes,
            "domains": topic.domains,
            "parent_id": topic.parent_id,
            "representative_ids": topic.representative_ids,
        }
        for metric, cell in metrics.items():
            row[metric] = cell["value"]
            if metric == "trust":
                row["trust_components"] = cell["components"]
            if metric == "size":
                row["document_ids"] = cell["evidence_document_ids"]
        rows.append(row)
    rows.sort(key=lambda r: (-(r.get("size") or 0), r["topic_key"]))
    return rows


def topic_document_ids(session: Session, topic_id: int) -> list[int]:
    return list(
        session.scalars(
            select(TopicMembership.document_id)
            .where(TopicMembership.topic_id == topic_id)
            .order_by(TopicMembership.probability.desc(), TopicMembership.document_id)
        )
    )


def topic_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Topic).where(Topic.active.is_(True), Topic.level == 0)) or 0
