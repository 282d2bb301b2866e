"""Rich rendering shared by commands: progress bars, tables, run reports."""

from __future__ import annotations

from datetime import datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from glocal.pipeline.ingest import IngestReport

console = Console()


class RichProgress:
    """Adapts the pipeline's progress protocol to a Rich progress bar."""

    def __init__(self) -> None:
        self._bar = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console, transient=False,
        )
        self._task: int | None = None

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[self._task].total or 0)
        self._bar.stop()

    def phase(self, description: str, total: int | None = None) -> None:
        if self._task is not None:
            task = self._bar.tasks[self._task]
            self._bar.update(self._task, completed=task.total or task.completed)
        self._task = self._bar.add_task(description, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, n)


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def print_ingest_report(report: IngestReport) -> None:
    table = Table(title=f"Ingestion run #{report.run_id}")
    for column in ("source", "items", "added", "updated", "unchanged", "rejected"):
        table.add_column(column, justify="left" if column == "source" else "right")
    for source in report.sources:
        table.add_row(
            source.name + (f" [red]({source.error})[/]" if source.error else ""),
            str(source.items_seen), str(source.documents_added), str(source.documents_updated),
            str(source.unchanged), str(source.rejected),
        )
    console.print(table)
    if report.total("rejected"):
        console.print("Rejected items and their reasons: [bold]glocal sources status[/]")
