"""Login, logout, the current user and API tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from glocal.store import curation, models
from glocal.web import accounts
from glocal.web.deps import DB, Viewer
from glocal.web.errors import ApiError, forbidden

router = APIRouter(tags=["auth"])


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=500)


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    username: str | None = Field(None, description="another user's name (admins only)")


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def login_error(error: accounts.LoginRefused) -> ApiError:
    if error.code == "rate_limited":
        return ApiError(429, "rate_limited", "too many failed logins", f"Wait {error.retry_after} seconds.",
                        headers={"Retry-After": str(error.retry_after)})
    return ApiError(401, "bad_credentials", "wrong username or password", "Check both and retry.")


@router.post("/auth/login")
def login(body: Credentials, request: Request, session: DB) -> dict[str, Any]:
    """Start a cookie session; the answer carries the CSRF token to send as X-CSRF-Token."""
    try:
        user = accounts.authenticate(session, request.app.state.limiter, body.username, body.password,
                                     client_address(request))
    except accounts.LoginRefused as error:
        raise login_error(error) from None
    csrf = accounts.start_session(request.session, user)
    return {"ok": True, "username": user.username, "role": user.role, "csrf_token": csrf}


@router.post("/auth/logout")
def logout(request: Request, user: Viewer) -> dict[str, Any]:
    request.session.clear()
    return {"ok": True}


@router.get("/me")
def me(request: Request, user: Viewer) -> dict[str, Any]:
    return {"ok": True, "id": user.id, "username": user.username, "role": user.role, "via": user.via,
            "csrf_token": request.session.get("csrf") if user.via == "session" else None}


@router.get("/tokens")
def list_tokens(user: Viewer, session: DB) -> dict[str, Any]:
    rows = session.scalars(select(models.ApiToken).where(models.ApiToken.user_id == user.id).order_by(models.ApiToken.id))
    items = [{"id": t.id, "name": t.name, "created_at": t.created_at, "last_used_at": t.last_used_at,
              "revoked_at": t.revoked_at} for t in rows]
    return {"ok": True, "total": len(items), "items": items}


@router.post("/tokens", status_code=201)
def create_token(body: TokenRequest, user: Viewer, session: DB) -> dict[str, Any]:
    """A new API token, shown once."""
    owner = body.username or user.username
    if owner != user.username and not user.can("admin"):
        raise forbidden("admin")
    token = accounts.create_token(session, owner, body.name, user.editor)
    return {"ok": True, "username": owner, "name": body.name, "token": token}


@router.delete("/tokens/{token_id}")
def revoke_token(token_id: int, user: Viewer, session: DB) -> dict[str, Any]:
    token = session.get(models.ApiToken, token_id)
    if token is None or (token.user_id != user.id and not user.can("admin")):
        raise ApiError(404, "not_found", f"token {token_id} does not exist", "List yours at /api/v1/tokens.")
    curation.revoke_token(session, token_id, user.editor)
    return {"ok": True}
