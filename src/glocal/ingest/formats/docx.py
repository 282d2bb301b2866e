"""Word documents (.docx): paragraphs and table cells in document order (python-docx)."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.table import Table

from glocal.config import Settings
from glocal.errors import ItemRejected
from glocal.ingest.formats.safezip import SafeZip
from glocal.ingest.formats.text import one_document, parse_date, split_title
from glocal.records import ReadResult


def _block_lines(container: Any) -> list[str]:
    """Non-empty lines of a document body or table cell, nested tables included."""
    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        elif text := block.text.strip():
            lines.append(text)
    return lines


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # python-docx repeats a horizontally merged cell per grid column
                continue
            previous = cell._tc
            if text := " ".join(_block_lines(cell)):
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def read_docx(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem from a DOCX; raises ItemRejected (``zip_bomb``, ``malformed_archive``, ``malformed_docx``)."""
    SafeZip(data, settings, "DOCX").close()  # the guard must pass before python-docx inflates anything
    try:
        document = docx.Document(io.BytesIO(data))
        lines = _block_lines(document)
        props = document.core_properties
        meta_title = (props.title or "").strip()
        created = parse_date(props.created)
        author = props.author or None
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on broken parts
        raise ItemRejected(
            "malformed_docx", f"the DOCX document cannot be read: {exc}",
            hint="Open it in Word or LibreOffice and save it again as .docx.",
        ) from exc
    text = "\n".join(lines)
    title, body = (meta_title, text) if meta_title else split_title(text)
    return one_document(
        source, key, title, body,
        {"format": "docx", "author": author, "created": created.isoformat() if created else None},
    )
