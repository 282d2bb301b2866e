"""Reading and validating the actor data files in src/glocal/data/actors (YAML).

Every file declares its ``schema``; all ``*.yaml`` files of the folder are read in name order, so an
analyst extends a table by editing it or by adding a file (e.g. ``my_partners.yaml`` with
``schema: actors``). Any problem raises ActorDataError naming the file, the entry and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glocal.nlp.actors.schema import KEY_PREFIX, KINDS, LANGUAGES, ActorDataError, ActorRecord

_KEY = re.compile(r"^[a-z_]+:[a-z0-9][a-z0-9-]*$")
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_ENTRY_FIELDS = {"key", "names", "aliases", "country", "context", "default", "geonameid", "iso3166_2", "parent"}
_LOCAL_GOV_FIELDS = {"code", "ko", "ja", "en", "aliases", "default"}
SINGLETONS = ("country_rules", "gazetteer", "boundaries", "locations")


@dataclass
class ActorData:
    """Everything read from the data folder, before generated actors are added."""

    records: list[ActorRecord] = field(default_factory=list)
    variants: dict[str, list[str]] = field(default_factory=dict)  # alpha-2 -> extra aliases
    removed: dict[str, set[str]] = field(default_factory=dict)  # language -> generated names dropped
    singletons: dict[str, dict[str, Any]] = field(default_factory=dict)  # country_rules, gazetteer, boundaries


def fail(where: str, message: str) -> ActorDataError:
    return ActorDataError(f"{where}: {message}", hint="Fix the entry in the actor data file and run again.")


def _strings(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(where, f"'{name}' must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _country(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ALPHA2.match(value):
        raise fail(where, f"'country' must be an ISO 3166-1 alpha-2 code such as KR or VN, or null; got {value!r}")
    return value


def _names(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or "en" not in value:
        raise fail(where, f"'names' must be a mapping with at least an 'en' name, got {value!r}")
    for lang, name in value.items():
        if lang not in LANGUAGES:
            raise fail(where, f"'names' has unknown language {lang!r} (use one of {', '.join(LANGUAGES)})")
        if not isinstance(name, str) or not name.strip():
            raise fail(where, f"name for {lang!r} must be a non-empty string, got {name!r}")
    return {lang: name.strip() for lang, name in value.items()}


def parse_entry(entry: Any, kind: str, where: str, source: str) -> ActorRecord:
    """One entry of a ``schema: actors`` file."""
    if not isinstance(entry, dict):
        raise fail(where, f"an entry must be a mapping, got {entry!r}")
    unknown = set(entry) - _ENTRY_FIELDS
    if unknown:
        raise fail(where, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_ENTRY_FIELDS)}")
    key = entry.get("key")
    if not isinstance(key, str) or not _KEY.match(key) or key.split(":")[0] != KEY_PREFIX[kind]:
        raise fail(where, f"'key' must look like '{KEY_PREFIX[kind]}:<lowercase-slug>', got {key!r}")
    where = f"{where} ({key})"
    geonameid = entry.get("geonameid")
    if geonameid is not None and not isinstance(geonameid, int):
        raise fail(where, f"'geonameid' must be an integer, got {geonameid!r}")
    if not isinstance(entry.get("default", False), bool):
        raise fail(where, "'default' must be true or false")
    return ActorRecord(
        key=key, kind=kind, names=_names(entry.get("names"), where),
        aliases=_strings(entry.get("aliases"), where, "aliases"), country=_country(entry.get("country"), where),
        parent=entry.get("parent"), context=_strings(entry.get("context"), where, "context"),
        default=bool(entry.get("default", False)), priority=40, source=source, geonameid=geonameid,
        iso3166_2=entry.get("iso3166_2"),
    )


def _local_gov(entry: Any, where: str, source: str, sido: dict[str, ActorRecord] | None) -> ActorRecord:
    if not isinstance(entry, dict):
        raise fail(where, f"an entry must be a mapping, got {entry!r}")
    unknown = set(entry) - _LOCAL_GOV_FIELDS
    if unknown:
        raise fail(where, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_LOCAL_GOV_FIELDS)}")
    code = entry.get("code")
    digits = 2 if sido is None else 5
    if not isinstance(code, str) or not re.fullmatch(rf"\d{{{digits}}}", code):
        raise fail(where, f"'code' must be a quoted string of {digits} digits, got {code!r}")
    parent = None
    if sido is not None:
        if code[:2] not in sido:
            raise fail(f"{where} ({code})", f"no sido entry with code {code[:2]!r} for this district")
        parent = f"local_gov:{code[:2]}"
    names = _names({k: entry.get(k) for k in ("en", "ko", "ja") if entry.get(k) is not None}, f"{where} ({code})")
    if "ko" not in names:
        raise fail(f"{where} ({code})", "a Korean local government needs its 'ko' name")
    aliases = _strings(entry.get("aliases"), where, "aliases")
    return ActorRecord(
        key=f"local_gov:{code}", kind="local_gov", names=names, aliases=aliases + _derived(names, aliases, sido is None),
        country="KR", admin_code=code, parent=parent, default=bool(entry.get("default", False)), priority=40,
        source=source,
    )


def _derived(names: dict[str, str], aliases: tuple[str, ...], is_sido: bool) -> tuple[str, ...]:
    """Office forms (강남구청, 서울시청) and English "X District/City/County" for "X-gu/X-si/X-gun"."""
    korean = [a for a in (names["ko"], *aliases) if re.fullmatch(r"[가-힣]+[시군구도]", a)]
    derived = [f"{a}청" for a in korean]
    english = names["en"]
    if not is_sido:
        if english.endswith("-gu"):
            derived.append(english[:-3] + " District")
        elif english.endswith("-gun"):
            derived.append(english[:-4] + " County")
        elif "(" not in english and not english.endswith("City"):
            derived.append(english + " City")
    return tuple(d for d in derived if d not in aliases)


def _parse_local_gov_file(doc: dict[str, Any], name: str, data: ActorData) -> None:
    sido: dict[str, ActorRecord] = {}
    for i, entry in enumerate(doc.get("sido") or []):
        record = _local_gov(entry, f"{name}, sido entry {i + 1}", name, None)
        sido[record.admin_code or ""] = record
    districts = [_local_gov(e, f"{name}, sigungu entry {i + 1}", name, sido) for i, e in enumerate(doc.get("sigungu") or [])]
    data.records.extend([*sido.values(), *districts])


def _parse_variants(doc: dict[str, Any], name: str, data: ActorData) -> None:
    variants = doc.get("variants") or {}
    if not isinstance(variants, dict):
        raise fail(name, "'variants' must map ISO alpha-2 codes to lists of names")
    for code, names in variants.items():
        _country(code, f"{name}, variants")
        data.variants.setdefault(code, []).extend(_strings(names, f"{name}, variants of {code}", code))
    for lang, names in (doc.get("remove") or {}).items():
        data.removed.setdefault(lang, set()).update(_strings(names, f"{name}, remove", lang))


def _parse_actor_file(doc: dict[str, Any], name: str, data: ActorData) -> None:
    kind = doc.get("kind")
    if kind not in KINDS or kind in ("country", "local_gov"):
        raise fail(name, f"'kind' must be one of city, organisation, programme, region; got {kind!r}")
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise fail(name, "'entries' must be a list")
    data.records.extend(parse_entry(e, kind, f"{name}, entry {i + 1}", name) for i, e in enumerate(entries))


def read_yaml(path: Path) -> dict[str, Any]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise fail(path.name, f"not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or "schema" not in doc:
        raise fail(path.name, "the file must be a mapping with a 'schema' key")
    return doc


def load_data_dir(folder: Path) -> ActorData:
    """Read and validate every ``*.yaml`` file of ``folder``."""
    data = ActorData()
    parsers = {"actors": _parse_actor_file, "kr_local_gov": _parse_local_gov_file, "country_variants": _parse_variants}
    for path in sorted(folder.glob("*.yaml")):
        doc = read_yaml(path)
        schema = doc["schema"]
        if schema in parsers:
            parsers[schema](doc, path.name, data)
        elif schema in SINGLETONS:
            if schema in data.singletons:
                raise fail(path.name, f"a second file with schema {schema!r}; keep one")
            data.singletons[schema] = doc
        else:
            raise fail(path.name, f"unknown schema {schema!r}")
    missing = [s for s in SINGLETONS if s not in data.singletons]
    if missing:
        raise fail(str(folder), f"no file with schema {', '.join(missing)}")
    seen: set[str] = set()
    for record in data.records:
        if record.key in seen:
            raise fail(record.source, f"duplicate actor key {record.key!r}")
        seen.add(record.key)
    return data
