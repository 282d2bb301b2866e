"""Request dependencies: the store session, the signed-in user, role checks, CSRF, filters."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, Query, Request
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from glocal.pipeline.core import Glocal
from glocal.store import models, web_queries
from glocal.store.curation import Editor
from glocal.store.db import begin_write
from glocal.store.models import utcnow
from glocal.web.errors import ApiError, forbidden, invalid, unauthenticated
from glocal.web.security import csrf_matches, token_hash

ROLE_RANK = {"viewer": 1, "analyst": 2, "admin": 3}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
Role = Literal["viewer", "analyst", "admin"]


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: int
    username: str
    role: str
    ui_language: str
    via: str  # session | token

    def can(self, role: str) -> bool:
        return ROLE_RANK.get(self.role, 0) >= ROLE_RANK[role]

    @property
    def editor(self) -> Editor:
        return Editor(self.id, self.username)


def get_glocal(request: Request) -> Glocal:
    return request.app.state.glocal


def _finisher(request: Request) -> anyio.CapacityLimiter:
    limiter = getattr(request.app.state, "finisher", None)
    if limiter is None:
        limiter = request.app.state.finisher = anyio.CapacityLimiter(16)
    return limiter


async def db_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per request, committed before the response is sent.

    Commit and close run on their own small thread pool: were they to wait for a worker thread
    while every worker waits for a store connection, the server would deadlock under load.
    """
    session = get_glocal(request).sessions()
    limiter = _finisher(request)
    try:
        yield session
        await anyio.to_thread.run_sync(session.commit, limiter=limiter)
    except BaseException:
        await anyio.to_thread.run_sync(session.rollback, limiter=limiter)
        raise
    finally:
        await anyio.to_thread.run_sync(session.close, limiter=limiter)


DB = Annotated[Session, Depends(db_session, scope="function")]


_TOKEN_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="glocal-token-use")


def _record_token_use(bind: Any, token_id: int, when: datetime) -> None:
    def write() -> None:
        with Session(bind) as session:
            begin_write(session)
            session.execute(update(models.ApiToken).where(models.ApiToken.id == token_id).values(last_used_at=when))
            session.commit()

    _TOKEN_WRITER.submit(write)


def _user_from_token(session: Session, token: str) -> CurrentUser | None:
    row = session.execute(
        select(models.ApiToken, models.User)
        .join(models.User, models.User.id == models.ApiToken.user_id)
        .where(models.ApiToken.token_hash == token_hash(token), models.ApiToken.revoked_at.is_(None),
               models.User.active.is_(True))
    ).first()
    if row is None:
        return None
    api_token, user = row
    now = utcnow()
    if api_token.last_used_at is None or now - api_token.last_used_at > timedelta(minutes=5):
        # coarse, so heavy API use does not turn reads into writes; written off the request's
        # thread so a read never waits for the store's write lock
        _record_token_use(session.get_bind(), api_token.id, now)
    return CurrentUser(user.id, user.username, user.role, user.ui_language, "token")


def _user_from_session(session: Session, request: Request) -> CurrentUser | None:
    data = request.scope.get("session") or {}
    user_id = data.get("uid")
    if not user_id:
        return None
    max_age = request.app.state.glocal.settings.session_max_age_minutes * 60
    if not isinstance(data.get("at"), (int, float)) or utcnow().timestamp() - data["at"] > max_age:
        request.session.clear()
        return None
    user = session.get(models.User, user_id)
    if user is None or not user.active or data.get("ver") != user.password_hash[-12:]:
        request.session.clear()  # deactivated, or the password changed since this login
        return None
    return CurrentUser(user.id, user.username, user.role, user.ui_language, "session")


def resolve_user(request: Request) -> CurrentUser | None:
    """The user behind a request (bearer token first, then the session cookie), cached per request."""
    if "glocal_user" in request.scope:
        return request.scope["glocal_user"]
    authorization = request.headers.get("authorization", "")
    with get_glocal(request).session() as session:
        if authorization.lower().startswith("bearer "):
            user = _user_from_token(session, authorization[7:].strip())
            if user is None:
                raise ApiError(401, "invalid_token", "the API token is unknown or revoked",
                               "Create a new token with `glocal tokens create USERNAME NAME`.")
        else:
            user = _user_from_session(session, request)
    request.scope["glocal_user"] = user
    return user


async def check_csrf(request: Request) -> None:
    """Unsafe requests authenticated by cookie must echo the session's CSRF token."""
    if request.method in SAFE_METHODS or request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    session = request.scope.get("session") or {}
    if not session.get("uid"):
        return  # anonymous: the role check answers 401
    expected = session.get("csrf")
    given = request.headers.get("x-csrf-token")
    if not given and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        given = (await request.form()).get("csrf_token")  # type: ignore[assignment]
    if not csrf_matches(expected, given if isinstance(given, str) else None):
        raise ApiError(403, "csrf_failed", "the form or request is missing a valid CSRF token",
                       "Reload the page and submit again; API clients send X-CSRF-Token or use a bearer token.")


def require(role: Role) -> Callable[..., CurrentUser]:
    """Dependency: the signed-in user, who must hold ``role`` or higher (401 / 403 otherwise).

    Synchronous on purpose: FastAPI runs it in the thread pool, so its store lookup never blocks
    the event loop.
    """

    def dependency(request: Request, _csrf: Annotated[None, Depends(check_csrf)]) -> CurrentUser:
        user = resolve_user(request)
        if user is None:
            raise unauthenticated()
        if not user.can(role):
            raise forbidden(role)
        return user

    return dependency


Viewer = Annotated[CurrentUser, Depends(require("viewer"))]
Analyst = Annotated[CurrentUser, Depends(require("analyst"))]
Admin = Annotated[CurrentUser, Depends(require("admin"))]

EventType = Literal["agreement", "meeting", "contract", "project", "funding", "forum", "program", "declaration", "setback"]
Domain = Literal[
    "smart_city", "mobility_uam", "rail", "roads_its", "airports_ports", "water", "housing_urban_dev",
    "energy_env", "culture_tourism", "digital_ai", "trade_investment", "other",
]
Status = Literal["reported", "confirmed", "rejected", "merged"]


def check_period(period: str | None, parameter: str = "period") -> str | None:
    if not period:
        return None
    try:
        web_queries.period_bounds(period)
    except ValueError:
        raise invalid(parameter, f"{period!r} is not a period", "Use YYYY, YYYY-MM or YYYY-Qn, e.g. 2025-10 or 2025-Q4.") from None
    return period


Blank = Literal[""]  # an empty form field means "no filter"


def filters(
    period: Annotated[str | None, Query(description="2025-10, 2025-Q4 or 2025")] = None,
    language: Annotated[str | None, Query(pattern=r"^([a-z]{2,3})?$", description="ISO 639-1 code")] = None,
    region: Annotated[str | None, Query(max_length=200, description="actor key, e.g. local_gov:11680")] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2})?$", description="ISO 3166 alpha-2")] = None,
    domain: Domain | Blank | None = None,
    type: Annotated[EventType | Blank | None, Query(description="event type")] = None,
    status: Status | Blank | None = None,
    q: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> web_queries.Filters:
    return web_queries.Filters(
        period=check_period(period), language=language or None, region=region or None,
        country=country.upper() if country else None, domain=domain or None, event_type=type or None,
        status=status or None, q=(q or "").strip() or None, limit=limit, offset=offset,
    )


ListFilters = Annotated[web_queries.Filters, Depends(filters)]


def page_params(
    limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0)] = 0
) -> tuple[int, int]:
    return limit, offset


Page = Annotated[tuple[int, int], Depends(page_params)]


def listing(total: int, limit: int, offset: int, items: list[Any], **extra: Any) -> dict[str, Any]:
    return {"ok": True, "total": total, "limit": limit, "offset": offset, "items": items, **extra}
