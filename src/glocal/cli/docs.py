"""`glocal docs list|show|search`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from glocal.cli.output import console, when
from glocal.errors import GlocalError
from glocal.pipeline.core import Glocal
from glocal.store import repository

app = typer.Typer(help="Browse stored documents.", no_args_is_help=True)


def _print_documents(total: int, rows: list, query: repository.DocumentQuery) -> None:
    table = Table(title=f"Documents {query.offset + 1}–{query.offset + len(rows)} of {total}")
    for column in ("id", "published", "lang", "group", "outlet", "title"):
        table.add_column(column, overflow="fold" if column == "title" else "ellipsis")
    for d in rows:
        table.add_row(str(d.id), when(d.published_at), d.language, str(d.near_dup_group or ""), escape(d.outlet or ""), escape(d.title))
    console.print(table)


def _query(language, source, since, until, limit, offset, text=None) -> repository.DocumentQuery:
    return repository.DocumentQuery(language=language, source=source, since=since, until=until, text=text, limit=limit, offset=offset)


Language = Annotated[str | None, typer.Option("--lang", help="ISO 639-1 code, e.g. ko.")]
Source = Annotated[str | None, typer.Option("--source", help="Source name.")]
Since = Annotated[datetime | None, typer.Option(help="Published on or after (YYYY-MM-DD).")]
Until = Annotated[datetime | None, typer.Option(help="Published before (YYYY-MM-DD).")]
Limit = Annotated[int, typer.Option(min=1, max=1000)]
Offset = Annotated[int, typer.Option(min=0)]


def _run(query: repository.DocumentQuery) -> None:
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            total, rows = repository.find_documents(session, query)
            _print_documents(total, list(rows), query)
    finally:
        glocal.close()


@app.command("list")
def list_(language: Language = None, source: Source = None, since: Since = None, until: Until = None, limit: Limit = 20, offset: Offset = 0) -> None:
    """Newest documents first."""
    _run(_query(language, source, since, until, limit, offset))


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in titles and bodies.")],
    language: Language = None, source: Source = None, since: Since = None, until: Until = None, limit: Limit = 20, offset: Offset = 0,
) -> None:
    """Documents whose title or body contains the text."""
    _run(_query(language, source, since, until, limit, offset, text=text))


@app.command()
def show(document_id: Annotated[int, typer.Argument(help="Document id from `glocal docs list`.")]) -> None:
    """One document with its metadata and near-duplicates."""
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            document = repository.get_document(session, document_id)
            if document is None:
                raise GlocalError(f"no document with id {document_id}", hint="Find ids with `glocal docs list`.")
            siblings = [d for d in repository.group_members(session, document.near_dup_group) if d.id != document.id] if document.near_dup_group else []
            console.print(f"[bold]{escape(document.title)}[/]")
            console.print(
                f"id {document.id} · {document.language} ({document.language_confidence:.2f}) · {when(document.published_at)} · "
                f"{escape(document.outlet or '')} · source {document.source.name if document.source else '—'}"
            )
            if document.url:
                console.print(escape(document.url))
            console.print()
            console.print(escape(document.body))
            if siblings:
                console.print(f"\n[bold]Near-duplicates (group {document.near_dup_group}):[/]")
                for d in siblings:
                    console.print(f"  {d.id} · {escape(d.outlet or '')} · {escape(d.title)}")
    finally:
        glocal.close()
