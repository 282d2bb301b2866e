"""`glocal topics`, `glocal compare`, `glocal trust`, `glocal kpi`, `glocal network`: analysis tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from glocal.cli.output import console
from glocal.errors import GlocalError
from glocal.periods import parse
from glocal.pipeline.core import Glocal
from glocal.store import analysis as analysis_store
from glocal.store import analytics

topics_app = typer.Typer(help="The topic table per period; merge topics.", invoke_without_command=True)
network_app = typer.Typer(help="The partner network (actors linked by shared events).", no_args_is_help=True)

PeriodOption = Annotated[str | None, typer.Option("--period", "-p", help="2025-10, 2025-Q4 or 2025; default: the latest period (setting `period`).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
REGION_METRICS = ("projects", "partner_institutions", "international_events", "exposure", "agreements", "tone", "trust",
                  "axis_industry", "axis_culture", "axis_data", "axis_inclusion")


def _fmt(value: Any, signed: bool = False) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:+.2f}" if signed else (f"{value:.2f}" if value % 1 else f"{value:.0f}")
    return str(value)


def _resolve_period(session, period: str | None, granularity: str = "month") -> str:  # type: ignore[no-untyped-def]
    if analytics.latest_run(session) is None:
        raise GlocalError("no analysis results yet", hint="Run `glocal analyze` first.")
    if period is not None:
        try:
            return parse(period)
        except ValueError as exc:
            raise GlocalError(str(exc), hint="Periods look like 2025-10, 2025-Q4 or 2025.") from exc
    known = analytics.periods(session, granularity)
    if not known:
        raise GlocalError("the analysis has no dated documents", hint="Check documents' publication dates.")
    return known[-1]


def _emit_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=1, default=str))


@topics_app.callback()
def topics(ctx: typer.Context, period: PeriodOption = None, as_json: JsonOption = False,
           limit: Annotated[int, typer.Option(min=1)] = 30) -> None:
    """Topic table: size, keywords, centrality, tone and its change, Trust Index."""
    if ctx.invoked_subcommand:
        return
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            period = _resolve_period(session, period, glocal.settings.period)
            rows = analytics.topic_table(session, period)[:limit]
    finally:
        glocal.close()
    if as_json:
        _emit_json({"period": period, "topics": rows})
        return
    table = Table(title=f"Topics · {period}")
    for column in ("topic", "label", "size", "centrality", "tone", "Δ tone", "trust", "keywords (ko / ja / en)"):
        table.add_column(column)
    for row in rows:
        kw = row["keywords"]
        words = " / ".join(", ".join(kw.get(lang, [])[:3]) for lang in ("ko", "ja", "en") if kw.get(lang))
        table.add_row(row["topic_key"], escape(row["label"]), _fmt(row.get("size")), _fmt(row.get("centrality")),
                      _fmt(row.get("tone"), True), _fmt(row.get("tone_change"), True), _fmt(row.get("trust")), escape(words))
    console.print(table)


@topics_app.command("merge")
def merge(source: Annotated[str, typer.Argument(help="Topic key to merge away.")],
          target: Annotated[str, typer.Argument(help="Topic key that receives its documents.")]) -> None:
    """Merge one topic into another (indicators follow on the next `glocal analyze`)."""
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            try:
                moved = analysis_store.merge_topic(session, source, target)
            except KeyError as exc:
                raise GlocalError(f"unknown topic {exc.args[0]!r}", hint="List topics with `glocal topics --json`.") from None
    finally:
        glocal.close()
    console.print(f"Moved {moved} documents from {source} into {target}. Run [bold]glocal analyze[/] to refresh indicators.")


def compare(period: PeriodOption = None, as_json: JsonOption = False) -> None:
    """Home region against its peers on every indicator."""
    glocal = Glocal.open()
    try:
        regions = [glocal.settings.home_region, *glocal.settings.peer_regions]
        with glocal.session() as session:
            period = _resolve_period(session, period, glocal.settings.period)
            values = analytics.indicator_table(session, "region", period, regions)
            names = analysis_store.actor_names(session)
    finally:
        glocal.close()
    if as_json:
        _emit_json({"period": period, "home_region": regions[0], "regions": {
            r: {m: c["value"] for m, c in values.get(r, {}).items()} for r in regions}})
        return
    table = Table(title=f"Region indicators · {period}")
    table.add_column("indicator")
    for region in regions:
        label = names.get(region, ("", region))[1]
        table.add_column(("★ " if region == regions[0] else "") + label)
    for metric in REGION_METRICS:
        table.add_row(metric, *[_fmt(values.get(r, {}).get(metric, {}).get("value"), metric == "tone") for r in regions])
    console.print(table)


def trust(period: PeriodOption = None, scope: Annotated[str, typer.Option(help="region, partner or topic")] = "region",
          as_json: JsonOption = False) -> None:
    """Trust Index with its components (see docs/methodology.md)."""
    if scope not in ("region", "partner", "topic"):
        raise GlocalError(f"unknown scope {scope!r}", hint="Use region, partner or topic.")
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            period = _resolve_period(session, period, glocal.settings.period)
            values = analytics.indicator_table(session, scope, period)
    finally:
        glocal.close()
    rows = {key: metrics["trust"] for key, metrics in values.items() if "trust" in metrics}
    if as_json:
        _emit_json({"period": period, "scope": scope, "trust": rows})
        return
    table = Table(title=f"Trust Index · {scope} · {period}")
    for column in ("scope", "trust", "tone", "consistency", "follow-through", "continuity", "breadth", "documents"):
        table.add_column(column)
    for key, cell in sorted(rows.items(), key=lambda kv: -(kv[1]["value"] or 0)):
        parts = cell["components"].get("components", {})
        table.add_row(key, _fmt(cell["value"]), *[_fmt(parts.get(c)) for c in ("tone", "consistency", "follow_through", "continuity", "breadth")],
                      _fmt(cell["components"].get("documents")))
    console.print(table)


def kpi(period: PeriodOption = None, as_json: JsonOption = False) -> None:
    """The district's KPIs against their targets."""
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            period = _resolve_period(session, period, glocal.settings.period)
            values = analytics.indicator_table(session, "kpi", period, [glocal.settings.home_region])
    finally:
        glocal.close()
    cells = values.get(glocal.settings.home_region, {})
    if as_json:
        _emit_json({"period": period, "kpis": cells})
        return
    table = Table(title=f"KPIs · {period}")
    for column in ("KPI", "value", "target", "met"):
        table.add_column(column)
    for metric, cell in sorted(cells.items()):
        met = cell["components"].get("met")
        table.add_row(metric, _fmt(cell["value"]), _fmt(cell["components"].get("target")), "✔" if met else "✘")
    console.print(table)


@network_app.command("export")
def export_network(output: Annotated[Path, typer.Argument(help="File to write.")],
                   fmt: Annotated[str, typer.Option("--format", help="graphml or json")] = "graphml",
                   language: Annotated[str, typer.Option(help="Node labels in en, ko or ja.")] = "en") -> None:
    """Write the partner network with centrality and communities."""
    from glocal.analysis.network import export
    from glocal.pipeline.network import partner_network

    if fmt not in ("graphml", "json"):
        raise GlocalError(f"unknown format {fmt!r}", hint="Use --format graphml or --format json.")
    glocal = Glocal.open()
    try:
        graph = partner_network(glocal, language)
    finally:
        glocal.close()
    export(graph, output, fmt)
    console.print(f"Wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} links to {output}.")
