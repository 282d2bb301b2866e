"""Command-line interface: `glocal ...`. Commands parse input, call the core, format output."""

from __future__ import annotations

import logging
import sys

from rich.console import Console

from glocal.cli.app import app
from glocal.errors import GlocalError


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged PDFs are reported as rejections
    try:
        app(standalone_mode=False)
    except GlocalError as exc:
        console = Console(stderr=True)
        console.print(f"[bold red]Error {exc.code}:[/] {exc.message}", highlight=False)
        if exc.hint:
            console.print(f"[yellow]What to do:[/] {exc.hint}", highlight=False)
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # click's usage errors and aborts
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(130)
        raise
