"""Local file and folder ingestion: one format reader per file extension.

A folder is walked recursively in sorted order, skipping hidden files and folders (and Office
lock files). Nothing a single file does stops the others: every problem becomes a Rejection
keyed by the file's path relative to the source location. Only a missing or unreadable location
raises SourceError.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from glocal.config import Settings
from glocal.errors import ItemRejected, SourceError
from glocal.ingest.formats.docx import read_docx
from glocal.ingest.formats.html_file import read_html
from glocal.ingest.formats.hwpx import read_hwpx
from glocal.ingest.formats.pdf import read_pdf
from glocal.ingest.formats.tabular import read_csv, read_jsonl
from glocal.ingest.formats.text import read_text
from glocal.records import ReadResult, Rejection, SourceSpec

log = logging.getLogger(__name__)

Reader = Callable[[bytes, str, str, Settings], ReadResult]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".hwpx": read_hwpx,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}
SUPPORTED = ", ".join(sorted(READERS))
# formats we recognise but cannot read, with what to do instead
_CONVERT_HINTS = {
    ".hwp": "Legacy binary HWP is not supported: save the document as HWPX (Hancom Office: "
    "File > Save As > HWPX) and add that file.",
    ".doc": "Legacy binary Word is not supported: save the document as .docx.",
}


def read_files(spec: SourceSpec, settings: Settings) -> ReadResult:
    """Read every supported file at ``spec.location`` (a file or a folder); never raises per file."""
    root = Path(spec.location).expanduser()
    if not root.exists():
        raise SourceError(
            f"source {spec.name!r}: {root} does not exist",
            hint="Check the source's location in glocal.toml (relative paths start at the working directory).",
        )
    result = ReadResult()
    if root.is_dir():
        base = root
        paths: Iterator[Path] = _walk(root, spec, result)
    else:
        base, paths = root.parent, iter([root])
    for path in paths:
        key = path.relative_to(base).as_posix()
        try:
            _read_one(path, key, spec, settings, result)
        except ItemRejected as exc:
            stage = "validate" if exc.reason == "empty_body" else "parse"
            result.rejections.append(_rejection(spec, key, stage, exc.reason, exc.message, exc.hint))
        except Exception as exc:  # a parser bug must cost one file, not the run
            log.warning("unexpected error reading %s", path, exc_info=True)
            result.rejections.append(_rejection(
                spec, key, "parse", "parse_error", f"the file could not be parsed ({type(exc).__name__}: {exc})",
                "Open and save the file again; if it still fails, report it with the file attached.",
            ))
    return result


def _rejection(spec: SourceSpec, key: str, stage: str, reason: str, message: str, hint: str | None) -> Rejection:
    return Rejection(source=spec.name, item_key=key, stage=stage, reason=reason, message=message, hint=hint)


def _walk(root: Path, spec: SourceSpec, result: ReadResult) -> Iterator[Path]:
    """Non-hidden files under ``root`` in sorted path order; unreadable sub-folders become rejections."""

    def on_error(exc: OSError) -> None:
        if Path(exc.filename) == root:
            raise SourceError(f"source {spec.name!r}: cannot list {root}: {exc.strerror}",
                              hint="Check the folder's permissions.") from exc
        key = Path(exc.filename).relative_to(root).as_posix()
        result.rejections.append(_rejection(
            spec, key, "fetch", "unreadable", f"the folder cannot be listed: {exc.strerror}",
            "Check the folder's permissions.",
        ))

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # pruning here skips hidden trees
        # "~$name.docx" are Office lock files left next to open documents, not documents
        found.extend(Path(folder, f) for f in files if not f.startswith((".", "~$")))
    # sorting by parts keeps a folder's contents together: a/b.txt, a/c/d.txt, a.txt
    yield from sorted(found, key=lambda p: p.relative_to(root).parts)


def _read_one(path: Path, key: str, spec: SourceSpec, settings: Settings, result: ReadResult) -> None:
    """Read one file into ``result``; raise ItemRejected for a problem with the whole file."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        kind = f"{suffix} files" if suffix else "files without an extension"
        raise ItemRejected(
            "unsupported_type", f"{kind} are not supported",
            hint=_CONVERT_HINTS.get(suffix, f"Supported types: {SUPPORTED}."),
        )
    data = _read_capped(path, key, spec, settings, result)
    if data is None:
        return
    read = reader(data, key, spec.name, settings)
    result.rejections.extend(read.rejections)
    for item in read.items:
        if len(item.body.strip()) < settings.min_body_chars:
            result.rejections.append(_rejection(
                spec, item.item_key, "validate", "empty_body",
                f"the body has {len(item.body.strip())} characters, fewer than min_body_chars "
                f"({settings.min_body_chars})",
                "Check that the document has text; lower GLOCAL_MIN_BODY_CHARS if short items are expected.",
            ))
            continue
        item.language_hint = item.language_hint or spec.language
        result.items.append(item)


def _read_capped(path: Path, key: str, spec: SourceSpec, settings: Settings, result: ReadResult) -> bytes | None:
    """The file's bytes, or None after recording a fetch-stage rejection (unreadable, too large)."""
    limit = settings.max_item_bytes
    too_large = _rejection(
        spec, key, "fetch", "too_large", f"the file is larger than max_item_bytes ({limit:,} bytes)",
        "Split the file, or raise GLOCAL_MAX_ITEM_BYTES.",
    )
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # opening a FIFO blocks; a device never ends
            raise OSError("not a regular file")
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                result.rejections.append(too_large)
                return None
            data = handle.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        result.rejections.append(_rejection(
            spec, key, "fetch", "unreadable", f"the file cannot be read: {exc.strerror or exc}",
            "Check that the file exists and is readable by this user.",
        ))
        return None
    if len(data) > limit:
        result.rejections.append(too_large)
        return None
    return data
