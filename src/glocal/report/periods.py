"""Briefing periods: ``2025-10`` (month), ``2025-Q4`` (quarter) or ``2025`` (year), as date ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from glocal.periods import add_months
from glocal.report.model import BriefingError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open date range ``[start, end)`` with its label and granularity."""

    label: str
    kind: str  # month | quarter | year
    start: date
    end: date

    @property
    def months(self) -> int:
        return {"month": 1, "quarter": 3, "year": 12}[self.kind]

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return shifted(self, -1)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day < self.end


def parse_period(text: str) -> Period:
    """The period named by ``text``; a ``BriefingError`` explains the accepted forms otherwise."""
    text = text.strip()
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise BriefingError(f"{text!r} is not a month", hint="Write the period as YYYY-MM, e.g. 2025-10.")
        start = date(year, month, 1)
        return Period(text, "month", start, add_months(start, 1))
    if match := _QUARTER.match(text.upper()):
        start = date(int(match[1]), (int(match[2]) - 1) * 3 + 1, 1)
        return Period(text.upper(), "quarter", start, add_months(start, 3))
    if match := _YEAR.match(text):
        start = date(int(match[1]), 1, 1)
        return Period(text, "year", start, date(start.year + 1, 1, 1))
    raise BriefingError(
        f"{text!r} is not a period", hint="Use a month (2025-10), a quarter (2025-Q4) or a year (2025)."
    )


def shifted(period: Period, steps: int) -> Period:
    """The period ``steps`` lengths later (negative: earlier)."""
    start = add_months(period.start, steps * period.months)
    end = add_months(start, period.months)
    if period.kind == "month":
        label = f"{start.year:04d}-{start.month:02d}"
    elif period.kind == "quarter":
        label = f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    else:
        label = f"{start.year:04d}"
    return Period(label, period.kind, start, end)


def trailing_months(period: Period, count: int = 12) -> list[Period]:
    """The ``count`` months ending with the last month of ``period``, oldest first (trend charts)."""
    last = parse_period(f"{add_months(period.end, -1):%Y-%m}")
    return [shifted(last, -offset) for offset in range(count - 1, -1, -1)]
