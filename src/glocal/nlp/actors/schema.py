"""The canonical actor record and the error raised when actor data files are invalid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glocal.errors import ConfigError

KINDS = ("country", "local_gov", "city", "organisation", "programme", "region")
LANGUAGES = ("en", "ko", "ja", "zh", "vi")
KEY_PREFIX = {"country": "country", "local_gov": "local_gov", "city": "city", "organisation": "org",
              "programme": "programme", "region": "region"}


class ActorDataError(ConfigError):
    """An actor data file (src/glocal/data/actors/*.yaml) is malformed; the message names file and entry."""

    code = "G140"


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One canonical actor. ``names`` always has "en"; every name is also matched as an alias."""

    key: str  # "<prefix>:<id>", e.g. country:VN, local_gov:11680, org:molit
    kind: str  # one of KINDS
    names: dict[str, str]
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2 the actor belongs to
    admin_code: str | None = None  # Korean administrative code for local governments
    parent: str | None = None  # key of the enclosing actor (local_gov:11 for local_gov:11680)
    context: tuple[str, ...] = ()  # words near an ambiguous name that point to this actor
    default: bool = False  # the reading of a shared name when context says nothing
    priority: int = 0  # among actors sharing a name, a higher priority wins outright
    source: str = ""  # data file or generator ("pycountry+babel", "geonames", "iso3166-2")
    population: int = 0
    geonameid: int | None = None
    iso3166_2: str | None = None
    unmatched: tuple[str, ...] = ()  # names shown but never matched (common words such as 수단)

    @property
    def name_en(self) -> str:
        return self.names["en"]

    def surfaces(self) -> list[str]:
        """Every string matched for this actor: names first, then aliases, without repeats."""
        return [s for s in dict.fromkeys([*self.names.values(), *self.aliases]) if s not in self.unmatched]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view for the CLI and API (``glocal actors show``)."""
        return {
            "key": self.key, "kind": self.kind, "name_en": self.name_en, "names": dict(self.names),
            "aliases": [a for a in self.aliases if a not in self.names.values()], "country": self.country,
            "admin_code": self.admin_code, "parent": self.parent, "source": self.source,
        }
