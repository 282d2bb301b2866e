"""Coded, actionable errors shared by every layer.

Each error carries a stable code (``G1xx`` config, ``G2xx`` store, ``G3xx`` ingestion) and a
hint telling the user what to do next; the CLI prints both and exits non-zero.
"""

from __future__ import annotations


class GlocalError(Exception):
    """Base class: ``code`` is stable across releases, ``hint`` says what to do next."""

    code = "G000"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ConfigError(GlocalError):
    code = "G100"


class StoreError(GlocalError):
    code = "G200"


class SourceError(GlocalError):
    """A whole source cannot be read (unknown kind, missing folder, bad declaration)."""

    code = "G300"


class ItemRejected(GlocalError):
    """One item cannot be ingested; recorded as a rejection, the run goes on.

    ``reason`` is a short machine-readable code (``empty_body``, ``too_large``, ``zip_bomb``,
    ``http_error``, ...); the message explains it for a person.
    """

    code = "G310"

    def __init__(self, reason: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.reason = reason
        self.status: int | None = None  # HTTP status, when the reason is an HTTP answer
