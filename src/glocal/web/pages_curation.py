"""Working pages: the event review workflow and registry, sources, administration.

Forms post here (with the session's CSRF token), call the same curation functions as the API, and
redirect back (post/redirect/get), so a reload never repeats a change.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from glocal.store import curation, web_queries
from glocal.store.overrides import OVERRIDABLE, apply_overrides, effective_settings, load_overrides
from glocal.web import accounts
from glocal.web.api.events import EventFields
from glocal.web.deps import DB, Admin, Analyst, ListFilters, Viewer
from glocal.web.errors import ApiError, invalid, not_found
from glocal.web.exports import read_event_workbook
from glocal.web.pages_common import query_without, render

router = APIRouter(include_in_schema=False)


def _back(request: Request, fallback: str, message: str | None = None) -> RedirectResponse:
    target = request.headers.get("referer") or fallback
    base = request.base_url
    path = target[len(str(base)) - 1:] if target.startswith(str(base)) else fallback
    if message:
        path = path.split("#")[0]
        path += ("&" if "?" in path else "?") + f"message={message}"
    return RedirectResponse(path, status_code=303)


def _event_fields(form: dict[str, Any]) -> dict[str, Any]:
    """Form values → validated event fields (empty inputs clear the field)."""
    raw: dict[str, Any] = {}
    for name in ("type", "domain", "summary", "evidence", "date_precision"):
        if name in form:
            raw[name] = form[name].strip() or None
    for name in ("event_date", "signed_on", "expires_on"):
        if name in form:
            raw[name] = form[name].strip() or None
    if "countries" in form:
        raw["countries"] = [c.strip().upper() for c in form["countries"].replace(",", " ").split() if c.strip()]
    try:
        checked = EventFields.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise invalid(".".join(str(p) for p in first["loc"]), first["msg"]) from None
    values = checked.model_dump()
    return {k: values[k] for k in raw}


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, filters: ListFilters, user: Viewer, session: DB) -> Response:
    total, rows = web_queries.list_events(session, filters)
    query = dict(request.query_params)
    return render(
        request, "events.html", user, rows=rows, total=total, filters=filters, types=web_queries.EVENT_TYPES,
        domains=web_queries.DOMAINS, statuses=web_queries.EVENT_STATUSES, message=request.query_params.get("message"),
        export_query=query_without(query, "offset", "limit", "message"),
        next_query=query_without(query, "offset", "message", offset=filters.offset + filters.limit),
        prev_query=query_without(query, "offset", "message", offset=max(filters.offset - filters.limit, 0)),
    )


@router.get("/events/new", response_class=HTMLResponse)
def new_event_page(request: Request, user: Analyst) -> Response:
    return render(request, "event_form.html", user, event=None, types=web_queries.EVENT_TYPES,
                  domains=web_queries.DOMAINS)


@router.post("/events/new")
async def new_event(request: Request, user: Analyst) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    fields = _event_fields(form)
    if not fields.get("type"):
        raise invalid("type", "a new event needs a type")
    with request.app.state.glocal.session() as session:
        event = curation.create_event(session, fields, user.editor)
    return RedirectResponse(f"/events/{event.id}?message=events.created", status_code=303)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int, user: Viewer, session: DB) -> Response:
    event = web_queries.event_detail(session, event_id)
    if event is None:
        raise not_found("event", event_id)
    return render(request, "event.html", user, event=event, types=web_queries.EVENT_TYPES,
                  domains=web_queries.DOMAINS, message=request.query_params.get("message"))


@router.post("/events/{event_id}/edit")
async def edit_event(request: Request, event_id: int, user: Analyst) -> Response:
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    fields = _event_fields(form)
    with request.app.state.glocal.session() as session:
        curation.update_event(session, event_id, fields, user.editor)
    return RedirectResponse(f"/events/{event_id}?message=events.saved", status_code=303)


@router.post("/events/{event_id}/{action}")
def event_action(request: Request, event_id: int, action: str, user: Analyst, session: DB,
                 into: Annotated[int | None, Form()] = None) -> Response:
    if action in ("confirm", "reject", "reopen"):
        status = {"confirm": "confirmed", "reject": "rejected", "reopen": "reported"}[action]
        curation.set_event_status(session, event_id, status, user.editor)
        return _back(request, f"/events/{event_id}", f"events.{status}")
    if action == "merge":
        if into is None:
            raise invalid("into", "give the id of the event to keep")
        target = curation.merge_events(session, event_id, into, user.editor)
        return RedirectResponse(f"/events/{target.id}?message=events.merged", status_code=303)
    raise not_found("action", action)


@router.post("/events-import")
def import_events(request: Request, user: Analyst, session: DB, file: Annotated[UploadFile, File()]) -> Response:
    try:
        rows = read_event_workbook(file.file.read())
    except ValueError as exc:
        raise invalid("file", str(exc), "Start from the Excel export of this page.") from None
    counts = curation.import_events(session, rows, user.editor)
    return RedirectResponse(
        f"/events?message=events.imported&created={counts['created']}&updated={counts['updated']}", status_code=303
    )


# --- sources -------------------------------------------------------------------------------


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, user: Viewer, session: DB) -> Response:
    sources = web_queries.list_sources_with_health(session)
    total, rejections = web_queries.list_rejections(session, request.query_params.get("source"), 100, 0)
    return render(request, "sources.html", user, sources=sources, rejections=rejections, rejections_total=total,
                  message=request.query_params.get("message"))


@router.post("/sources")
def add_source(
    request: Request, user: Admin, session: DB, name: Annotated[str, Form(min_length=1, max_length=200)],
    location: Annotated[str, Form(pattern=r"^https?://", max_length=2000)], kind: Annotated[str, Form(pattern=r"^(feed|web)$")] = "feed",
    credibility: Annotated[float, Form(ge=0, le=1)] = 0.5,
) -> Response:
    curation.add_source(session, name.strip(), kind, location.strip(), credibility, None, user.editor)
    return RedirectResponse("/sources?message=sources.added", status_code=303)


# --- admin ---------------------------------------------------------------------------------


def _admin_context(request: Request, session: Session) -> dict[str, Any]:
    settings = effective_settings(session, request.app.state.glocal.settings)
    values = {key: getattr(settings, key) for key in OVERRIDABLE}
    total, audit = web_queries.list_audit(session, None, 100, 0)
    return {"users": web_queries.list_users(session), "values": values, "overridden": load_overrides(session),
            "audit": audit, "audit_total": total, "message": request.query_params.get("message"),
            "as_json": lambda v: json.dumps(v, ensure_ascii=False)}


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, user: Admin, session: DB) -> Response:
    return render(request, "admin.html", user, **_admin_context(request, session))


@router.post("/admin/users")
def admin_create_user(
    request: Request, user: Admin, session: DB, username: Annotated[str, Form(min_length=2, max_length=120, pattern=r"^[A-Za-z0-9._@-]+$")],
    password: Annotated[str, Form(max_length=500)], role: Annotated[str, Form(pattern=r"^(viewer|analyst|admin)$")] = "viewer",
) -> Response:
    accounts.create_user(session, username, password, role, user.editor)
    return RedirectResponse("/admin?message=admin.user_created", status_code=303)


@router.post("/admin/users/{user_id}")
def admin_edit_user(
    request: Request, user_id: int, user: Admin, session: DB,
    role: Annotated[str, Form(pattern=r"^(viewer|analyst|admin)$")], active: Annotated[str | None, Form()] = None,
) -> Response:
    if user_id == user.id and (role != "admin" or not active):
        raise ApiError(409, "conflict", "you cannot remove your own admin access", "Ask another admin.")
    curation.update_user(session, user_id, {"role": role, "active": bool(active)}, user.editor)
    return RedirectResponse("/admin?message=admin.user_saved", status_code=303)


def _parse_setting(key: str, text: str) -> Any:
    text = text.strip()
    if key in ("peer_regions",):
        return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]
    if key == "trust_weights":
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise invalid(key, "write the weights as JSON, e.g. {\"tone\": 0.3, ...}") from None
    return text


@router.post("/admin/settings")
async def admin_settings(request: Request, user: Admin) -> Response:
    form = await request.form()
    values = {key: _parse_setting(key, str(form[key])) for key in OVERRIDABLE if key in form and str(form[key]).strip()}
    with request.app.state.glocal.session() as session:
        current = effective_settings(session, request.app.state.glocal.settings)
        checked = apply_overrides(request.app.state.glocal.settings, {**load_overrides(session), **values})
        changed = {k: getattr(checked, k) for k in values if getattr(checked, k) != getattr(current, k)}
        if changed:
            curation.set_overrides(session, changed, user.editor)
    return RedirectResponse("/admin?message=admin.settings_saved", status_code=303)
