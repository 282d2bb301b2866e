"""Record files: JSON Lines (.jsonl) and CSV with a header row, one RawItem per record.

Field names are matched case-insensitively against common aliases (``url|link``,
``body|text|content``...). A bad record becomes its own rejection keyed ``path#L<line>``
(JSONL, the line in the file) or ``path#R<row>`` (CSV, the spreadsheet row: the header is row 1);
the other records are still read.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from glocal.config import Settings
from glocal.errors import ItemRejected
from glocal.ingest.encoding import decode
from glocal.ingest.formats.text import parse_date
from glocal.records import RawItem, ReadResult, Rejection

ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "body": ("body", "text", "content"),
    "published": ("published", "published_at", "date", "seendate"),
    "outlet": ("outlet", "source", "domain"),
    "external_id": ("id", "external_id"),
    "language": ("language", "lang"),
}
_KNOWN = {alias for names in ALIASES.values() for alias in names}
_FIELDS_HINT = "Each record needs a title (title|headline) or a body (body|text|content)."


def _text(value: Any) -> str | None:
    """A field as text: strings and numbers as is, a list of strings as lines, anything else absent."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    return None


def _pick(record: dict[str, Any], field: str) -> Any:
    for alias in ALIASES[field]:
        value = record.get(alias)
        if value is not None and (not isinstance(value, str) or value.strip()):
            return value
    return None


def _item(raw: dict[Any, Any], key: str, source: str, fmt: str) -> RawItem:
    record = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    title = (_text(_pick(record, "title")) or "").strip()
    body = (_text(_pick(record, "body")) or "").strip()
    if not title and not body:
        raise ItemRejected("missing_fields", "the record has neither a title nor a body", hint=_FIELDS_HINT)
    published_raw = _pick(record, "published")
    published = parse_date(published_raw)
    meta: dict[str, Any] = {"format": fmt}
    if published_raw is not None and published is None:
        meta["published_raw"] = published_raw  # kept so a later step or a person can fix it
    extra = {k: v for k, v in record.items() if k not in _KNOWN and v not in (None, "")}
    if extra:
        meta["extra"] = extra
    return RawItem(
        source=source,
        item_key=key,
        url=(_text(_pick(record, "url")) or "").strip() or None,
        title=title,
        body=body,
        published_at=published,
        outlet=(_text(_pick(record, "outlet")) or "").strip() or None,
        language_hint=(_text(_pick(record, "language")) or "").strip() or None,
        external_id=(_text(_pick(record, "external_id")) or "").strip() or None,
        meta=meta,
    )


def _reject(source: str, key: str, exc: ItemRejected) -> Rejection:
    return Rejection(source=source, item_key=key, stage="parse", reason=exc.reason, message=exc.message, hint=exc.hint)


def _no_records(result: ReadResult, key: str) -> ReadResult:
    if not result.items and not result.rejections:
        raise ItemRejected("empty_body", f"{key} holds no records", hint="Check that the file is not empty.")
    return result


def read_jsonl(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem per JSON object line; bad lines become rejections (``invalid_json``, ``not_an_object``...)."""
    result = ReadResult()
    # split on \n only: JSON strings may legally hold U+2028, which str.splitlines would cut at
    for number, line in enumerate(decode(data).split("\n"), start=1):
        if not line.strip():
            continue
        line_key = f"{key}#L{number}"
        try:
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ItemRejected(
                    "invalid_json", f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}",
                    hint="Write one complete JSON object per line.",
                ) from exc
            if not isinstance(value, dict):
                raise ItemRejected(
                    "not_an_object", f"line {number} is a JSON {type(value).__name__}, not an object",
                    hint="Write one JSON object ({...}) per line.",
                )
            result.items.append(_item(value, line_key, source, "jsonl"))
        except ItemRejected as exc:
            result.rejections.append(_reject(source, line_key, exc))
    return _no_records(result, key)


def read_csv(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem per CSV row under a header row; bad rows become rejections (``invalid_csv``...)."""
    # article bodies easily exceed csv's 128 KiB default field limit; the file size is capped anyway
    csv.field_size_limit(max(csv.field_size_limit(), settings.max_item_bytes))
    reader = csv.DictReader(io.StringIO(decode(data), newline=""))
    try:
        header = {str(name).strip().lower() for name in reader.fieldnames or []}
    except csv.Error as exc:
        raise ItemRejected("invalid_csv", f"the CSV header cannot be read: {exc}") from exc
    if header and not header & set(ALIASES["title"] + ALIASES["body"]):
        raise ItemRejected(
            "missing_fields", f"the CSV header has no title or body column ({', '.join(sorted(header))})",
            hint=_FIELDS_HINT,
        )
    result = ReadResult()
    row = 1  # the header
    while True:
        row += 1
        row_key = f"{key}#R{row}"
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader resumes on the next line, so one bad row costs one row
            result.rejections.append(_reject(source, row_key, ItemRejected(
                "invalid_csv", f"row {row} cannot be parsed: {exc}", hint="Fix the quoting of this row.",
            )))
            continue
        try:
            result.items.append(_item(record, row_key, source, "csv"))
        except ItemRejected as exc:
            result.rejections.append(_reject(source, row_key, exc))
    return _no_records(result, key)
