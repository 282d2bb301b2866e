"""One error shape for the whole API: ``{"ok": false, "error": {"code", "message", "hint"}}``.

Pages get the same information as an HTML page (or a redirect to the login form for 401).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from glocal.errors import ConfigError, GlocalError
from glocal.store.curation import CurationError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An expected failure with an HTTP status, a stable code, a message and a hint."""

    def __init__(self, status: int, code: str, message: str, hint: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        self.headers = headers


def unauthenticated() -> ApiError:
    return ApiError(401, "not_authenticated", "sign in or send an API token",
                    "Log in at /login, or send 'Authorization: Bearer <token>' (create one with `glocal tokens create`).",
                    headers={"WWW-Authenticate": "Bearer"})


def forbidden(role: str) -> ApiError:
    return ApiError(403, "forbidden", f"this needs the {role} role", "Ask an admin to change your role.")


def not_found(what: str, key: object) -> ApiError:
    return ApiError(404, "not_found", f"{what} {key} does not exist", "Check the id or the address.")


def invalid(parameter: str, message: str, hint: str | None = None) -> ApiError:
    return ApiError(422, "invalid_parameter", f"{parameter}: {message}", hint)


def error_body(code: str, message: str, hint: str | None) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message, "hint": hint}}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _respond(request: Request, error: ApiError) -> Response:
    if _is_api(request):
        return JSONResponse(error_body(error.code, error.message, error.hint), status_code=error.status,
                            headers=error.headers)
    if error.status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    from glocal.web.pages_common import render_error  # templates need the app; imported lazily

    return render_error(request, error)


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    first = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid input"}
    location = [str(p) for p in first.get("loc", ()) if p not in ("query", "body", "path", "form")]
    name = ".".join(location) or "request"
    return name, str(first.get("msg", "invalid value"))


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        name, message = _validation_message(exc)
        return _respond(request, invalid(name, message, "Fix the parameter and retry; see /api/v1/docs."))

    @app.exception_handler(CurationError)
    async def _curation(request: Request, exc: CurationError) -> Response:
        code = {404: "not_found", 422: "invalid_parameter"}.get(exc.status, "conflict")
        return _respond(request, ApiError(exc.status, code, exc.message, exc.hint))

    @app.exception_handler(ConfigError)
    async def _config(request: Request, exc: ConfigError) -> Response:
        return _respond(request, ApiError(422, "invalid_setting", exc.message, exc.hint))

    @app.exception_handler(GlocalError)
    async def _glocal(request: Request, exc: GlocalError) -> Response:
        return _respond(request, ApiError(500, exc.code, exc.message, exc.hint))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _respond(request, ApiError(exc.status_code, code, str(exc.detail), None, getattr(exc, "headers", None)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return _respond(request, ApiError(500, "internal_error", "the server failed to answer",
                                          "Retry; if it persists, see the server log."))
