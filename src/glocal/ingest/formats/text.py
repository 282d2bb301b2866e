"""Plain text and Markdown files, plus small helpers the other format readers share.

A file may start with header lines (``Title:``, ``Date:``/``Published:``, ``URL:``, ``Outlet:``),
optionally fenced by ``---`` like Markdown front matter. Otherwise the first non-empty line is
the title and the rest is the body.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from dateutil import parser as dateparser

from glocal.config import Settings
from glocal.ingest.encoding import decode
from glocal.records import RawItem, ReadResult

_HEADER = re.compile(r"^\s*(title|date|published|url|outlet)\s*:\s*(.*?)\s*$", re.I)
_SETEXT_RULE = re.compile(r"^\s*(=+|-+)\s*$")
_MAX_TITLE = 200  # a one-line document's title is its line, cut to a readable length


def aware(value: datetime | None) -> datetime | None:
    """Make a datetime timezone-aware; a naive one is taken as UTC (its real zone is unknown)."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def parse_date(value: object) -> datetime | None:
    """A lenient date parser: ISO strings, RFC 2822, GDELT ``YYYYMMDDhhmmss``, epoch numbers."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return aware(value)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds are common in exports
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{10}|\d{13}", text):  # epoch seconds or milliseconds written as text
        return parse_date(int(text))
    try:
        if re.fullmatch(r"\d{14}", text):  # dateutil misreads GDELT's compact timestamps
            return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        return aware(dateparser.parse(text))
    except (ValueError, OverflowError):
        return None


def split_title(text: str, markdown: bool = False) -> tuple[str, str]:
    """Title = first non-empty line, body = the rest; a single-line text is both."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        title = line.strip()
        rest = lines[index + 1 :]
        if markdown:
            title = title.lstrip("#").strip()
            if rest and _SETEXT_RULE.match(rest[0]):  # "Title\n=====" heading
                rest = rest[1:]
        body = "\n".join(rest).strip()
        if not body:  # a one-paragraph note: keep its text as the body, not only as the title
            return title[:_MAX_TITLE], title
        return title, body
    return "", ""


def _headers(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Leading ``Key: value`` lines (optionally between ``---`` fences) and the remaining lines."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fenced = start < len(lines) and lines[start].strip() == "---"
    index = start + 1 if fenced else start
    found: dict[str, str] = {}
    while index < len(lines):
        line = lines[index]
        if fenced and line.strip() == "---":
            return found, lines[index + 1 :]
        match = _HEADER.match(line)
        if match:
            found.setdefault(match.group(1).lower(), match.group(2))
        elif not fenced:
            break
        index += 1
    if fenced:  # an unclosed fence is not front matter: treat the whole file as text
        return {}, lines
    return found, lines[index:]


def read_text(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem from a .txt or .md file; raises ItemRejected(``bad_encoding``)."""
    text = decode(data)
    headers, rest = _headers(text.splitlines())
    markdown = key.lower().endswith((".md", ".markdown"))
    remaining = "\n".join(rest)
    if headers.get("title"):
        title, body = headers["title"], remaining.strip()
    else:
        title, body = split_title(remaining, markdown=markdown)
    return ReadResult(items=[RawItem(
        source=source,
        item_key=key,
        url=headers.get("url") or None,
        title=title,
        body=body,
        published_at=parse_date(headers.get("published") or headers.get("date")),
        outlet=headers.get("outlet") or None,
        meta={"format": "markdown" if markdown else "text"},
    )])


def one_document(source: str, key: str, title: str, body: str, meta: dict) -> ReadResult:
    """The result of a file that holds one document and carries no URL or publication date of its
    own (office formats: their 'created' dates are when the file was made, so they stay in meta)."""
    return ReadResult(items=[RawItem(source=source, item_key=key, url=None, title=title, body=body, meta=meta)])
