"""RSS and Atom feeds (feedparser), optionally completed with each article's full page."""

from __future__ import annotations

import calendar
from datetime import datetime, timezone
from typing import Any

import feedparser
import lxml.html

from glocal.errors import ItemRejected
from glocal.ingest.http import Fetcher
from glocal.ingest.web import fetch_article
from glocal.records import RawItem, ReadResult, Rejection, SourceSpec


def _plain_text(fragment: str) -> str:
    """Feed summaries are HTML fragments; keep only their text (never their markup)."""
    if not fragment.strip():
        return ""
    try:
        return lxml.html.fromstring(fragment).text_content().strip()
    except (lxml.etree.ParserError, ValueError):
        return fragment.strip()


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    longest = max((c.get("value", "") for c in contents), key=len, default="")
    return _plain_text(longest or entry.get("summary", ""))


def parse_feed(data: bytes, spec: SourceSpec) -> tuple[str | None, list[RawItem], list[Rejection]]:
    """Entries of a feed document; a feed with no readable entry is one rejection."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = str(parsed.get("bozo_exception", "unknown error"))
        raise ItemRejected(
            "malformed_feed", f"the feed cannot be parsed: {reason}",
            hint="Open the feed URL in a browser; it may be an HTML page, not RSS/Atom.",
        )
    outlet = parsed.feed.get("title")
    items, rejections = [], []
    for position, entry in enumerate(parsed.entries):
        link = entry.get("link")
        key = link or entry.get("id") or f"{spec.location}#entry{position}"
        if not link and not entry.get("title"):
            rejections.append(Rejection(spec.name, key, "parse", "empty_entry", "a feed entry has neither link nor title"))
            continue
        items.append(
            RawItem(
                source=spec.name,
                item_key=key,
                url=link,
                title=_plain_text(entry.get("title", "")),
                body=_entry_text(entry),
                published_at=_entry_time(entry),
                outlet=outlet,
                external_id=entry.get("id"),
                language_hint=parsed.feed.get("language"),
            )
        )
    return outlet, items, rejections


def read_feed(spec: SourceSpec, fetcher: Fetcher, min_body_chars: int) -> ReadResult:
    """Read a feed; with ``full_text`` (default on) each entry's page supplies the article text."""
    try:
        response = fetcher.get(spec.location)
        _, entries, rejections = parse_feed(response.content, spec)
    except ItemRejected as exc:
        stage = "parse" if exc.reason == "malformed_feed" else "fetch"
        return ReadResult(rejections=[Rejection(spec.name, spec.location, stage, exc.reason, exc.message, exc.hint)])
    result = ReadResult(rejections=rejections)
    full_text = bool(spec.options.get("full_text", True))
    for entry in entries:
        if full_text and entry.url:
            try:
                page = fetch_article(fetcher, entry.url, spec.name)
                entry.body = page.body if len(page.body) > len(entry.body) else entry.body
                entry.title = entry.title or page.title
                entry.published_at = entry.published_at or page.published_at
            except ItemRejected as exc:
                if len(entry.body) < min_body_chars:  # the feed's own text cannot stand in
                    result.rejections.append(
                        Rejection(spec.name, entry.item_key, "fetch", exc.reason, exc.message, exc.hint)
                    )
                    continue
                entry.meta["full_text_error"] = exc.reason
        result.items.append(entry)
    return result
