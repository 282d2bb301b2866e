"""What every server-rendered page shares: templates, UI language, page context, chart specs.

Templates autoescape everything; ingested text reaches them only as plain strings, so a payload
such as ``<script>`` or ``onerror=`` is shown as text, never run (the CSP forbids inline scripts too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from glocal.web.deps import CurrentUser, resolve_user
from glocal.web.errors import ApiError
from glocal.web.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, pick_language

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
NAV = (
    ("overview", "/", "viewer"), ("topics", "/topics", "viewer"), ("compare", "/compare", "viewer"),
    ("events", "/events", "viewer"), ("partners", "/partners", "viewer"), ("documents", "/documents", "viewer"),
    ("briefings", "/briefings", "viewer"), ("sources", "/sources", "viewer"), ("admin", "/admin", "admin"),
)
TEMPLATES.env.globals["query_string"] = lambda query, **replace: query_without(query, **replace)
CHART_COLORS = ("#2563eb", "#f97316", "#10b981", "#a855f7", "#ef4444", "#0ea5e9", "#eab308")


def ui_language(request: Request, user: CurrentUser | None) -> str:
    """?lang= (remembered in the session), then the session, the user's preference, the browser's."""
    session = request.scope.get("session")
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES and session is not None and session.get("lang") != chosen:
        session["lang"] = chosen
    return pick_language(chosen, session.get("lang") if session else None, user.ui_language if user else None,
                         accept=request.headers.get("accept-language"))


def context(request: Request, user: CurrentUser | None, **values: Any) -> dict[str, Any]:
    language = ui_language(request, user)
    t = Translator(language)
    session = request.scope.get("session") or {}
    nav = [(key, href) for key, href, role in NAV if user is not None and user.can(role)]
    return {"request": request, "user": user, "t": t, "lang": language, "csrf": session.get("csrf", ""),
            "nav": nav, "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            "path": request.url.path, "query": dict(request.query_params), **values}


def render(request: Request, template: str, user: CurrentUser | None, status: int = 200, **values: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context(request, user, **values), status_code=status)


def render_error(request: Request, error: ApiError) -> HTMLResponse:
    try:
        user = resolve_user(request)
    except ApiError:
        user = None
    return render(request, "error.html", user, status=error.status, error=error)


def query_without(query: dict[str, str], *names: str, **replace: Any) -> str:
    """The current query string with some parameters removed or replaced (for pagination links)."""
    from urllib.parse import urlencode

    kept = {k: v for k, v in query.items() if k not in names and k not in replace}
    kept.update({k: v for k, v in replace.items() if v not in (None, "")})
    return urlencode(kept)


def plain(text: Any) -> str:
    """Chart text: Plotly reads a few HTML-like tags in labels, so angle brackets are replaced."""
    return str(text).replace("<", "‹").replace(">", "›")


def line_chart(series: dict[str, list[tuple[str, float | None]]], t: Translator, title: str) -> dict[str, Any]:
    """Counts on the left axis; 0–1 scores (trust, tone) on the right one; periods as categories."""
    traces = [
        {"type": "scatter", "mode": "lines+markers", "name": t.label("metric", name),
         "x": [p for p, _ in points], "y": [v for _, v in points], "line": {"color": CHART_COLORS[i % 7]},
         **({"yaxis": "y2", "line": {"color": CHART_COLORS[i % 7], "dash": "dot"}} if name in ("trust", "tone") else {})}
        for i, (name, points) in enumerate(series.items()) if points
    ]
    return {"traces": traces, "layout": {
        "title": {"text": title}, "height": 300, "margin": {"t": 40, "b": 40, "l": 40, "r": 40},
        "xaxis": {"type": "category"}, "yaxis2": {"overlaying": "y", "side": "right", "range": [0, 1], "showgrid": False},
        "legend": {"orientation": "h", "y": -0.2}}}


def bar_chart(labels: list[str], values: list[float | None], title: str, colors: list[str] | None = None,
              height: int = 260) -> dict[str, Any]:
    return {"traces": [{"type": "bar", "x": [plain(label) for label in labels], "y": values,
                        "marker": {"color": colors or CHART_COLORS[0]}}],
            "layout": {"title": {"text": title}, "height": height, "margin": {"t": 40, "b": 60, "l": 40, "r": 10}}}


def radar_chart(axes: dict[str, float | None], t: Translator, title: str) -> dict[str, Any]:
    names = [t.label("axis", a) for a in axes]
    values = [v or 0.0 for v in axes.values()]
    return {"traces": [{"type": "scatterpolar", "r": values + values[:1], "theta": names + names[:1], "fill": "toself",
                        "line": {"color": CHART_COLORS[0]}}],
            "layout": {"title": {"text": title}, "height": 300, "polar": {"radialaxis": {"visible": True}},
                       "margin": {"t": 40, "b": 30, "l": 40, "r": 40}, "showlegend": False}}


def network_chart(graph: dict[str, Any], t: Translator, title: str) -> dict[str, Any]:
    position = {n["id"]: (n["x"], n["y"]) for n in graph["nodes"]}
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for edge in graph["edges"]:
        (x0, y0), (x1, y1) = position[edge["source"]], position[edge["target"]]
        edge_x += [x0, x1, None]
        edge_y += [y0, y1, None]
    kinds = sorted({n["kind"] for n in graph["nodes"]})
    traces: list[dict[str, Any]] = [{"type": "scatter", "mode": "lines", "x": edge_x, "y": edge_y, "hoverinfo": "none",
                                     "line": {"width": 0.7, "color": "#94a3b8"}, "showlegend": False}]
    for i, kind in enumerate(kinds):
        nodes = [n for n in graph["nodes"] if n["kind"] == kind]
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": t.label("actor_kind", kind),
            "x": [n["x"] for n in nodes], "y": [n["y"] for n in nodes], "text": [plain(t.actor_name(n)) for n in nodes],
            "textposition": "top center", "textfont": {"size": 10}, "hoverinfo": "text",
            "marker": {"size": [8 + 4 * min(n["strength"], 6) for n in nodes], "color": CHART_COLORS[i % 7]},
        })
    axis = {"visible": False}
    return {"traces": traces, "layout": {"title": {"text": title}, "height": 520, "xaxis": axis, "yaxis": axis,
                                         "margin": {"t": 40, "b": 10, "l": 10, "r": 10}}}
