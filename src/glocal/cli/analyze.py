"""`glocal analyze`, `glocal events list`, `glocal actors show`."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import typer
from rich.markup import escape

from glocal.cli.output import RichProgress, console
from glocal.errors import GlocalError
from glocal.pipeline.analyze import VERSION as ANALYSIS_VERSION
from glocal.pipeline.core import Glocal
from glocal.store import events as event_store

events_app = typer.Typer(help="Cooperation events extracted from the documents.", no_args_is_help=True)
actors_app = typer.Typer(help="Countries, local governments, cities, organisations, programmes.", no_args_is_help=True)


class Stage(str, Enum):
    understand = "understand"
    topics = "topics"
    all = "all"


def analyze(
    stage: Annotated[Stage, typer.Option(help="`understand` (NLP per document), `topics` (embeddings, topics, "
                                              "indicators, Trust Index) or `all`.")] = Stage.all,
    full: Annotated[bool, typer.Option("--full", help="Recompute topics from scratch (IDs of topics that carry over are kept).")] = False,
) -> None:
    """Analyse new or changed documents (only those; rerunning is cheap), then update topics and indicators."""
    glocal = Glocal.open()
    try:
        if stage in (Stage.understand, Stage.all):
            run_understanding(glocal)
        if stage in (Stage.topics, Stage.all):
            run_analysis(glocal, full)
    finally:
        glocal.close()


def run_understanding(glocal: Glocal) -> None:
    with RichProgress() as progress:
        report = glocal.understand(progress)
    rate = report.documents / report.seconds if report.seconds else 0.0
    console.print(
        f"Understood {report.documents} documents in {report.seconds:.1f} s ({rate:.0f}/s): "
        f"{report.mentions} actor mentions, {report.events} event reports; {report.failed} failed."
    )
    for failure in report.failures[:10]:
        console.print(f"  [red]document {failure.document_id}[/]: {escape(failure.message)}")
    if report.failed:
        console.print("Failed documents are listed by [bold]glocal sources status[/] and retried next run.")


def run_analysis(glocal: Glocal, full: bool = False) -> None:
    with RichProgress() as progress:
        report = glocal.analyze(progress, full=full)
    seconds = sum(report.timings.values())
    share = report.outliers / report.documents if report.documents else 0.0
    console.print(
        f"Analysis run #{report.run_id} ({report.mode}) in {seconds:.1f} s: {report.embedded} documents embedded, "
        f"{report.documents} in the topic model ({report.new_documents} placed this run), {report.topics} topics "
        f"({report.new_topics} new), {report.outliers} unassigned ({share:.0%}), {report.indicator_values} indicator values."
    )
    if report.outdated_fit:
        console.print(
            f"[yellow]The topics were fitted by {escape(report.fitted_by or '')}; new documents were placed with that "
            f"fit's features. Run [bold]glocal analyze --full[/] to refit with {ANALYSIS_VERSION} "
            "(topic keys carry over; topics merged by hand must be merged again).[/]"
        )
    console.print("See [bold]glocal topics[/], [bold]glocal compare[/], [bold]glocal trust[/], [bold]glocal kpi[/].")


@events_app.command("list")
def list_events(
    type: Annotated[str | None, typer.Option("--type", help="agreement, meeting, contract, project, funding, forum, program, declaration, setback")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code, e.g. VN.")] = None,
    domain: Annotated[str | None, typer.Option(help="e.g. smart_city, mobility_uam.")] = None,
    status: Annotated[str | None, typer.Option(help="reported, confirmed or rejected.")] = None,
    since: Annotated[datetime | None, typer.Option(help="Event date on or after (YYYY-MM-DD).")] = None,
    until: Annotated[datetime | None, typer.Option(help="Event date before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 30,
) -> None:
    """Merged events, newest first, with parties, countries and evidence."""
    query = event_store.EventQuery(type, country, domain, status, since.date() if since else None,
                                   until.date() if until else None, limit)
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            total, views = event_store.find_events(session, query)
            console.print(f"[bold]{len(views)} of {total} events[/] (newest first)")
            for view in views:
                console.print(_event_block(view))
    finally:
        glocal.close()


def event_date(event) -> str:  # type: ignore[no-untyped-def]
    """The date at the precision it is known: 2025-10-20, 2025-10 or 2025."""
    if event.event_date is None:
        return "date unknown"
    text = event.event_date.isoformat()
    return {"year": text[:4], "month": text[:7]}.get(event.date_precision or "day", text)


def _event_block(view: event_store.EventView) -> str:
    e = view.event
    korean = [name for role, name in view.parties if role == "korean_side"]
    partners = [name for role, name in view.parties if role != "korean_side"]
    sources = f"{view.sources} source" + ("s" if view.sources != 1 else "")
    lines = [
        f"[bold]#{e.id}[/] {event_date(e)} · [cyan]{e.type}[/] · {e.domain} · {' '.join(view.countries) or '—'} · {sources} · {e.status}",
        f"   Korean side: {escape(', '.join(korean) or '—')}   partners: {escape(', '.join(partners) or '—')}",
        f"   [dim]{escape((e.evidence or '')[:240])}[/]",
    ]
    return "\n".join(lines)


@actors_app.command("show")
def show_actor(name: Annotated[str, typer.Argument(help="Any name or alias, e.g. 강남구, ベトナム, ADB.")]) -> None:
    """An actor's canonical record, names per language, and activity in the store."""
    from glocal.nlp.actors import find_actors

    matches = find_actors(name)
    if not matches:
        raise GlocalError(f"no actor is known as {name!r}", hint="Try another spelling or language; alias tables live in glocal/data/actors.")
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            for actor in matches[:5]:
                activity = event_store.actor_activity(session, actor.key)
                code = f", administrative code {actor.admin_code}" if actor.admin_code else ""
                console.print(f"[bold]{escape(actor.name_en)}[/] ({actor.kind}, {actor.key}{code})")
                for language, local_name in sorted(actor.names.items()):
                    console.print(f"  {language}: {escape(local_name)}")
                if actor.country:
                    console.print(f"  country: {actor.country}")
                console.print(f"  mentions: {activity.mentions} in {activity.documents} documents; events: {len(activity.events)}")
                for event in activity.events[:10]:
                    console.print(f"    {event_date(event):<10} {event.type:<11} {escape((event.evidence or '')[:110])}")
    finally:
        glocal.close()
