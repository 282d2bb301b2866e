"""`glocal sources list|add|status`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from glocal.cli.output import console, when
from glocal.config import SOURCE_KINDS, source_from_mapping
from glocal.pipeline.core import Glocal
from glocal.store import repository

app = typer.Typer(help="Declare sources and see their health.", no_args_is_help=True)


@app.command("list")
def list_() -> None:
    """Every source with its kind, location and last fetch."""
    glocal = Glocal.open()
    try:
        glocal.sources_to_run()  # syncs glocal.toml's sources into the store
        with glocal.session() as session:
            rows = repository.list_sources(session)
            table = Table(title="Sources")
            for column in ("name", "kind", "location", "origin", "documents", "last fetch", "status"):
                table.add_column(column)
            for s in rows:
                table.add_row(escape(s.name), s.kind, escape(s.location), s.origin, str(s.documents_total), when(s.last_fetched_at), s.last_status or "never")
        console.print(table)
    finally:
        glocal.close()


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="A short unique name, e.g. molit-press.")],
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(SOURCE_KINDS)}.")],
    location: Annotated[str, typer.Argument(help="Feed/page/API URL, or a file or folder path.")],
    credibility: Annotated[float, typer.Option(min=0.0, max=1.0, help="Source credibility 0..1.")] = 0.5,
    allow_private: Annotated[bool, typer.Option(help="Allow loopback/private addresses (intranets).")] = False,
) -> None:
    """Add (or update) a source."""
    spec = source_from_mapping(
        {"name": name, "kind": kind, "location": location, "credibility": credibility, "allow_private": allow_private}
    )
    glocal = Glocal.open()
    try:
        glocal.add_source(spec)
    finally:
        glocal.close()
    console.print(f"Source [bold]{name}[/] saved. Run [bold]glocal ingest --source {name}[/] to collect it.")


@app.command()
def status(
    source: Annotated[str | None, typer.Option("--source", "-s", help="Only this source.")] = None,
    limit: Annotated[int, typer.Option(help="Most rejections shown.")] = 100,
) -> None:
    """Health of each source and every open rejection with its reason."""
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            counts = repository.rejection_counts(session)
            health = Table(title="Source health")
            for column in ("source", "status", "last fetch", "documents", "open rejections", "error"):
                health.add_column(column)
            for s in repository.list_sources(session):
                if source and s.name != source:
                    continue
                health.add_row(escape(s.name), s.last_status or "never", when(s.last_fetched_at), str(s.documents_total), str(counts.get(s.name, 0)), escape(s.last_error or ""))
            rejections = repository.open_rejections(session, source, limit)
            detail = Table(title="Open rejections")
            for column in ("source", "item", "stage", "reason", "message", "what to do"):
                detail.add_column(column, overflow="fold")
            for r in rejections:
                # item keys and messages come from untrusted input (file names, server answers)
                detail.add_row(escape(r.source_name), escape(r.item_key), r.stage, r.reason, escape(r.message), escape(r.hint or ""))
        console.print(health)
        console.print(detail if rejections else "No open rejections.")
    finally:
        glocal.close()
