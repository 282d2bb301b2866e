"""Documents, cross-language search and actors."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from glocal.store import web_queries
from glocal.web import search as search_module
from glocal.web.deps import DB, ListFilters, Page, Viewer, listing
from glocal.web.errors import invalid, not_found

router = APIRouter(tags=["documents"])
ActorKind = Literal["country", "local_gov", "city", "organisation", "programme"]


@router.get("/documents")
def list_documents(filters: ListFilters, user: Viewer, session: DB) -> dict[str, Any]:
    """Documents, newest first; ``q`` is a plain text match (use /search for cross-language search)."""
    total, rows = web_queries.list_documents(session, filters)
    return listing(total, filters.limit, filters.offset, rows)


@router.get("/documents/{document_id}")
def get_document(document_id: int, user: Viewer, session: DB) -> dict[str, Any]:
    """A document with its actor mentions and event spans (character offsets into ``body``)."""
    row = web_queries.document_detail(session, document_id)
    if row is None:
        raise not_found("document", document_id)
    return {"ok": True, **row}


@router.get("/search")
def search(request: Request, filters: ListFilters, user: Viewer, session: DB) -> dict[str, Any]:
    """One query across languages: embedding similarity plus literal match; filters as for /documents."""
    if not filters.q:
        raise invalid("q", "a search needs a query", "Send ?q=스마트시티 (any language).")
    return search_module.search(session, request.app.state.search, filters.q, filters)


@router.get("/actors")
def list_actors(
    user: Viewer, session: DB, page: Page,
    kind: ActorKind | None = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    limit, offset = page
    total, rows = web_queries.list_actors(session, kind, country, q, limit, offset)
    return listing(total, limit, offset, rows)


@router.get("/actors/{actor_id}")
def get_actor(actor_id: int, user: Viewer, session: DB) -> dict[str, Any]:
    row = web_queries.actor_detail(session, actor_id)
    if row is None:
        raise not_found("actor", actor_id)
    return {"ok": True, **row}
