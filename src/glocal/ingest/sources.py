"""Dispatch a declared source to its reader. Readers never raise for one bad item."""

from __future__ import annotations

from collections.abc import Callable

from glocal.config import Settings
from glocal.errors import SourceError
from glocal.ingest.feeds import read_feed
from glocal.ingest.gdelt import read_gdelt
from glocal.ingest.http import Fetcher, RateLimiter
from glocal.ingest.web import read_web
from glocal.records import ReadResult, SourceSpec

Reader = Callable[[SourceSpec, Settings, RateLimiter], ReadResult]


def _files(spec: SourceSpec, settings: Settings, _limiter: RateLimiter) -> ReadResult:
    from glocal.ingest.files import read_files  # imports PDF/DOCX parsers only when needed

    return read_files(spec, settings)


def _feed(spec: SourceSpec, settings: Settings, limiter: RateLimiter) -> ReadResult:
    with Fetcher(settings, spec.allow_private, limiter) as fetcher:
        return read_feed(spec, fetcher, settings.min_body_chars)


def _web(spec: SourceSpec, settings: Settings, limiter: RateLimiter) -> ReadResult:
    with Fetcher(settings, spec.allow_private, limiter) as fetcher:
        return read_web(spec, fetcher)


def _gdelt(spec: SourceSpec, settings: Settings, limiter: RateLimiter) -> ReadResult:
    with Fetcher(settings, spec.allow_private, limiter) as fetcher:
        return read_gdelt(spec, fetcher)


READERS: dict[str, Reader] = {"files": _files, "feed": _feed, "web": _web, "gdelt": _gdelt}


def read_source(spec: SourceSpec, settings: Settings, limiter: RateLimiter | None = None) -> ReadResult:
    reader = READERS.get(spec.kind)
    if reader is None:
        raise SourceError(
            f"source {spec.name!r} has unknown kind {spec.kind!r}",
            hint=f"Use one of: {', '.join(sorted(READERS))}.",
        )
    return reader(spec, settings, limiter or RateLimiter(settings.rate_limit_per_host))
