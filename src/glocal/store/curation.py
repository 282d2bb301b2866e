"""Changes people make through the dashboard or API, each recorded in the audit log.

Curating events (confirm, edit, reject, merge, add manually, import), managing users and API
tokens, admin setting overrides and sources. Every function takes the ``Editor`` making the change
and writes one ``audit_log`` row with the state before and after. Transactions are the caller's.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from glocal.errors import GlocalError
from glocal.store import models
from glocal.store.db import begin_write
from glocal.store.models import utcnow

T = TypeVar("T")

EDITABLE_EVENT_FIELDS = ("type", "event_date", "date_precision", "domain", "summary", "evidence", "signed_on", "expires_on")
ROLES = ("viewer", "analyst", "admin")


def _writes(function: Callable[..., T]) -> Callable[..., T]:
    """The change takes the store's write lock before it reads (see store.db.begin_write)."""

    @functools.wraps(function)
    def wrapper(session: Session, *args: Any, **kwargs: Any) -> T:
        begin_write(session)
        return function(session, *args, **kwargs)

    return wrapper


class CurationError(GlocalError):
    """A change that cannot be made as asked (unknown row, conflicting merge, duplicate name)."""

    code = "G400"

    def __init__(self, message: str, hint: str | None = None, status: int = 409) -> None:
        super().__init__(message, hint)
        self.status = status


class NotFound(CurationError):
    code = "G404"

    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key} does not exist", hint="Check the id.", status=404)


@dataclass(frozen=True, slots=True)
class Editor:
    user_id: int | None
    username: str


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def record_audit(session: Session, editor: Editor, action: str, entity_type: str, entity_id: object,
                 before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    session.add(models.AuditEntry(
        user_id=editor.user_id, username=editor.username, action=action, entity_type=entity_type,
        entity_id=None if entity_id is None else str(entity_id),
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    ))


# --- events ----------------------------------------------------------------------------------


def event_snapshot(session: Session, event: models.Event) -> dict[str, Any]:
    countries = session.scalars(
        select(models.EventCountry.country_code).where(models.EventCountry.event_id == event.id)
        .order_by(models.EventCountry.country_code)
    ).all()
    snapshot = {f: getattr(event, f) for f in EDITABLE_EVENT_FIELDS}
    snapshot.update(status=event.status, merged_into_id=event.merged_into_id, countries=list(countries))
    return _jsonable(snapshot)


def _event(session: Session, event_id: int, lock: bool = True) -> models.Event:
    statement = select(models.Event).where(models.Event.id == event_id)
    if lock and session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update()
    event = session.scalar(statement)
    if event is None:
        raise NotFound("event", event_id)
    return event


def _set_countries(session: Session, event: models.Event, countries: list[str]) -> None:
    wanted = {c.upper() for c in countries}
    current = set(session.scalars(select(models.EventCountry.country_code).where(models.EventCountry.event_id == event.id)))
    for code in current - wanted:
        session.delete(session.get(models.EventCountry, (event.id, code)))
    for code in sorted(wanted - current):
        session.add(models.EventCountry(event_id=event.id, country_code=code))


@_writes
def update_event(session: Session, event_id: int, changes: dict[str, Any], editor: Editor) -> models.Event:
    """Apply field changes (and ``countries``) to an event; unknown fields are refused."""
    unknown = set(changes) - set(EDITABLE_EVENT_FIELDS) - {"countries", "status"}
    if unknown:
        raise CurationError(f"cannot edit {', '.join(sorted(unknown))}", hint=f"Editable: {', '.join(EDITABLE_EVENT_FIELDS)}.", status=422)
    event = _event(session, event_id)
    if event.merged_into_id is not None:
        raise CurationError(f"event {event_id} was merged into {event.merged_into_id}", hint="Edit the surviving event.")
    before = event_snapshot(session, event)
    for name, value in changes.items():
        if name == "countries":
            _set_countries(session, event, list(value or []))
        elif name == "status":
            if value not in ("reported", "confirmed", "rejected"):
                raise CurationError(f"unknown status {value!r}", hint="Use reported, confirmed or rejected.", status=422)
            event.status = value
        else:
            setattr(event, name, value)
    event.updated_at = utcnow()
    session.flush()
    record_audit(session, editor, "update", "event", event.id, before, event_snapshot(session, event))
    return event


@_writes
def set_event_status(session: Session, event_id: int, status: str, editor: Editor) -> models.Event:
    return update_event(session, event_id, {"status": status}, editor)


@_writes
def merge_events(session: Session, duplicate_id: int, target_id: int, editor: Editor) -> models.Event:
    """Fold a duplicate into ``target``: its sources, parties and countries move; it is kept as merged."""
    if duplicate_id == target_id:
        raise CurationError("an event cannot be merged into itself", hint="Pick two different events.", status=422)
    first, second = sorted((duplicate_id, target_id))  # lock in id order: no deadlock between opposite merges
    locked = {first: _event(session, first), second: _event(session, second)}
    duplicate, target = locked[duplicate_id], locked[target_id]
    if duplicate.merged_into_id is not None or target.merged_into_id is not None:
        raise CurationError("one of the events was already merged", hint="Merge into the surviving event.")
    before = {"duplicate": event_snapshot(session, duplicate), "target": event_snapshot(session, target)}
    for link in session.scalars(select(models.EventSource).where(models.EventSource.event_id == duplicate.id)).all():
        if session.get(models.EventSource, (target.id, link.document_id)) is None:
            session.add(models.EventSource(event_id=target.id, document_id=link.document_id, evidence=link.evidence,
                                           start=link.start, end=link.end))
    for party in session.scalars(select(models.EventParty).where(models.EventParty.event_id == duplicate.id)).all():
        if session.get(models.EventParty, (target.id, party.actor_id)) is None:
            session.add(models.EventParty(event_id=target.id, actor_id=party.actor_id, role=party.role))
    for code in session.scalars(select(models.EventCountry.country_code).where(models.EventCountry.event_id == duplicate.id)).all():
        if session.get(models.EventCountry, (target.id, code)) is None:
            session.add(models.EventCountry(event_id=target.id, country_code=code))
    duplicate.merged_into_id = target.id
    duplicate.status = "merged"
    duplicate.updated_at = target.updated_at = utcnow()
    session.flush()
    session.execute(update(models.Event).where(models.Event.merged_into_id == duplicate.id).values(merged_into_id=target.id))
    after = {"duplicate": event_snapshot(session, duplicate), "target": event_snapshot(session, target)}
    record_audit(session, editor, "merge", "event", f"{duplicate.id}->{target.id}", before, after)
    return target


@_writes
def create_event(session: Session, fields: dict[str, Any], editor: Editor, status: str = "confirmed") -> models.Event:
    """A manually added event (registry entry); confirmed unless told otherwise."""
    countries = list(fields.pop("countries", []) or [])
    unknown = set(fields) - set(EDITABLE_EVENT_FIELDS)
    if unknown:
        raise CurationError(f"unknown field(s) {', '.join(sorted(unknown))}", status=422)
    event = models.Event(
        event_key=hashlib.sha256(f"manual:{uuid.uuid4()}".encode()).hexdigest(),
        status=status, created_by=editor.username, method="manual", confidence=1.0,
        **{"domain": "other", **fields},
    )
    session.add(event)
    session.flush()
    _set_countries(session, event, countries)
    session.flush()
    record_audit(session, editor, "create", "event", event.id, None, event_snapshot(session, event))
    return event


@_writes
def import_events(session: Session, rows: list[dict[str, Any]], editor: Editor) -> dict[str, int]:
    """Rows with an existing ``id`` update that event; rows without one are added as confirmed."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        row = dict(row)
        event_id = row.pop("id", None)
        if event_id:
            event = _event(session, int(event_id))
            current = event_snapshot(session, event)
            changes = {k: v for k, v in row.items() if _jsonable(v) != current.get(k)}
            if changes:
                update_event(session, event.id, changes, editor)
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        else:
            create_event(session, row, editor, status=row.pop("status", None) or "confirmed")
            counts["created"] += 1
    return counts


# --- users and tokens ------------------------------------------------------------------------


def user_snapshot(user: models.User) -> dict[str, Any]:
    return {"username": user.username, "role": user.role, "active": user.active, "display_name": user.display_name,
            "ui_language": user.ui_language}


@_writes
def create_user(session: Session, username: str, password_hash: str, role: str, editor: Editor,
                display_name: str | None = None) -> models.User:
    if role not in ROLES:
        raise CurationError(f"unknown role {role!r}", hint=f"Use one of: {', '.join(ROLES)}.", status=422)
    if session.scalar(select(models.User).where(models.User.username == username)) is not None:
        raise CurationError(f"user {username!r} already exists", hint="Pick another name or edit that user.")
    user = models.User(username=username, password_hash=password_hash, role=role, display_name=display_name)
    session.add(user)
    session.flush()
    record_audit(session, editor, "create", "user", user.id, None, user_snapshot(user))
    return user


@_writes
def update_user(session: Session, user_id: int, changes: dict[str, Any], editor: Editor) -> models.User:
    user = session.get(models.User, user_id)
    if user is None:
        raise NotFound("user", user_id)
    if "role" in changes and changes["role"] not in ROLES:
        raise CurationError(f"unknown role {changes['role']!r}", hint=f"Use one of: {', '.join(ROLES)}.", status=422)
    before = user_snapshot(user)
    for name in ("role", "active", "display_name", "ui_language", "password_hash"):
        if name in changes:
            setattr(user, name, changes[name])
    session.flush()
    after = user_snapshot(user)
    if "password_hash" in changes:
        after["password"] = "changed"
    record_audit(session, editor, "update", "user", user.id, before, after)
    return user


@_writes
def create_token(session: Session, user_id: int, name: str, token_hash: str, editor: Editor) -> models.ApiToken:
    token = models.ApiToken(user_id=user_id, name=name, token_hash=token_hash)
    session.add(token)
    session.flush()
    record_audit(session, editor, "create", "api_token", token.id, None, {"user_id": user_id, "name": name})
    return token


@_writes
def revoke_token(session: Session, token_id: int, editor: Editor) -> None:
    token = session.get(models.ApiToken, token_id)
    if token is None:
        raise NotFound("token", token_id)
    token.revoked_at = utcnow()
    record_audit(session, editor, "revoke", "api_token", token.id, {"name": token.name}, {"revoked": True})


# --- settings and sources --------------------------------------------------------------------


@_writes
def set_overrides(session: Session, values: dict[str, Any], editor: Editor) -> None:
    for key, value in values.items():
        row = session.get(models.SettingOverride, key)
        before = {"value": row.value} if row else None
        if row is None:
            row = models.SettingOverride(key=key)
            session.add(row)
        row.value = value
        row.updated_by = editor.username
        row.updated_at = utcnow()
        record_audit(session, editor, "update", "setting", key, before, {"value": value})
    session.flush()


@_writes
def add_source(session: Session, name: str, kind: str, location: str, credibility: float, language: str | None,
               editor: Editor) -> models.Source:
    if session.scalar(select(models.Source).where(models.Source.name == name)) is not None:
        raise CurationError(f"source {name!r} already exists", hint="Pick another name.")
    source = models.Source(name=name, kind=kind, location=location, credibility=credibility, language=language,
                           origin="api", options={})
    session.add(source)
    session.flush()
    record_audit(session, editor, "create", "source", source.id, None,
                 {"name": name, "kind": kind, "location": location, "credibility": credibility})
    return source


@_writes
def set_source_enabled(session: Session, source_id: int, enabled: bool, editor: Editor) -> models.Source:
    source = session.get(models.Source, source_id)
    if source is None:
        raise NotFound("source", source_id)
    before = {"enabled": source.enabled}
    source.enabled = enabled
    record_audit(session, editor, "update", "source", source.id, before, {"enabled": enabled})
    return source
