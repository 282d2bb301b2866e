"""Canonical URLs: the same article reached through tracking links or fragments is one document."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import courlan


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, default port dropped, tracking parameters removed, query
    parameters sorted, fragment dropped. Returns None for anything that is not http(s)."""
    if not url:
        return None
    url = url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    try:
        normalised = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        return None
    parts = urlsplit(normalised)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
