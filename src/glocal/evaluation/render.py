"""Print nested result dictionaries as flat, readable tables."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def flatten(result: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """("section / language / metric", value) rows for every scalar leaf, in insertion order."""
    if isinstance(result, dict):
        rows: list[tuple[str, Any]] = []
        for key, value in result.items():
            rows.extend(flatten(value, f"{prefix} / {key}" if prefix else str(key)))
        return rows
    if isinstance(result, list | tuple) and result and not all(isinstance(v, int | float | str) for v in result):
        return [(prefix, f"{len(result)} items")]
    return [(prefix, result)]


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def print_tables(results: dict[str, Any], console: Console) -> None:
    for section, result in results.items():
        table = Table(title=section, show_header=True)
        table.add_column("measure")
        table.add_column("value", justify="right")
        for name, value in flatten(result):
            table.add_row(name, _format(value))
        console.print(table)
