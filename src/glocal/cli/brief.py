"""`glocal brief`: the monthly international-cooperation briefing, as a file and a stored row."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from glocal.cli.output import console
from glocal.errors import GlocalError
from glocal.pipeline.core import Glocal


def _slug(scope: str) -> str:
    """``gangnam-gu`` for ``local_gov:11680`` (English name), else the scope itself."""
    from glocal.nlp.actors import get_actor

    actor = get_actor(scope)
    return actor.names.get("en", scope) if actor is not None else scope


def brief(
    period: Annotated[str, typer.Option("--period", "-p", help="Month of the briefing, e.g. 2025-10.")],
    region: Annotated[Optional[str], typer.Option(help="Region: gangnam-gu, 강남구, 11680 or local_gov:11680 (default: home_region).")] = None,
    view: Annotated[Optional[str], typer.Option(help="`ministry` for the national view instead of a region.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="ko, en or ja.")] = "ko",
    fmt: Annotated[str, typer.Option("--format", help="html, md, pdf or docx.")] = "html",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: data/briefings/<scope>-<period>-<lang>.<format>).")] = None,
) -> None:
    """Write the briefing of a month, every factual sentence citing its sources; also stored for the dashboard."""
    from glocal import report

    if view is not None and region is not None:
        raise GlocalError("give either --region or --view, not both", hint="e.g. --region gangnam-gu or --view ministry")
    scope = view if view is not None else region
    glocal = Glocal.open()
    try:
        briefing_id, rendered = report.generate_rendered(glocal, period, scope, lang, fmt, user="cli")
        briefing = rendered.briefing
        path = output or glocal.settings.data_dir / "briefings" / report.file_name(_slug(briefing.scope), briefing.period, lang, fmt)
    finally:
        glocal.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(rendered.content)
    console.print(
        f"Briefing #{briefing_id} ({briefing.scope}, {briefing.period}, {lang}, {fmt}): {len(rendered.citations)} cited "
        f"documents → [bold]{path}[/]"
    )
    polish = rendered.polish
    if polish.sent:
        console.print(f"Wording polish: {polish.kept} of {polish.sent} sentences reworded; the others keep the template text.")
    if polish.error:
        console.print(f"[yellow]Wording polish failed ({polish.error}); the briefing uses the template text.[/]")
