"""Accounts: login, users and API tokens — shared by the API, the pages and `glocal users`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from glocal.pipeline.core import Glocal
from glocal.store import curation, models
from glocal.store.curation import CurationError, Editor
from glocal.store.db import begin_write
from glocal.store.models import utcnow
from glocal.web.security import (
    LoginLimiter,
    generate_password,
    hash_password,
    new_api_token,
    new_csrf_token,
    password_problem,
    verify_password,
)

SYSTEM = Editor(None, "system")
DEMO_USER = "demo"


class LoginRefused(Exception):
    def __init__(self, code: str, retry_after: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.retry_after = retry_after


def authenticate(session: Session, limiter: LoginLimiter, username: str, password: str, client: str) -> models.User:
    """The user when the password matches; LoginRefused ('rate_limited' or 'bad_credentials') otherwise."""
    wait = limiter.retry_after(username, client)
    if wait:
        raise LoginRefused("rate_limited", wait)
    begin_write(session)  # a successful login records its time
    user = session.scalar(select(models.User).where(models.User.username == username))
    if not verify_password(user.password_hash if user and user.active else None, password):
        limiter.failed(username, client)
        raise LoginRefused("bad_credentials")
    limiter.succeeded(username, client)
    user.last_login_at = utcnow()
    return user


def start_session(store: dict[str, Any], user: models.User, language: str | None = None) -> str:
    """Fill a fresh session for ``user``; returns its CSRF token."""
    store.clear()
    csrf = new_csrf_token()
    store.update(uid=user.id, csrf=csrf, at=utcnow().timestamp(), ver=user.password_hash[-12:],
                 lang=language or user.ui_language)
    return csrf


def create_user(session: Session, username: str, password: str, role: str, editor: Editor = SYSTEM) -> models.User:
    problem = password_problem(password)
    if problem:
        raise CurationError(problem, hint="Choose a longer password.", status=422)
    return curation.create_user(session, username, hash_password(password), role, editor)


def set_password(session: Session, user_id: int, password: str, editor: Editor) -> models.User:
    problem = password_problem(password)
    if problem:
        raise CurationError(problem, hint="Choose a longer password.", status=422)
    return curation.update_user(session, user_id, {"password_hash": hash_password(password)}, editor)


def create_token(session: Session, username: str, name: str, editor: Editor = SYSTEM) -> str:
    """A new API token for ``username``; the plain token is returned once and never stored."""
    user = session.scalar(select(models.User).where(models.User.username == username))
    if user is None:
        raise curation.NotFound("user", username)
    token, digest = new_api_token()
    curation.create_token(session, user.id, name, digest, editor)
    return token


def demo_login(glocal: Glocal) -> tuple[str, str]:
    """Create or reset the demo user (admin, so it can curate and administer) with a fresh random password."""
    password = generate_password()
    with glocal.session() as session:
        user = session.scalar(select(models.User).where(models.User.username == DEMO_USER))
        if user is None:
            create_user(session, DEMO_USER, password, "admin")
        else:
            curation.update_user(session, user.id, {"password_hash": hash_password(password), "active": True,
                                                    "role": "admin"}, SYSTEM)
    return DEMO_USER, password
