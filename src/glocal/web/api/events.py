"""Events and the registry: list, detail, confirm, edit, reject, merge, add, import from Excel."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile
from pydantic import BaseModel, Field

from glocal.store import curation, web_queries
from glocal.web.deps import DB, Analyst, Domain, EventType, ListFilters, Viewer, listing
from glocal.web.errors import invalid, not_found
from glocal.web.exports import read_event_workbook

router = APIRouter(tags=["events"])
Country = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")]


class EventFields(BaseModel):
    type: EventType | None = None
    event_date: date | None = None
    date_precision: str | None = Field(None, pattern=r"^(day|month|year)$")
    domain: Domain | None = None
    summary: str | None = Field(None, max_length=4000)
    evidence: str | None = Field(None, max_length=8000)
    signed_on: date | None = None
    expires_on: date | None = None
    countries: list[Country] | None = None


class EventCreate(EventFields):
    type: EventType


class MergeRequest(BaseModel):
    into: int = Field(description="id of the event that survives")


def _detail(session: DB, event_id: int) -> dict[str, Any]:
    row = web_queries.event_detail(session, event_id)
    if row is None:
        raise not_found("event", event_id)
    return {"ok": True, **row}


@router.get("/events")
def list_events(filters: ListFilters, user: Viewer, session: DB) -> dict[str, Any]:
    """Events (merged duplicates hidden), newest first, with parties, countries and source counts."""
    total, rows = web_queries.list_events(session, filters)
    return listing(total, filters.limit, filters.offset, rows)


@router.get("/events/{event_id}")
def get_event(event_id: int, user: Viewer, session: DB) -> dict[str, Any]:
    """An event with its evidence and source documents."""
    return _detail(session, event_id)


@router.post("/events", status_code=201)
def create_event(body: EventCreate, user: Analyst, session: DB) -> dict[str, Any]:
    """Add an event by hand; it enters the registry as confirmed."""
    event = curation.create_event(session, body.model_dump(exclude_none=True), user.editor)
    return _detail(session, event.id)


@router.patch("/events/{event_id}")
def edit_event(event_id: int, body: EventFields, user: Analyst, session: DB) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        raise invalid("body", "nothing to change", "Send at least one field.")
    curation.update_event(session, event_id, changes, user.editor)
    return _detail(session, event_id)


@router.post("/events/{event_id}/confirm")
def confirm_event(event_id: int, user: Analyst, session: DB) -> dict[str, Any]:
    curation.set_event_status(session, event_id, "confirmed", user.editor)
    return _detail(session, event_id)


@router.post("/events/{event_id}/reject")
def reject_event(event_id: int, user: Analyst, session: DB) -> dict[str, Any]:
    curation.set_event_status(session, event_id, "rejected", user.editor)
    return _detail(session, event_id)


@router.post("/events/{event_id}/merge")
def merge_event(event_id: int, body: MergeRequest, user: Analyst, session: DB) -> dict[str, Any]:
    """Fold this event (a duplicate) into ``into``."""
    target = curation.merge_events(session, event_id, body.into, user.editor)
    return _detail(session, target.id)


@router.post("/events/import")
def import_events(user: Analyst, session: DB, file: Annotated[UploadFile, File(description="xlsx")]) -> dict[str, Any]:
    """Rows with an id update that event; rows without one add confirmed events (columns as in the export)."""
    try:
        rows = read_event_workbook(file.file.read())
    except ValueError as exc:
        raise invalid("file", str(exc), "Start from an export: GET /api/v1/exports/events.xlsx") from None
    counts = curation.import_events(session, rows, user.editor)
    return {"ok": True, **counts}
