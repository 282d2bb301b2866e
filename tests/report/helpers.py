"""Walking a briefing model independently of ``Briefing.sentences()``, and answer-key lookups."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from glocal.report.model import Briefing, Chart, Row, Sentence


def walk(node: Any, path: str = "briefing", in_chart: bool = False) -> Iterator[tuple[str, Any, bool]]:
    """Every Sentence and Row reachable from ``node`` (with its path and whether it is chart data)."""
    if isinstance(node, (Sentence, Row)):
        yield path, node, in_chart
        return
    if isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from walk(item, f"{path}[{index}]", in_chart)
        return
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        chart = in_chart or isinstance(node, Chart)
        for item in dataclasses.fields(node):
            yield from walk(getattr(node, item.name), f"{path}.{item.name}", chart)


def all_citations(briefing: Briefing) -> list[tuple[str, Sentence | Row, list[int]]]:
    return [(path, node, node.citations) for path, node, chart in walk(briefing) if not chart]


def ak_dates(record: dict[str, Any]) -> list[str]:
    return [event.get("date") or "" for event in record.get("events", [])]


def in_month(text: str, period: str) -> bool:
    return text.startswith(period)


def parse_en_date(text: str) -> tuple[date, str]:
    """'21 October 2025' → (2025-10-21, 'day'); 'October 2025' → (2025-10-01, 'month')."""
    for pattern, precision in (("%d %B %Y", "day"), ("%B %Y", "month")):
        try:
            return datetime.strptime(text, pattern).date(), precision
        except ValueError:
            continue
    raise AssertionError(f"not an English briefing date: {text!r}")
