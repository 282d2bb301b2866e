"""Tables out (CSV, XLSX, JSON, Parquet) and the event registry in from Excel.

Cells holding ingested text are untrusted: a value starting with ``= + - @`` is prefixed with an
apostrophe in CSV and XLSX so a spreadsheet never evaluates it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
EVENT_COLUMNS = (
    "id", "type", "status", "date", "date_precision", "domain", "countries", "parties", "summary", "evidence",
    "evidence_language", "signed_on", "expires_on", "confidence", "sources", "created_by",
)
IMPORT_COLUMNS = ("id", "type", "status", "date", "domain", "countries", "summary", "evidence", "signed_on", "expires_on")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(
            v.get("name_en", "") if isinstance(v, dict) and "name_en" in v
            else json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v)
            for v in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def flatten(rows: list[dict[str, Any]], columns: tuple[str, ...] | None = None) -> tuple[list[str], list[list[Any]]]:
    names = list(columns or (rows[0].keys() if rows else []))
    return names, [[_cell(row.get(name)) for name in names] for row in rows]


def _text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def render(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...] | None = None, sheet: str = "data") -> bytes:
    if fmt == "json":
        return json.dumps([{k: _text(v) for k, v in r.items()} for r in rows], ensure_ascii=False, default=str).encode()
    names, table = flatten(rows, columns)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(names)
        writer.writerows([[_safe(_text(v)) for v in row] for row in table])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Korean correctly
    if fmt == "xlsx":
        book = openpyxl.Workbook()
        ws = book.active
        ws.title = sheet[:31]
        ws.append(names)
        for row in table:
            ws.append([_safe(v.replace(tzinfo=None) if isinstance(v, datetime) else v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    if fmt == "parquet":
        columns_data = {name: [_text(row[i]) if not isinstance(row[i], (int, float, type(None))) else row[i]
                               for row in table] for i, name in enumerate(names)}
        arrays = {}
        for name, values in columns_data.items():
            try:
                arrays[name] = pa.array(values)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                arrays[name] = pa.array([None if v is None else str(v) for v in values])
        buffer = io.BytesIO()
        pq.write_table(pa.table(arrays), buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt}")


def _as_date(value: Any, column: str, line: int) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ValueError(f"row {line}: {column} {value!r} is not a date (YYYY-MM-DD)") from None


def read_event_workbook(content: bytes) -> list[dict[str, Any]]:
    """Rows of the first sheet as event fields; ValueError naming the row and column on bad input."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a non-workbook
        raise ValueError(f"not an Excel workbook: {exc}") from None
    ws = book.worksheets[0]
    lines = ws.iter_rows(values_only=True)
    header = [str(h).strip().lower() if h is not None else "" for h in next(lines, ())]
    if "type" not in header and "id" not in header:
        raise ValueError("the first row must name the columns (at least id or type)")
    rows = []
    for number, values in enumerate(lines, start=2):
        raw = {name: value for name, value in zip(header, values, strict=False) if name in IMPORT_COLUMNS}
        if all(v in (None, "") for v in raw.values()):
            continue
        row: dict[str, Any] = {}
        if raw.get("id") not in (None, ""):
            row["id"] = int(raw["id"])
        for name in ("type", "domain", "summary", "evidence", "status"):
            if raw.get(name) not in (None, ""):
                text = str(raw[name])
                row[name] = text[1:] if text.startswith("'") and text[1:2] in FORMULA_START else text
        if "date" in raw:
            row["event_date"] = _as_date(raw["date"], "date", number)
        for name in ("signed_on", "expires_on"):
            if name in raw:
                row[name] = _as_date(raw[name], name, number)
        if raw.get("countries") not in (None, ""):
            row["countries"] = [c.strip().upper() for c in str(raw["countries"]).replace(",", ";").split(";") if c.strip()]
        if "id" not in row and "type" not in row:
            raise ValueError(f"row {number}: a new event needs a type")
        rows.append(row)
    return rows
