"""Reading pages: login, overview, topics, compare, partners, documents and search, briefings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from glocal.store import web_queries
from glocal.web import accounts, search, views
from glocal.web.api.auth import client_address
from glocal.web.api.exports import BriefingRequest, generate_briefing
from glocal.web.deps import DB, Analyst, ListFilters, Viewer, check_period, resolve_user
from glocal.web.errors import ApiError, not_found
from glocal.web.i18n import Translator
from glocal.web.pages_common import (
    bar_chart,
    context,
    line_chart,
    network_chart,
    plain,
    query_without,
    radar_chart,
    render,
)
from glocal.web.security import csrf_matches, new_csrf_token

router = APIRouter(include_in_schema=False)
PeriodQuery = Annotated[str | None, Query()]


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    if resolve_user(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    if not request.session.get("csrf"):
        request.session["csrf"] = new_csrf_token()
    return render(request, "login.html", None, next=_safe_next(next))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request, session: DB, username: Annotated[str, Form(max_length=120)],
    password: Annotated[str, Form(max_length=500)], csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not csrf_matches(request.session.get("csrf"), csrf_token):
        request.session["csrf"] = new_csrf_token()
        return render(request, "login.html", None, status=403, next=_safe_next(next), error="login.csrf")
    try:
        user = accounts.authenticate(session, request.app.state.limiter, username, password, client_address(request))
    except accounts.LoginRefused as refused:
        status = 429 if refused.code == "rate_limited" else 401
        return render(request, "login.html", None, status=status, next=_safe_next(next),
                      error=f"login.{refused.code}", retry_after=refused.retry_after)
    accounts.start_session(request.session, user, request.session.get("lang"))
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, user: Viewer) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> Response:
    data = views.overview(session, request.app.state.glocal.settings, check_period(period))
    t = context(request, user)["t"]
    charts = {
        "trends": line_chart(data["trends"], t, t("overview.trends")),
        "axes": radar_chart(data["axes"], t, t("overview.axes")),
    }
    return render(request, "overview.html", user, data=data, charts=charts)


@router.get("/topics", response_class=HTMLResponse)
def topics_page(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> Response:
    data = views.topics(session, check_period(period))
    t = context(request, user)["t"]
    rows = data["items"][:20]
    chart = bar_chart([r["label"] or r["topic_key"] for r in rows], [r.get("centrality") for r in rows],
                      t("topics.centrality"))
    return render(request, "topics.html", user, data=data, centrality=chart)


@router.get("/topics/{topic_id}", response_class=HTMLResponse)
def topic_page(request: Request, topic_id: int, user: Viewer, session: DB, period: PeriodQuery = None,
               offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    data = views.topics(session, check_period(period))
    topic = next((row for row in data["items"] if row["topic_id"] == topic_id), None)
    total, documents = views.topic_documents(session, topic_id, 50, offset)
    if topic is None and total == 0:
        raise not_found("topic", topic_id)
    return render(request, "topic.html", user, data=data, topic=topic, topic_id=topic_id, documents=documents,
                  total=total, offset=offset)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> Response:
    data = views.compare(session, request.app.state.glocal.settings, check_period(period))
    t: Translator = context(request, user)["t"]
    names = [t.actor_name(r) for r in data["items"]]
    colors = ["#f97316" if r["is_home"] else "#2563eb" for r in data["items"]]
    charts = {m: bar_chart(names, [r["metrics"][m] for r in data["items"]], t.label("metric", m), colors, 240)
              for m in data["metrics"]}
    return render(request, "compare.html", user, data=data, charts=charts)


@router.get("/partners", response_class=HTMLResponse)
def partners_page(request: Request, user: Viewer, session: DB, period: PeriodQuery = None) -> Response:
    period = check_period(period)
    t: Translator = context(request, user)["t"]
    data = views.partners(session, period, t.language)
    graph = views.network(session, period)
    return render(request, "partners.html", user, data=data, period=period,
                  network=network_chart(graph, t, t("partners.network")), graph=graph)


def highlight(body: str, mentions: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The body cut into segments, each marked with the actor mention and event evidence covering it."""
    spans = [(m["start"], m["end"], "actor", m) for m in mentions if 0 <= m["start"] < m["end"] <= len(body)]
    spans += [(e["span"][0], e["span"][1], "event", e) for e in events
              if e.get("span") and 0 <= e["span"][0] < e["span"][1] <= len(body)]
    cuts = sorted({0, len(body), *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        actor = next((item for s, e, kind, item in spans if kind == "actor" and s <= start and end <= e), None)
        event = next((item for s, e, kind, item in spans if kind == "event" and s <= start and end <= e), None)
        segments.append({"text": body[start:end], "actor": actor, "event": event})
    return segments


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, filters: ListFilters, user: Viewer, session: DB) -> Response:
    if filters.q:
        result = search.search(session, request.app.state.search, filters.q, filters)
        total, rows, mode, note = result["total"], result["items"], result["mode"], result["note"]
    else:
        total, rows = web_queries.list_documents(session, filters)
        mode, note = None, None
    query = dict(request.query_params)
    return render(request, "documents.html", user, rows=rows, total=total, filters=filters, mode=mode, note=note,
                  next_query=query_without(query, "offset", offset=filters.offset + filters.limit),
                  prev_query=query_without(query, "offset", offset=max(filters.offset - filters.limit, 0)))


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int, user: Viewer, session: DB) -> Response:
    document = web_queries.document_detail(session, document_id)
    if document is None:
        raise not_found("document", document_id)
    segments = highlight(document["body"], document["mentions"], document["events"])
    return render(request, "document.html", user, doc=document, segments=segments)


@router.get("/briefings", response_class=HTMLResponse)
def briefings_page(request: Request, user: Viewer, session: DB) -> Response:
    total, rows = web_queries.list_briefings(session, 100, 0)
    return render(request, "briefings.html", user, rows=rows, total=total, periods=views.all_periods(session),
                  message=request.query_params.get("message"))


@router.post("/briefings")
def briefings_generate(
    request: Request, user: Analyst, period: Annotated[str, Form(max_length=10)],
    scope: Annotated[str, Form(max_length=60)] = "ministry", language: Annotated[str, Form()] = "ko",
    format: Annotated[str, Form()] = "html",
) -> Response:
    try:
        body = BriefingRequest(period=check_period(period) or "", scope=scope, language=language, format=format)  # type: ignore[arg-type]
        briefing_id = generate_briefing(request, body, user.username)
    except ApiError as error:
        if error.status != 503:
            raise
        return RedirectResponse("/briefings?message=briefings.unavailable", status_code=303)
    return RedirectResponse(f"/briefings?message=briefings.created_message&id={briefing_id}", status_code=303)


__all__ = ["router", "highlight", "plain"]
