"""UI languages (ko, en, ja): message catalogues in ``web/locales/*.json`` and Babel formatting.

A catalogue is a flat ``{key: text}`` map; texts may hold ``{name}`` placeholders. A key missing
in one language falls back to English, then to the key itself (a test keeps catalogues aligned).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("ko", "en", "ja")
DEFAULT_LANGUAGE = "ko"
LANGUAGE_NAMES = {"ko": "한국어", "en": "English", "ja": "日本語"}
LOCALES = Path(__file__).with_name("locales")
DISPLAY_TZ = ZoneInfo("Asia/Seoul")  # the users' working time zone; stored times are UTC


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    return json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))


def pick_language(*candidates: str | None, accept: str | None = None) -> str:
    """The first supported language among explicit choices, then the Accept-Language header."""
    for candidate in candidates:
        if candidate and candidate[:2].lower() in LANGUAGES:
            return candidate[:2].lower()
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


class Translator:
    """Messages, dates and numbers for one UI language (what templates call ``t``, ``fdate``...)."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._messages = catalogue(self.language)
        self._fallback = catalogue("en")

    def __call__(self, key: str, **values: Any) -> str:
        text = self._messages.get(key) or self._fallback.get(key) or key
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._messages or key in self._fallback

    def label(self, prefix: str, value: str | None) -> str:
        """A translated code label (``event_type.agreement``), or the code itself."""
        if value is None:
            return "—"
        key = f"{prefix}.{value}"
        return self(key) if self.has(key) else value

    def date(self, value: date | datetime | None, form: str = "medium") -> str:
        if value is None:
            return "—"
        if isinstance(value, datetime):
            value = value.astimezone(DISPLAY_TZ).date()
        return format_date(value, format=form, locale=self.language)

    def datetime(self, value: datetime | None) -> str:
        if value is None:
            return "—"
        return format_datetime(value.astimezone(DISPLAY_TZ), format="short", locale=self.language)

    def number(self, value: float | int | None, digits: int = 2) -> str:
        if value is None:
            return "—"
        if isinstance(value, int):
            return format_decimal(value, locale=self.language)
        return format_decimal(round(value, digits), format="#,##0." + "0" * digits, locale=self.language)

    def signed(self, value: float | None, digits: int = 2) -> str:
        if value is None:
            return "—"
        text = self.number(abs(value), digits)
        return ("+" if value >= 0 else "−") + text

    def percent(self, value: float | None) -> str:
        if value is None:
            return "—"
        return format_percent(value, format="#,##0.#%", locale=self.language)

    def actor_name(self, actor: dict[str, Any] | None) -> str:
        if not actor:
            return "—"
        return actor.get(f"name_{self.language}") or actor.get("name_en") or actor.get("key") or "—"
