"""Administration: users, settings overrides, audit log, sources and their rejections."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from glocal.store import curation, web_queries
from glocal.store.overrides import OVERRIDABLE, apply_overrides, effective_settings, load_overrides
from glocal.web import accounts
from glocal.web.deps import DB, Admin, Page, Viewer, listing

router = APIRouter(tags=["admin"])
Role = Literal["viewer", "analyst", "admin"]


class UserCreate(BaseModel):
    username: str = Field(min_length=2, max_length=120, pattern=r"^[A-Za-z0-9._@-]+$")
    password: str = Field(min_length=1, max_length=500)
    role: Role = "viewer"


class UserPatch(BaseModel):
    role: Role | None = None
    active: bool | None = None
    display_name: str | None = Field(None, max_length=200)
    ui_language: Literal["ko", "en", "ja"] | None = None
    password: str | None = Field(None, max_length=500)


class SourceCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["feed", "web"]
    location: str = Field(min_length=8, max_length=2000, pattern=r"^https?://")
    credibility: float = Field(0.5, ge=0, le=1)
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")


class SourcePatch(BaseModel):
    enabled: bool


@router.get("/users")
def list_users(user: Admin, session: DB) -> dict[str, Any]:
    items = web_queries.list_users(session)
    return {"ok": True, "total": len(items), "items": items}


@router.post("/users", status_code=201)
def create_user(body: UserCreate, user: Admin, session: DB) -> dict[str, Any]:
    created = accounts.create_user(session, body.username, body.password, body.role, user.editor)
    return {"ok": True, "id": created.id, "username": created.username, "role": created.role}


@router.patch("/users/{user_id}")
def edit_user(user_id: int, body: UserPatch, user: Admin, session: DB) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True)
    password = changes.pop("password", None)
    if password:
        accounts.set_password(session, user_id, password, user.editor)
    if changes:
        curation.update_user(session, user_id, changes, user.editor)
    return {"ok": True, "items": [u for u in web_queries.list_users(session) if u["id"] == user_id]}


@router.get("/settings")
def get_settings(request: Request, user: Viewer, session: DB) -> dict[str, Any]:
    """The settings admins may change, their effective values and which are overridden."""
    settings = effective_settings(session, request.app.state.glocal.settings)
    return {"ok": True, "values": {k: getattr(settings, k) for k in OVERRIDABLE}, "overridden": load_overrides(session)}


@router.put("/settings")
def put_settings(request: Request, body: dict[str, Any], user: Admin, session: DB) -> dict[str, Any]:
    """Change regions, KPI targets or Trust weights (validated; recorded in the audit log)."""
    base = request.app.state.glocal.settings
    checked = apply_overrides(base, {**load_overrides(session), **body})
    curation.set_overrides(session, {k: getattr(checked, k) for k in body}, user.editor)
    return get_settings(request, user, session)


@router.get("/audit")
def audit(user: Admin, session: DB, page: Page,
          entity_type: Annotated[str | None, Query(max_length=40)] = None) -> dict[str, Any]:
    """Every change: who, when, before and after."""
    limit, offset = page
    total, rows = web_queries.list_audit(session, entity_type, limit, offset)
    return listing(total, limit, offset, rows)


@router.get("/sources")
def list_sources(user: Viewer, session: DB) -> dict[str, Any]:
    """Sources with health: last fetch, status, documents, open rejections."""
    items = web_queries.list_sources_with_health(session)
    return {"ok": True, "total": len(items), "items": items}


@router.post("/sources", status_code=201)
def add_source(body: SourceCreate, user: Admin, session: DB) -> dict[str, Any]:
    """Add a feed or a web page; the next `glocal ingest` collects it."""
    source = curation.add_source(session, body.name, body.kind, body.location, body.credibility, body.language,
                                 user.editor)
    return {"ok": True, "id": source.id, "name": source.name}


@router.patch("/sources/{source_id}")
def edit_source(source_id: int, body: SourcePatch, user: Admin, session: DB) -> dict[str, Any]:
    curation.set_source_enabled(session, source_id, body.enabled, user.editor)
    return {"ok": True, "id": source_id, "enabled": body.enabled}


@router.get("/rejections")
def rejections(user: Viewer, session: DB, page: Page,
               source: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    """Open rejections with their reasons and hints."""
    limit, offset = page
    total, rows = web_queries.list_rejections(session, source, limit, offset)
    return listing(total, limit, offset, rows)
