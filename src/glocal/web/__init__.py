"""Dashboard and REST API (FastAPI): ``create_app(glocal)`` and ``demo_login(glocal)``."""

from __future__ import annotations

from glocal.web.accounts import demo_login
from glocal.web.app import create_app

__all__ = ["create_app", "demo_login"]
