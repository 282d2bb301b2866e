"""Analysis results: overview, topics, regions and comparison, indicators, KPIs, Trust Index,
network, partners, analysis runs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from glocal.store import analytics, web_queries
from glocal.store.overrides import effective_settings
from glocal.web import views
from glocal.web.deps import DB, Page, Viewer, check_period, listing
from glocal.web.errors import not_found

router = APIRouter(tags=["analysis"])
PeriodQuery = Annotated[str | None, Query(description="2025-10, 2025-Q4 or 2025; default: latest month")]
ScopeKind = Literal["region", "partner", "topic", "corpus", "kpi"]
Granularity = Literal["month", "quarter", "year"]


@router.get("/overview")
def overview(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> dict[str, Any]:
    """KPIs against targets, the home region's trends and strategy-axis balance, latest events."""
    return views.overview(session, request.app.state.glocal.settings, check_period(period))


@router.get("/periods")
def periods(user: Viewer, session: DB, granularity: Granularity = "month") -> dict[str, Any]:
    return {"ok": True, "items": analytics.periods(session, granularity)}


@router.get("/topics")
def topics(user: Viewer, session: DB, period: PeriodQuery = None) -> dict[str, Any]:
    """The topic table: keywords, centrality, tone and its change, Trust Index, size."""
    return views.topics(session, check_period(period))


@router.get("/topics/{topic_id}/documents")
def topic_documents(topic_id: int, user: Viewer, session: DB, page: Page) -> dict[str, Any]:
    limit, offset = page
    total, rows = views.topic_documents(session, topic_id, limit, offset)
    return listing(total, limit, offset, rows)


@router.get("/regions")
def regions(request: Request, user: Viewer, session: DB) -> dict[str, Any]:
    """The home region and its peers (admin-editable settings)."""
    items = views.regions(session, request.app.state.glocal.settings)
    return {"ok": True, "total": len(items), "items": items}


@router.get("/compare")
def compare(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> dict[str, Any]:
    """Home region against its peers on every region indicator for one period."""
    return views.compare(session, request.app.state.glocal.settings, check_period(period))


@router.get("/indicators")
def indicators(
    user: Viewer, session: DB, scope_kind: ScopeKind, period: PeriodQuery = None,
    scope_key: Annotated[list[str] | None, Query()] = None,
) -> dict[str, Any]:
    """Indicator values of one period: ``{scope_key: {metric: {value, components, evidence_document_ids}}}``."""
    period = check_period(period) or views.default_period(session)
    table = analytics.indicator_table(session, scope_kind, period, scope_key) if period else {}
    return {"ok": True, "scope_kind": scope_kind, "period": period, "items": table}


@router.get("/indicators/series")
def indicator_series(
    user: Viewer, session: DB, scope_kind: ScopeKind, scope_key: Annotated[str, Query(max_length=200)],
    metric: Annotated[str, Query(max_length=60)], granularity: Granularity = "month",
) -> dict[str, Any]:
    series = analytics.indicator_series(session, scope_kind, scope_key, metric, granularity)
    return {"ok": True, "scope_kind": scope_kind, "scope_key": scope_key, "metric": metric,
            "items": [{"period": p, "value": v} for p, v in series]}


@router.get("/kpis")
def kpis(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> dict[str, Any]:
    """The plan's KPIs for the home region against their configured targets."""
    settings = effective_settings(session, request.app.state.glocal.settings)
    period = check_period(period) or views.default_period(session)
    items = views.kpis(session, settings, period)
    return {"ok": True, "period": period, "region": settings.home_region, "items": items}


@router.get("/trust")
def trust(
    request: Request, user: Viewer, session: DB, scope_key: Annotated[str, Query(max_length=200)],
    scope_kind: Literal["region", "partner", "topic"] = "region", period: PeriodQuery = None,
) -> dict[str, Any]:
    """A Trust Index value decomposed into weighted components, with the documents behind it."""
    result = views.trust(session, request.app.state.glocal.settings, scope_kind, scope_key, check_period(period))
    if result is None:
        raise not_found("Trust Index for", f"{scope_kind} {scope_key}")
    return result


@router.get("/network")
def network(user: Viewer, session: DB, period: PeriodQuery = None,
            max_nodes: Annotated[int, Query(ge=2, le=300)] = 60) -> dict[str, Any]:
    """Actors linked by shared events, recency-weighted, with a deterministic layout."""
    return views.network(session, check_period(period), max_nodes)


@router.get("/partners")
def partners(user: Viewer, session: DB, period: PeriodQuery = None,
             lang: Annotated[str, Query(pattern=r"^(ko|en|ja)$")] = "en") -> dict[str, Any]:
    """Events per partner country."""
    return views.partners(session, check_period(period), lang)


@router.get("/partners/map.svg", response_class=Response)
def partners_map(user: Viewer, session: DB, period: PeriodQuery = None,
                 lang: Annotated[str, Query(pattern=r"^(ko|en|ja)$")] = "en") -> Response:
    """The world map with partner countries shaded (works offline)."""
    items = views.partners(session, check_period(period), lang)["items"]
    return Response(views.world_map_svg(items), media_type="image/svg+xml",
                    headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})


@router.get("/runs")
def runs(user: Viewer, session: DB, page: Page) -> dict[str, Any]:
    """Analysis runs, newest first, with parameters, model versions and timings."""
    limit, offset = page
    total, rows = web_queries.list_runs(session, limit, offset)
    return listing(total, limit, offset, rows)
