"""Date expressions resolved against the publication date, per language.

Patterns and vocabularies are data (glocal/data/events/dates.yaml); one resolver reads their named
groups for every language. Rules for incomplete dates (news reports are past tense by default):

- a day without a month ("20일", "20日") is in the publication month, or in the previous month when
  that day is after the publication day; in future tense ("오는 5일", or ``tense="future"``) it is in
  the publication month, or the next one when the day has already passed;
- a month without a year is in the publication year, or the previous (future: next) year when it
  lies after (before) the publication date;
- a weekday is the most recent such day before publication, or the next one after it in future
  tense ("next Tuesday", or ``tense="future"``);
- "last week"/"先週" give the month of the day a week before publication (month precision);
- "올해 상반기", "this year", "2019年" give a year.
A timezone-aware publication time is first moved to the language's usual offset (KST for ko/ja).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from glocal.nlp.events.lexicon import check, load_data

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_TABLES = ("months", "weekdays", "rel_days", "rel_weeks", "rel_months", "rel_years")
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
_RANGE = re.compile(r"\s*(?:부터|から|より|to|until|till|through|and|[-–~∼〜～])\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    date: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: str  # day | month | year
    surface: str
    start: int
    end: int
    reporting: bool = False  # the date of the report ("21일 밝혔다", "said on Tuesday"), not of the event
    deadline: bool = False  # a deadline or the end of a range ("30일까지", "until Friday"), never an event date


@dataclass(frozen=True, slots=True)
class _Language:
    pattern: re.Pattern[str]  # every pattern of the file as one alternation, group names prefixed p<i>_
    groups: tuple[tuple[tuple[str, str], ...], ...]  # per alternative: (prefixed name, name)
    tables: dict[str, dict[str, int]]
    utc_offset: float | None
    rejects: frozenset[str]
    markers: dict[str, re.Pattern[str] | None]  # report_after, report_before, deadline_after, deadline_before


def _alternation(words: dict[str, int]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=None)
def _language(language: str) -> _Language | None:
    data = load_data("dates.yaml").get("languages", {})
    spec = data.get(language)
    if spec is None:
        return None
    tables = {name: {k.lower(): int(v) for k, v in (spec.get(name) or {}).items()} for name in _TABLES}
    flags = re.IGNORECASE if language in ("en", "vi") else 0
    placeholders = {name: _alternation(table) for name, table in tables.items()}
    # One scan instead of one per pattern: at each position the first alternative that matches wins,
    # so the file lists specific patterns (2019년 11월 25일) before the parts they contain (25일).
    alternatives, groups = [], []
    for i, raw in enumerate(spec.get("patterns", [])):
        try:
            compiled = re.compile(_expand(raw, placeholders), flags)
        except re.error as exc:
            check(False, "dates.yaml", f"{language}: bad pattern {raw!r}: {exc}")
        alternatives.append(f"(?P<p{i}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<p{i}_\1>", compiled.pattern) + ")")
        groups.append(tuple((f"p{i}_{name}", name) for name in compiled.groupindex))
    markers: dict[str, re.Pattern[str] | None] = {}
    for kind in ("report", "deadline"):
        after, before = spec.get(f"{kind}_after") or [], spec.get(f"{kind}_before") or []
        markers[f"{kind}_after"] = re.compile(r"(?:[\s,]|\([^)]{0,8}\))*(?:" + "|".join(map(re.escape, after)) + ")", flags) if after else None
        markers[f"{kind}_before"] = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, before)) + r")[\s,]*(?:on\s+|the\s+)?$", flags) if before else None
    return _Language(re.compile("|".join(alternatives) or "(?!)", flags), tuple(groups), tables, spec.get("utc_offset"), frozenset(spec.get("lowercase_rejects", [])), markers)


def _marked(lang: _Language, kind: str, text: str, start: int, end: int) -> bool:
    after, before = lang.markers[f"{kind}_after"], lang.markers[f"{kind}_before"]
    return bool((after and after.match(text, end, min(len(text), end + 30))) or (before and before.search(text, max(0, start - 30), start)))


def _expand(raw: str, placeholders: dict[str, str]) -> str:
    # Only {rel_days}-style names are placeholders; regex quantifiers like \d{1,2} stay untouched.
    return re.sub(r"\{([a-z_]+)\}", lambda m: f"(?:{placeholders[m.group(1)]})" if m.group(1) in placeholders else m.group(0), raw)


def publication_date(published: datetime | date | None, language: str) -> date | None:
    """The calendar date of publication as a reader of ``language`` would see it."""
    if published is None:
        return None
    if not isinstance(published, datetime):
        return published
    spec = _language(language)
    if published.tzinfo is not None and spec is not None and spec.utc_offset is not None:
        published = published.astimezone(timezone(timedelta(hours=spec.utc_offset)))
    return published.date()


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _weekday(pub: date, weekday: int, tense: str) -> date:
    # Always strictly before (after) publication: a report dated Monday says "today", not "on Monday".
    if tense == "future":
        return pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    return pub - timedelta(days=(pub.weekday() - weekday) % 7 or 7)


def _format(year: int, month: int | None, day: int | None) -> tuple[str, str] | None:
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    if month is None:
        return f"{year:04d}", "year"
    if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return (f"{year:04d}-{month:02d}", "month") if day is None or 1 <= day <= 31 else None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def _infer_year(pub: date, month: int, day: int | None, tense: str, strict: bool) -> int:
    if day is None:
        after, before = (month >= pub.month, month <= pub.month) if strict else (month > pub.month, month < pub.month)
    else:
        after, before = (month, day) > (pub.month, pub.day), (month, day) < (pub.month, pub.day)
    if tense == "future":
        return pub.year + 1 if before else pub.year
    return pub.year - 1 if after else pub.year


def _resolve(g: dict[str, str | None], lang: _Language, pub: date | None, tense: str) -> tuple[str, str] | None:
    strict = bool(g.get("past") or g.get("future"))
    tense = "past" if g.get("past") else "future" if g.get("future") else tense
    word = {k: " ".join(v.lower().split()) for k, v in g.items() if v and k in ("mon", "wd", "rd", "rw", "rm", "ry")}
    needs_pub = any(k in word for k in ("rd", "rw", "wd", "rm", "ry")) or not (g.get("y") or g.get("reiwa"))
    if needs_pub and pub is None:
        return None
    if "rd" in word:
        d = pub + timedelta(days=lang.tables["rel_days"][word["rd"]])  # type: ignore[operator]
        return _format(d.year, d.month, d.day)
    if "rw" in word:
        d = pub + timedelta(days=7 * lang.tables["rel_weeks"][word["rw"]])  # type: ignore[operator]
        return _format(d.year, d.month, None)
    if "wd" in word and not g.get("d"):
        d = _weekday(pub, lang.tables["weekdays"][word["wd"]], tense)  # type: ignore[arg-type]
        return _format(d.year, d.month, d.day)
    day = int(g["d"]) if g.get("d") else None
    month = int(g["m"]) if g.get("m") else lang.tables["months"].get(word.get("mon", ""))
    year = int(g["y"]) if g.get("y") else None
    if g.get("reiwa"):
        year = 2018 + (1 if g["reiwa"] == "元" else int(g["reiwa"]))  # type: ignore[arg-type]
    elif "ry" in word:
        year = pub.year + lang.tables["rel_years"][word["ry"]]  # type: ignore[union-attr]
    if "rm" in word:
        year, month = _shift_month(pub.year, pub.month, lang.tables["rel_months"][word["rm"]])  # type: ignore[union-attr]
    if month is None and year is None and day is not None:
        if not 1 <= day <= 31:
            return None
        offset = 1 if tense == "future" and day < pub.day else -1 if tense != "future" and day > pub.day else 0  # type: ignore[union-attr]
        year, month = _shift_month(pub.year, pub.month, offset)  # type: ignore[union-attr]
    elif month is not None and year is None:
        year = _infer_year(pub, month, day, tense, strict)  # type: ignore[arg-type]
    if year is None:
        return None
    return _format(year, month, day)


def find_dates(text: str, language: str, published: datetime | date | None, tense: str | None = None) -> list[DateMention]:
    """Every date expression of ``text`` resolved; ``tense`` is "past" (default) or "future"."""
    if not text or _language(language) is None:
        return []
    return list(_find_dates(text, language, publication_date(published, language), tense or "past"))


@lru_cache(maxsize=4096)  # the extractor asks about the same sentence several times
def _find_dates(text: str, language: str, pub: date | None, tense: str) -> tuple[DateMention, ...]:
    lang = _language(language)
    assert lang is not None
    normalised = text.translate(_FULLWIDTH)
    mentions: list[DateMention] = []
    for match in lang.pattern.finditer(normalised):
        start, last_end = match.start(), match.end()
        alternative = int(match.lastgroup[1:])  # type: ignore[index]  # the outer group closes last
        groups = {name: match.group(full) for full, name in lang.groups[alternative]}
        if (groups.get("mon") or "") in lang.rejects or (groups.get("wd") or "") in lang.rejects:
            continue  # "this may help": a modal verb, not the month
        resolved = _resolve(groups, lang, pub, tense) if last_end > start else None
        if resolved is None:
            continue
        deadline = _marked(lang, "deadline", normalised, start, last_end) or bool(
            mentions and _RANGE.fullmatch(normalised, mentions[-1].end, start)
        )
        mentions.append(DateMention(resolved[0], resolved[1], text[start:last_end].strip(), start, last_end,
                                    _marked(lang, "report", normalised, start, last_end), deadline))
    return tuple(mentions)


def resolve_date(text: str, language: str, published: datetime | date | None, tense: str | None = None) -> tuple[str, str] | None:
    """The most precise date expressed in ``text`` (the first one among equals), or None."""
    mentions = find_dates(text, language, published, tense)
    if not mentions:
        return None
    best = max(mentions, key=lambda m: (PRECISION_RANK[m.precision], -m.start))
    return best.date, best.precision
