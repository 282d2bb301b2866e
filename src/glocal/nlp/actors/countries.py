"""Country actors generated at run time from pycountry and babel, plus the variants data file.

Names come from the packages, not from our data: pycountry's English names and its ISO 3166-1
gettext catalogs (ko, ja, zh_CN, zh_TW, vi), and babel's territory names (en, ko, ja, zh, zh_Hant,
vi). countries.yaml adds short forms and adjectives and removes generated names that are common
words ("수단" is Sudan but also "means").
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry
from babel import Locale

from glocal.nlp.actors.schema import ActorRecord

_CATALOGS = {"ko": ("ko",), "ja": ("ja",), "zh": ("zh_CN", "zh_TW"), "vi": ("vi",)}
_BABEL = {"en": ("en",), "ko": ("ko",), "ja": ("ja",), "zh": ("zh", "zh_Hant"), "vi": ("vi",)}
_PAREN = re.compile(r"^(.+?)\s*[(（](.+?)[)）]$")
# a parenthesis that qualifies rather than names: "聖馬丁 (法屬)", "홍콩 (중국 특별행정구)"
_QUALIFIER = re.compile(r"行政|행정|屬|属|領|part|部分", re.IGNORECASE)


@lru_cache(maxsize=None)
def _catalog(locale: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:  # a catalog missing from this pycountry build: fall back to babel only
        return gettext.NullTranslations()


@lru_cache(maxsize=None)
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


def _forms(name: str | None) -> list[str]:
    """Usable surface forms of a generated name: "大韓民国 (韓国)" gives both; "Korea, Republic of" none."""
    if not name or "," in name:
        return []
    match = _PAREN.match(name.strip())
    forms = [match.group(1)] if match else [name.strip()]
    if match and not _QUALIFIER.search(match.group(2)):
        forms.append(match.group(2))
    return [f for f in forms if len(f) >= 2]


def _generated(country: object) -> dict[str, list[str]]:
    """Names per language for one pycountry country, display name first."""
    code = country.alpha_2  # type: ignore[attr-defined]
    english = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
    by_lang: dict[str, list[str]] = {}
    for lang, locales in _BABEL.items():
        by_lang[lang] = [f for loc in locales for f in _forms(_territories(loc).get(code))]
    by_lang["en"] += [f for name in english for f in _forms(name)]
    for lang, locales in _CATALOGS.items():
        for msgid in english:
            if msgid:
                by_lang[lang] += [f for loc in locales for f in _forms(_catalog(loc).gettext(msgid)) if f != msgid]
    return {lang: list(dict.fromkeys(names)) for lang, names in by_lang.items()}


def country_records(variants: dict[str, list[str]], removed: dict[str, set[str]]) -> list[ActorRecord]:
    """One record per ISO 3166-1 country, key ``country:<alpha-2>``."""
    records = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        generated = _generated(country)
        kept = {lang: [n for n in names if n not in removed.get(lang, set())] for lang, names in generated.items()}
        names = {lang: found[0] for lang, found in generated.items() if found}
        names.setdefault("en", country.name)
        aliases = [n for found in kept.values() for n in found] + variants.get(country.alpha_2, [])
        records.append(ActorRecord(
            key=f"country:{country.alpha_2}", kind="country", names=names, country=country.alpha_2,
            aliases=tuple(dict.fromkeys(aliases)), priority=50, source="pycountry+babel",
            unmatched=tuple(sorted({n for found in generated.values() for n in found} - set(aliases))),
        ))
    return records
