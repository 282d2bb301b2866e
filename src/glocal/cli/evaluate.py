"""`glocal eval understanding`: evaluation figures (not tests) for the understanding stage."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from glocal.cli.output import console
from glocal.config import load_settings

app = typer.Typer(help="Measure the pipeline on gold sets and third-party data.", no_args_is_help=True)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


@app.command()
def understanding(
    as_json: Annotated[bool, typer.Option("--json", help="Print every figure as JSON.")] = False,
) -> None:
    """Country mentions, locations, organisations, events, tone — per language (takes a few minutes)."""
    from glocal.evaluation.render import print_tables
    from glocal.evaluation.understanding import run

    results = run(load_settings())
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    rows = results.pop("headline")
    console.print(f"Third-party data: {results.pop('evaldata')}")
    print_tables({k: {kk: vv for kk, vv in v.items() if kk != "errors"} for k, v in results.items()}, console)
    table = Table(title="Issue #3 targets")
    for column in ("measure", "ko", "ja", "en", "target"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for row in rows:
        table.add_row(*(_cell(row[c]) for c in ("measure", "ko", "ja", "en", "target")))
    console.print(table)
