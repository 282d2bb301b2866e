"""Web pages: fetch, decode (EUC-KR, Shift_JIS, UTF-8 ...), extract the article."""

from __future__ import annotations

from glocal.errors import ItemRejected
from glocal.ingest.encoding import decode
from glocal.ingest.html import extract_page
from glocal.ingest.http import Fetcher
from glocal.records import RawItem, ReadResult, Rejection, SourceSpec

HTML_TYPES = ("text/html", "application/xhtml+xml", "")


def fetch_article(fetcher: Fetcher, url: str, source: str) -> RawItem:
    """One article page as a RawItem; raises ItemRejected on any failure."""
    response = fetcher.get(url)
    if response.content_type not in HTML_TYPES:
        raise ItemRejected(
            "unsupported_type", f"{url} is {response.content_type}, not an HTML page",
            hint="Declare PDFs and documents as local files, or give the article's page URL.",
        )
    page = extract_page(decode(response.content, response.charset), response.url)
    return RawItem(
        source=source,
        item_key=url,
        url=page.canonical_url or response.url,
        title=page.title,
        body=page.body,
        published_at=page.published_at,
        outlet=page.outlet,
    )


def read_web(spec: SourceSpec, fetcher: Fetcher) -> ReadResult:
    """A ``web`` source is one URL (``location``) or several (``urls`` option)."""
    urls = [spec.location, *spec.options.get("urls", [])]
    result = ReadResult()
    for url in dict.fromkeys(u for u in urls if u):
        try:
            result.items.append(fetch_article(fetcher, url, spec.name))
        except ItemRejected as exc:
            stage = "parse" if exc.reason in ("malformed_html", "no_main_text", "empty_body") else "fetch"
            result.rejections.append(Rejection(spec.name, url, stage, exc.reason, exc.message, exc.hint))
    return result
