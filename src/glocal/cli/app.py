"""Top-level commands: init, ingest, demo; sub-apps for sources and docs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from glocal.cli import analytics, brief, docs, evaluate, serve, sources, users
from glocal.cli import analyze as analysis
from glocal.cli.output import RichProgress, console, print_ingest_report
from glocal.config import database_url, load_settings
from glocal.pipeline.core import Glocal, demo_sources
from glocal.records import SourceSpec
from glocal.store import repository

app = typer.Typer(
    name="glocal",
    help="Glocal — city-diplomacy and international-cooperation intelligence.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(sources.app, name="sources")
app.add_typer(docs.app, name="docs")
app.add_typer(analysis.events_app, name="events")
app.add_typer(analysis.actors_app, name="actors")
app.command("analyze")(analysis.analyze)
app.add_typer(evaluate.app, name="eval")
app.command("serve")(serve.serve)
app.add_typer(users.users_app, name="users")
app.add_typer(users.tokens_app, name="tokens")
app.add_typer(analytics.topics_app, name="topics")
app.add_typer(analytics.network_app, name="network")
app.command("compare")(analytics.compare)
app.command("trust")(analytics.trust)
app.command("kpi")(analytics.kpi)
app.command("brief")(brief.brief)


@app.command()
def init() -> None:
    """Create (or upgrade) the store and show where it is."""
    settings = load_settings()
    Glocal.open(settings).close()
    console.print(f"Store ready: [bold]{database_url(settings)}[/]")
    console.print("Next: add a source with [bold]glocal sources add[/] or run [bold]glocal demo[/].")


@app.command()
def ingest(
    source: Annotated[Optional[list[str]], typer.Option("--source", "-s", help="Only these sources (repeatable).")] = None,
    path: Annotated[Optional[Path], typer.Option("--path", help="Ingest a local file or folder once, without declaring it.")] = None,
) -> None:
    """Collect new items from the declared sources (or one local path) and store them."""
    glocal = Glocal.open()
    try:
        if path is not None:
            specs = [SourceSpec(name=f"path:{path.resolve()}", kind="files", location=str(path.resolve()))]
        else:
            specs = glocal.sources_to_run(source)
        if not specs:
            console.print("No sources to ingest. Add one with [bold]glocal sources add NAME KIND LOCATION[/].")
            raise typer.Exit(1)
        with RichProgress() as progress:
            report = glocal.ingest(specs, progress)
        print_ingest_report(report)
    finally:
        glocal.close()


@app.command()
def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Do not start the dashboard afterwards.")] = False,
) -> None:
    """Ingest the bundled demo corpus (and a folder of deliberately broken files), analyse it, serve the dashboard."""
    glocal = Glocal.open()
    try:
        with RichProgress() as progress:
            report = glocal.ingest(demo_sources(), progress, origin="demo")
        print_ingest_report(report)
        with glocal.session() as session:
            summary = repository.corpus_summary(session)
        languages = ", ".join(f"{lang} {n}" for lang, n in summary["languages"].items())
        console.print(f"Store: [bold]{database_url(glocal.settings)}[/]")
        console.print(
            f"Documents: {summary['documents']} ({languages}); near-duplicate groups: "
            f"{summary['near_duplicate_groups']} covering {summary['documents_in_near_duplicate_groups']} documents; "
            f"open rejections: {summary['open_rejections']}"
        )
        with RichProgress() as progress:
            understood = glocal.understand(progress)
        console.print(
            f"Understood {understood.documents} documents: {understood.mentions} actor mentions, "
            f"{understood.events} event reports ({understood.failed} failed)."
        )
        analysis.run_analysis(glocal)
        console.print(
            "Explore: [bold]glocal docs list[/], [bold]glocal docs search 스마트시티[/], [bold]glocal sources status[/], "
            "[bold]glocal events list --country VN[/], [bold]glocal actors show 강남구[/], "
            "[bold]glocal topics --period 2025[/], [bold]glocal compare --period 2025[/], [bold]glocal kpi --period 2025[/]"
        )
        if no_serve:
            return
        from glocal.web import demo_login

        username, password = demo_login(glocal)
    finally:
        glocal.close()
    console.print(
        f"Demo login (a fresh password on every `glocal demo`; no default passwords): "
        f"[bold]{username}[/] / [bold]{password}[/]"
    )
    serve.serve(host=None, port=None)
