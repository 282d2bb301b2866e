"""The web application: REST API under /api/v1 and the server-rendered dashboard, from one factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import plotly
from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glocal import __version__
from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.web import errors, pages, pages_curation
from glocal.web.api import router as api_router
from glocal.web.search import SemanticSearch
from glocal.web.security import LoginLimiter, session_secret

STATIC = Path(__file__).with_name("static")
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SESSION_COOKIE = "glocal_session"
# Handlers run in a thread pool; more threads than the store's connection pool (5 + 10 overflow)
# only queue on connections and, on SQLite, hold write locks longer. Excess requests wait their turn.
WORKER_THREADS = 8
# No inline scripts, no remote loads: an injected <script> or on* handler cannot run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the CSP and hardening headers to every response (a route may set its own CSP)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in names)
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SQLiteWriteGate:
    """On SQLite, one changing request at a time, queued without holding a worker thread.

    SQLite has one writer. A request that holds the write lock still needs a worker thread to
    finish (response serialisation) and commit; were other writers to wait for the lock inside
    worker threads, they could take every thread and stall the holder until their busy timeouts
    expire. Waiting here, on the event loop, avoids that. PostgreSQL needs no gate.
    """

    def __init__(self, app: ASGIApp, enabled: bool) -> None:
        self.app = app
        self.enabled = enabled
        self.lock = anyio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.enabled or scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        async with self.lock:
            await self.app(scope, receive, send)


def create_app(source: Glocal | Settings | None = None) -> FastAPI:
    """The app over a Glocal (kept open by the caller) or over settings (opened here)."""
    glocal = source if isinstance(source, Glocal) else Glocal.open(source)
    settings = glocal.settings

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="Glocal API", version=__version__,
        description="City-diplomacy intelligence: documents, events, actors, topics, indicators, Trust Index.",
        openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,  # the doc UIs load from a CDN
    )
    app.state.glocal = glocal
    app.state.limiter = LoginLimiter(settings.login_attempts_per_window, settings.login_window_minutes * 60)
    app.state.search = SemanticSearch(settings.embedding_model)
    errors.install(app)
    app.include_router(api_router)
    app.include_router(pages.router)
    app.include_router(pages_curation.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return FileResponse(PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, bool]:
        return {"ok": True}

    app.add_middleware(
        SessionMiddleware, secret_key=session_secret(settings), session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age_minutes * 60, same_site="lax", https_only=settings.cookie_secure,
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SQLiteWriteGate, enabled=glocal.engine.dialect.name == "sqlite")
    return app
