"""Phrase catalogues (phrases/<lang>.yaml) and the formatting of facts in one UI language.

Catalogues are data: an analyst edits wording there, not here. Loading checks that every
language has the keys of the English catalogue, so a missing translation fails early and loudly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

from glocal.report.model import BriefingError
from glocal.report.periods import Period

LANGUAGES = ("ko", "en", "ja")
_MAX_NAMES = 4


def _keys(tree: Any, prefix: str = "") -> set[str]:
    if isinstance(tree, dict):
        found = set()
        for key, value in tree.items():
            found |= {f"{prefix}{key}"} | _keys(value, f"{prefix}{key}.")
        return found
    return set()


@cache
def _catalogue(language: str) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise BriefingError(f"no briefing language {language!r}", hint=f"Use one of: {', '.join(LANGUAGES)}.")
    text = (resources.files("glocal.report") / "phrases" / f"{language}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    if language != "en":
        missing = _keys(_catalogue("en")) - _keys(data)
        if missing:
            raise BriefingError(f"phrases/{language}.yaml lacks {', '.join(sorted(missing)[:8])}")
    return data


class Phrases:
    """Wording and formatting of one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.data = _catalogue(language)

    # --- plain lookups ----------------------------------------------------------------------

    def label(self, key: str, **fields: Any) -> str:
        return str(self.data["labels"][key]).format(**fields)

    def sentence(self, key: str, **fields: Any) -> str:
        return str(self.data["sentences"][key]).format(**fields)

    def note(self, key: str, **fields: Any) -> str:
        return str(self.data["notes"][key]).format(**fields)

    def section(self, group: str, key: str) -> str:
        """An entry of a small dictionary (event_types, domains, axes, blocs, kpis, ...), or the key."""
        return str(self.data[group].get(key, key))

    def event_type(self, key: str) -> str:
        return self.section("event_types", key)

    def domain(self, key: str) -> str:
        return self.section("domains", key)

    def columns(self, key: str) -> list[str]:
        return list(self.data["columns"][key])

    # --- dates and periods ------------------------------------------------------------------

    def date(self, day: date | None, precision: str = "day") -> str:
        if day is None:
            return "—"
        if precision == "year":
            return str(self.data["formats"]["year"]).format(year=day.year)
        pattern = self.data["formats"]["month" if precision == "month" else "day"]
        return format_date(day, pattern, locale=self.language)

    def period(self, period: Period) -> str:
        if period.kind == "month":
            return self.date(period.start, "month")
        if period.kind == "quarter":
            quarter = (period.start.month - 1) // 3 + 1
            return str(self.data["formats"]["quarter"]).format(year=period.start.year, quarter=quarter)
        return self.date(period.start, "year")

    # --- names, lists, numbers --------------------------------------------------------------

    def name(self, names: Mapping[str, str], fallback: str = "") -> str:
        """An actor's name in this language, else English, else any."""
        return names.get(self.language) or names.get("en") or next(iter(names.values()), fallback)

    def join(self, items: Iterable[str], limit: int = _MAX_NAMES) -> str:
        values = list(dict.fromkeys(i for i in items if i))
        if not values:
            return ""
        if len(values) > limit:
            shown = str(self.data["list_separator"]).join(values[:limit])
            return str(self.data["more"]).format(shown=shown, count=len(values) - limit)
        if len(values) == 1:
            return values[0]
        return str(self.data["list_separator"]).join(values[:-1]) + str(self.data["list_last"]) + values[-1]

    def number(self, value: float, digits: int = 2) -> str:
        if float(value).is_integer():
            return format_decimal(int(value), locale=self.language)
        return format_decimal(round(value, digits), locale=self.language)

    def signed(self, value: float | None) -> str:
        return "—" if value is None else f"{value:+.2f}"

    def ratio(self, value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}"

    def tone_word(self, tone: float) -> str:
        key = "positive" if tone >= 0.15 else "negative" if tone <= -0.15 else "neutral"
        return str(self.data["tone_words"][key])

    def trend_word(self, now: float, before: float) -> str:
        key = "up" if now > before else "down" if now < before else "stable"
        return str(self.data["trend_words"][key])

    def amount(self, amount: Mapping[str, Any]) -> str:
        """``{"value": 1.5e12, "unit": "KRW", "qualifier": "about"}`` → "about 1.5 trillion KRW"."""
        value = float(amount.get("value") or 0)
        unit = str(amount.get("unit") or "")
        if len(unit) == 3 and unit.isupper():  # an ISO 4217 currency
            text = self.number(value)
            for scale, pattern in self.data["money_scales"]:
                if abs(value) >= scale:
                    text = str(pattern).format(value=self.number(value / scale))
                    break
            text = f"{text} {unit}"
        else:
            counted = self.section("units", unit) if unit else ""
            joiner = " " if self.language == "en" else ""
            text = f"{self.number(value)}{joiner}{counted}".strip()
        qualifier = amount.get("qualifier")
        if qualifier and qualifier in self.data["qualifiers"]:
            text = str(self.data["qualifiers"][qualifier]).format(value=text)
        return text


def phrases(language: str) -> Phrases:
    return Phrases(language)
