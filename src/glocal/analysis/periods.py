"""Period keys: ``2025-10`` (month), ``2025-Q4`` (quarter), ``2025`` (year)."""

from __future__ import annotations

from datetime import date

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
    """First day and the day after the last day of a period."""
    kind = kind_of(period)
    if kind == "year":
        year = int(period)
        return date(year, 1, 1), date(year + 1, 1, 1)
    year_text, rest = period.split("-")
    year = int(year_text)
    if kind == "quarter":
        first_month = (int(rest[1]) - 1) * 3 + 1
        months = 3
    else:
        first_month, months = int(rest), 1
    start = date(year, first_month, 1)
    end_month = first_month + months
    end = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return start, end


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
    try:
        bounds(period)
    except (ValueError, IndexError) as exc:
        raise ValueError(f"{period!r} is not a period: use 2025-10, 2025-Q4 or 2025") from exc
    return period


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (clamped to the first of the month)."""
    index = day.year * 12 + (day.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)
