"""Period keys: ``2025-10`` (month), ``2025-Q4`` (quarter), ``2025`` (year), and date arithmetic on them.

Shared by the analysis, the store's queries, the web layer and the briefings, so every part of the
product accepts the same period strings.
"""

from __future__ import annotations

import re
from datetime import date

PERIOD_RE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")

KINDS = ("month", "quarter", "year")


def period_of(day: date, kind: str) -> str:
    if kind == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if kind == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown period kind {kind!r} (month, quarter or year)")


def periods_of(day: date) -> tuple[str, str, str]:
    return period_of(day, "month"), period_of(day, "quarter"), period_of(day, "year")


def kind_of(period: str) -> str:
    if "-Q" in period:
        return "quarter"
    return "month" if "-" in period else "year"


def bounds(period: str) -> tuple[date, date]:
    """First day and the day after the last day of a period; ValueError for anything else."""
    match = PERIOD_RE.match(period or "")
    if not match:
        raise ValueError(f"{period!r} is not a period: use 2025-10, 2025-Q4 or 2025")
    year = int(match.group(1))
    if match.group(2):
        start, months = date(year, int(match.group(2)), 1), 1
    elif match.group(3):
        start, months = date(year, (int(match.group(3)) - 1) * 3 + 1, 1), 3
    else:
        start, months = date(year, 1, 1), 12
    return start, add_months(start, months)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before, if negative) ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def previous(period: str) -> str:
    start, _ = bounds(period)
    kind = kind_of(period)
    if kind == "year":
        return str(start.year - 1)
    step = 3 if kind == "quarter" else 1
    month = start.month - step
    year = start.year
    if month < 1:
        month += 12
        year -= 1
    return period_of(date(year, month, 1), kind)


def parse(period: str) -> str:
    """Validate a period key given by a user; returns it unchanged or raises ValueError."""
    bounds(period)
    return period


def months_before(day: date, months: int) -> date:
    """The first day of the month ``months`` months before ``day``'s month."""
    return add_months(day, -months)
