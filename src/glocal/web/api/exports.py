"""Exports (CSV, XLSX, JSON, Parquet) and briefings (list, download, generate)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from glocal import report
from glocal.store import analytics, models, web_queries
from glocal.web import exports, views
from glocal.web.deps import DB, Analyst, ListFilters, Page, Viewer, check_period, listing
from glocal.web.errors import ApiError, not_found

router = APIRouter(tags=["exports"])
Dataset = Literal["events", "documents", "topics", "indicators"]
Format = Literal["csv", "xlsx", "json", "parquet"]
EXPORT_LIMIT = 100_000
BRIEFING_TYPES = {
    "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def export_rows(session: DB, dataset: str, filters: Any, scope_kind: str = "region") -> list[dict[str, Any]]:
    """Rows of one dataset under the filters (the same rows the list endpoints return, unpaged)."""
    if dataset in ("events", "documents"):
        filters.limit, filters.offset = EXPORT_LIMIT, 0
        lister = web_queries.list_events if dataset == "events" else web_queries.list_documents
        return lister(session, filters)[1]
    period = filters.period or views.default_period(session)
    if dataset == "topics":
        rows = analytics.topic_table(session, period) if period else []
        return [{k: v for k, v in row.items() if k not in ("document_ids", "representative_ids")} for row in rows]
    table = analytics.indicator_table(session, scope_kind, period) if period else {}
    return [{"scope_kind": scope_kind, "scope_key": key, "period": period, "metric": metric, "value": cell["value"],
             "components": cell["components"]}
            for key, metrics in sorted(table.items()) for metric, cell in sorted(metrics.items())]


@router.get("/exports/{dataset}.{fmt}", response_class=Response)
def export(dataset: Dataset, fmt: Format, filters: ListFilters, user: Viewer, session: DB,
           scope_kind: Literal["region", "partner", "topic", "corpus", "kpi"] = "region") -> Response:
    """Download a dataset; filters as for the list endpoints (all rows, not one page)."""
    rows = export_rows(session, dataset, filters, scope_kind)
    columns = exports.EVENT_COLUMNS if dataset == "events" else None
    content = exports.render(rows, fmt, columns, sheet=dataset)
    name = f"glocal-{dataset}{'-' + filters.period if filters.period else ''}.{fmt}"
    return Response(content, media_type=exports.FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


class BriefingRequest(BaseModel):
    period: str = Field(description="the month, e.g. 2025-10")
    scope: str = Field("ministry", max_length=60, description="region (gangnam-gu, local_gov:11680) or 'ministry'")
    language: Literal["ko", "en", "ja"] = "ko"
    format: Literal["html", "md", "pdf", "docx"] = "html"


def generate_briefing(request: Request, body: BriefingRequest, username: str) -> int:
    """Write and store a briefing; a request the report cannot serve (not a month, unknown region) is a 422."""
    try:
        return report.generate(request.app.state.glocal, body.period, body.scope, body.language, body.format, username)
    except report.BriefingError as exc:
        raise ApiError(422, "invalid_briefing", exc.message, exc.hint) from None


@router.get("/briefings")
def list_briefings(user: Viewer, session: DB, page: Page) -> dict[str, Any]:
    limit, offset = page
    total, rows = web_queries.list_briefings(session, limit, offset)
    return listing(total, limit, offset, rows)


@router.get("/briefings/{briefing_id}", response_class=Response)
def download_briefing(briefing_id: int, user: Viewer, session: DB) -> Response:
    briefing = session.get(models.Briefing, briefing_id)
    if briefing is None:
        raise not_found("briefing", briefing_id)
    media = BRIEFING_TYPES.get(briefing.format, "application/octet-stream")
    disposition = "inline" if briefing.format == "pdf" else "attachment"
    name = f"briefing-{briefing.period}-{briefing.scope}-{briefing.language}.{briefing.format}"
    headers = {"Content-Disposition": f'{disposition}; filename="{name}"'}
    if briefing.format == "html":  # self-contained report: no scripts, no remote loads
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return Response(briefing.content, media_type=media, headers=headers)


@router.post("/briefings", status_code=201)
def create_briefing(request: Request, body: BriefingRequest, user: Analyst) -> dict[str, Any]:
    """Write a briefing for a period (analysts and admins)."""
    check_period(body.period, "period")
    briefing_id = generate_briefing(request, body, user.username)
    return {"ok": True, "id": briefing_id, "download": f"/api/v1/briefings/{briefing_id}"}


@router.get("/exports")
def export_index(user: Viewer, period: Annotated[str | None, Query()] = None) -> dict[str, Any]:
    check_period(period)
    return {"ok": True, "items": [f"/api/v1/exports/{d}.{f}" for d in Dataset.__args__ for f in Format.__args__]}  # type: ignore[attr-defined]
