"""`glocal serve`: the dashboard and REST API over the configured store."""

from __future__ import annotations

import logging
from typing import Annotated, Optional

import typer

from glocal.cli.output import console
from glocal.config import load_settings


def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="Address to listen on (default: serve_host).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Port to listen on (default: serve_port).")] = None,
) -> None:
    """Serve the dashboard and the REST API (/api/v1) until interrupted."""
    import uvicorn

    from glocal.web.app import create_app

    settings = load_settings()
    host = host or settings.serve_host
    port = port or settings.serve_port
    logging.getLogger("glocal").setLevel(logging.INFO)
    app = create_app(settings)
    console.print(f"Dashboard: [bold]http://{host}:{port}/[/]  API: http://{host}:{port}/api/v1/openapi.json")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
