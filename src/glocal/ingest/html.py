"""Main text, title and date of an HTML page (trafilatura), shared by web pages and HTML files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import trafilatura
from dateutil import parser as dateparser

from glocal.errors import ItemRejected


@dataclass(slots=True)
class ExtractedPage:
    title: str
    body: str
    published_at: datetime | None
    outlet: str | None
    canonical_url: str | None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return dateparser.parse(value)
    except (ValueError, OverflowError):
        return None


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the article of a page; raise ItemRejected when it has no main text."""
    if not html.strip():
        raise ItemRejected("empty_body", "the page is empty")
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura raises many parser errors on broken markup
        raise ItemRejected("malformed_html", f"the HTML could not be parsed: {exc}") from exc
    if result is None:
        raise ItemRejected(
            "no_main_text", "no article text was found in the page",
            hint="Check that the URL points to an article, not an index or a login page.",
        )
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    title = (data.get("title") or "").strip()
    body = (data.get("text") or "").strip()
    first_line, _, rest = body.partition("\n")
    if title and first_line.strip() == title:  # the page's own <h1> repeated in the text
        body = rest.strip()
    return ExtractedPage(
        title=title,
        body=body,
        published_at=_parse_date(data.get("date")),
        outlet=data.get("sitename") or data.get("hostname"),
        canonical_url=data.get("url") if data.get("url") != url else None,
    )
