"""REST API under /api/v1: one router per resource; each route parses input, calls one function, returns JSON."""

from __future__ import annotations

from fastapi import APIRouter

from glocal.web.api import admin, analytics, auth, documents, events, exports

router = APIRouter(prefix="/api/v1")
for module in (auth, documents, events, analytics, exports, admin):
    router.include_router(module.router)
