"""GDELT DOC 2.0 API (``mode=artlist&format=json``): article lists mapped to RawItems.

The API returns metadata only (url, title, seendate, domain, language, sourcecountry); the text
comes from each article's page unless ``fetch_articles = false``, in which case the title stands
as the body (and short titles are then rejected as empty like any other item).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from glocal.errors import ItemRejected
from glocal.ingest.http import Fetcher
from glocal.ingest.web import fetch_article
from glocal.records import RawItem, ReadResult, Rejection, SourceSpec

# GDELT names languages in English; map the ones Glocal cares about to ISO 639-1
GDELT_LANGUAGES = {
    "english": "en", "korean": "ko", "japanese": "ja", "chinese": "zh", "vietnamese": "vi",
    "thai": "th", "indonesian": "id", "malay": "ms", "french": "fr", "german": "de",
    "spanish": "es", "russian": "ru", "arabic": "ar", "portuguese": "pt", "tagalog": "tl",
}


def parse_seendate(value: str | None) -> datetime | None:
    """GDELT's ``20251020T053000Z`` (UTC)."""
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def map_article(article: dict[str, Any], source: str) -> RawItem:
    url = article.get("url") or ""
    if not url:
        raise ItemRejected("missing_field", "a GDELT article has no url")
    language = str(article.get("language") or "").strip().lower()
    return RawItem(
        source=source,
        item_key=url,
        url=url,
        title=str(article.get("title") or "").strip(),
        body="",
        published_at=parse_seendate(article.get("seendate")),
        outlet=article.get("domain"),
        language_hint=GDELT_LANGUAGES.get(language),
        meta={
            "gdelt": {
                "sourcecountry": article.get("sourcecountry"),
                "language": article.get("language"),
                "socialimage": article.get("socialimage"),
                "url_mobile": article.get("url_mobile"),
            }
        },
    )


def parse_artlist(data: bytes) -> list[dict[str, Any]]:
    try:
        payload = json.loads(data.decode("utf-8-sig", errors="replace"))
    except json.JSONDecodeError as exc:
        raise ItemRejected(
            "malformed_json", f"the GDELT answer is not valid JSON: {exc.msg} at line {exc.lineno}",
            hint="GDELT returns plain-text errors for bad queries; check the query string.",
        ) from exc
    if not isinstance(payload, dict):
        raise ItemRejected("malformed_json", "the GDELT answer is not a JSON object")
    articles = payload.get("articles", [])  # an empty answer is "{}"
    if not isinstance(articles, list):
        raise ItemRejected("malformed_json", "'articles' in the GDELT answer is not a list")
    return articles


def read_gdelt(spec: SourceSpec, fetcher: Fetcher) -> ReadResult:
    location = spec.location
    try:
        if location.startswith(("http://", "https://")):
            data = fetcher.get(location).content
        else:
            data = Path(location).read_bytes()
        articles = parse_artlist(data)
    except (ItemRejected, OSError) as exc:
        reason = getattr(exc, "reason", "unreadable")
        return ReadResult(rejections=[Rejection(spec.name, location, "fetch", reason, str(getattr(exc, "message", exc)), getattr(exc, "hint", None))])
    result = ReadResult()
    fetch_articles = bool(spec.options.get("fetch_articles", True))
    for position, article in enumerate(articles):
        key = str(article.get("url") or f"{location}#article{position}") if isinstance(article, dict) else f"{location}#article{position}"
        try:
            if not isinstance(article, dict):
                raise ItemRejected("malformed_json", "a GDELT article is not a JSON object")
            item = map_article(article, spec.name)
            if fetch_articles:
                page = fetch_article(fetcher, item.url or "", spec.name)
                item.body = page.body
                item.title = item.title or page.title
            else:
                item.body = item.title
            result.items.append(item)
        except ItemRejected as exc:
            result.rejections.append(Rejection(spec.name, key, "fetch", exc.reason, exc.message, exc.hint))
    return result
