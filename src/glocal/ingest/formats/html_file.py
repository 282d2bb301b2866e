"""Saved HTML pages (.html, .htm): decoded with their declared charset, then the article extracted."""

from __future__ import annotations

from glocal.config import Settings
from glocal.ingest.encoding import decode
from glocal.ingest.formats.text import aware
from glocal.ingest.html import extract_page
from glocal.records import RawItem, ReadResult


def read_html(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem from an HTML file; raises ItemRejected (``bad_encoding``, ``no_main_text``, ...)."""
    page = extract_page(decode(data))  # decode honours <meta charset> and the XML declaration
    return ReadResult(items=[RawItem(
        source=source,
        item_key=key,
        # a saved page often names its own address (canonical link, og:url): that is its real URL
        url=page.canonical_url,
        title=page.title,
        body=page.body,
        published_at=aware(page.published_at),
        outlet=page.outlet,
        meta={"format": "html"},
    )])
