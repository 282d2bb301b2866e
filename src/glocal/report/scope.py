"""Who a briefing is about: the ministry's national view, or one Korean local government.

A region may be named by its actor key (``local_gov:11680``), administrative code (``11680``), or
any name or alias the actor tables know (``gangnam-gu``, ``Gangnam-gu``, ``강남구``, ``江南区``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from glocal.report.model import BriefingError
from glocal.store import models

MINISTRY = "ministry"


@dataclass(frozen=True, slots=True)
class Scope:
    key: str  # "ministry" or a region actor key
    names: dict[str, str]  # en / ko / ja display names of a region
    actor_id: int | None  # the region's row in the actors table (None: never mentioned, or ministry)

    @property
    def is_ministry(self) -> bool:
        return self.key == MINISTRY

    @property
    def region_key(self) -> str | None:
        return None if self.is_ministry else self.key

    @property
    def slug(self) -> str:
        """File-name friendly form: ``ministry`` or ``gangnam-gu``."""
        if self.is_ministry:
            return MINISTRY
        name = self.names.get("en") or self.key
        return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-") or "region"


def _region_key(text: str) -> str:
    text = text.strip()
    if text.startswith("local_gov:"):
        return text
    if text.isdigit() and len(text) in (2, 5):
        return f"local_gov:{text}"
    from glocal.nlp.actors import find_actors  # alias tables, loaded only for names

    matches = [actor for actor in find_actors(text.replace("-", " ")) + find_actors(text) if actor.kind == "local_gov"]
    if not matches:
        raise BriefingError(
            f"no Korean local government is known as {text!r}",
            hint="Name the region by actor key (local_gov:11680), administrative code or name (gangnam-gu, 강남구).",
        )
    exact = [a for a in matches if text.lower() in {n.lower() for n in a.names.values()} or a.key == text]
    return (exact or matches)[0].key


def resolve_scope(session: Session, region: str | None, view: str | None, home_region: str) -> Scope:
    """The scope of a briefing: ``view="ministry"``, else ``region`` (default: the home region)."""
    if view is not None and view != MINISTRY:
        raise BriefingError(f"unknown view {view!r}", hint="The only view is `ministry`; use --region for a region.")
    if view == MINISTRY or region == MINISTRY:
        return Scope(MINISTRY, {}, None)
    key = _region_key(region or home_region)
    actor = session.scalar(select(models.Actor).where(models.Actor.key == key))
    if actor is not None:
        names = {lang: name for lang, name in (("en", actor.name_en), ("ko", actor.name_ko), ("ja", actor.name_ja)) if name}
        return Scope(key, names, actor.id)
    from glocal.nlp.actors import get_actor

    record = get_actor(key)
    if record is None:
        raise BriefingError(f"unknown region {key!r}", hint="See src/glocal/data/actors/kr_local_gov.yaml for codes.")
    return Scope(key, dict(record.names), None)
