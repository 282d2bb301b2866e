"""PDF files: the text layer of every page (pypdf); scanned PDFs without text are rejected."""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from glocal.config import Settings
from glocal.errors import ItemRejected
from glocal.ingest.formats.text import one_document, parse_date, split_title
from glocal.records import ReadResult

log = logging.getLogger(__name__)

_MALFORMED_HINT = "Open the file in a PDF viewer and save or export it again."
# metadata titles that tools write by default and that name no article
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled.*|document\d*|microsoft (word|powerpoint) - .*|.*\.(docx?|hwpx?|pdf|pptx?|indd|txt))$", re.I
)


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError... on broken files
        raise ItemRejected("malformed_pdf", f"the PDF cannot be read: {exc}", hint=_MALFORMED_HINT) from exc
    if encrypted:
        # many PDFs only carry an owner password (no copying/printing) and open with an empty one
        try:
            opened = reader.decrypt("")
        except (DependencyError, PdfReadError, NotImplementedError, ValueError) as exc:
            log.debug("decrypting with an empty password failed: %s", exc)
            opened = 0
        if not opened:
            raise ItemRejected(
                "encrypted_pdf", "the PDF is password-protected",
                hint="Remove the password (print or save an unprotected copy) and add the file again.",
            )
    return reader


def _metadata_title(reader: PdfReader) -> str:
    try:
        meta = reader.metadata
        title = str(meta.title).strip() if meta and meta.title else ""
        return "" if _PLACEHOLDER_TITLE.match(title) else title
    except Exception:  # a broken Info dictionary should not cost us the text
        return ""


def _metadata_date(reader: PdfReader) -> object:
    try:
        meta = reader.metadata
        return meta.creation_date if meta else None
    except Exception:
        return None


def read_pdf(data: bytes, key: str, source: str, settings: Settings) -> ReadResult:
    """One RawItem from a PDF; raises ItemRejected (``malformed_pdf``, ``encrypted_pdf``, ``no_text``)."""
    reader = _open(data)
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise ItemRejected("malformed_pdf", f"the PDF's page tree is broken: {exc}", hint=_MALFORMED_HINT) from exc
    texts: list[str] = []
    failures = 0
    total = 0
    for page in pages:
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one damaged page should not lose the others
            log.debug("page of %s not extracted: %s", key, exc)
            failures += 1
            continue
        total += len(text)
        if total > settings.max_unzipped_bytes:  # text far beyond any article: likely a crafted file
            raise ItemRejected(
                "too_large", "the PDF's text exceeds max_unzipped_bytes",
                hint="Split the document, or raise GLOCAL_MAX_UNZIPPED_BYTES.",
            )
        texts.append(text.strip())
    if pages and failures == len(pages):
        raise ItemRejected("malformed_pdf", "no page of the PDF could be read", hint=_MALFORMED_HINT)
    full = "\n\n".join(t for t in texts if t)
    if not full.strip():
        raise ItemRejected(
            "no_text", "the PDF has no text layer (probably a scanned image)",
            hint="OCR is not supported: add a PDF with selectable text, or a text export of it.",
        )
    title = _metadata_title(reader)
    body = full.strip()
    if not title:
        title, body = split_title(full)
    meta = {"format": "pdf", "pages": len(pages), "created": _iso(_metadata_date(reader))}
    return one_document(source, key, title, body, meta)


def _iso(value: object) -> str | None:
    date = parse_date(value)
    return date.isoformat() if date else None
