"""Zip-bomb guard for zip-based documents (DOCX, HWPX), run before any parser opens the archive.

The central directory is checked first (member count, total declared size, per-member ratio,
nested archives); members are then read with a hard cap while decompressing, because declared
sizes are written by whoever made the file and can lie.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from glocal.config import Settings
from glocal.errors import ItemRejected

MAX_MEMBERS = 10_000
# below this size a high ratio is harmless (tiny XML parts compress very well); the total cap
# still bounds the sum of many small members
RATIO_GRACE_BYTES = 1 << 20
NESTED_ARCHIVES = (".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".jar", ".zst", ".cab")
_CHUNK = 1 << 16
# errors zipfile and zlib raise on damaged, truncated, encrypted or exotic archives
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
               RuntimeError, NotImplementedError, KeyError)


def _bomb(label: str, what: str) -> ItemRejected:
    return ItemRejected(
        "zip_bomb", f"the {label} archive looks like a zip bomb: {what}",
        hint="Do not open this file. If it is a genuine document, raise GLOCAL_MAX_UNZIPPED_BYTES "
        "or GLOCAL_MAX_ZIP_RATIO.",
    )


def _malformed(label: str, exc: BaseException) -> ItemRejected:
    return ItemRejected(
        "malformed_archive", f"the {label} file is not a readable zip archive: {exc}",
        hint=f"Open the file in its editor and save it again as {label}.",
    )


class SafeZip:
    """A zip archive whose directory passed the guard; ``read`` decompresses under a hard cap."""

    def __init__(self, data: bytes, settings: Settings, label: str) -> None:
        self.label = label
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise _malformed(label, exc) from exc
        if len(infos) > MAX_MEMBERS:
            raise _bomb(label, f"{len(infos):,} members (more than {MAX_MEMBERS:,})")
        total = sum(info.file_size for info in infos)
        if total > settings.max_unzipped_bytes:
            raise _bomb(label, f"{total:,} bytes uncompressed (limit {settings.max_unzipped_bytes:,})")
        for info in infos:
            if info.filename.lower().endswith(NESTED_ARCHIVES):
                raise _bomb(label, f"it contains a nested archive {info.filename!r}")
            if info.file_size > RATIO_GRACE_BYTES:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > settings.max_zip_ratio:
                    raise _bomb(
                        label, f"member {info.filename!r} expands {ratio:,.0f} times "
                        f"(limit {settings.max_zip_ratio:,.0f})",
                    )
        self._budget = settings.max_unzipped_bytes
        self.names = [info.filename for info in infos]

    def read(self, name: str) -> bytes:
        """The member's bytes; never more than its declared size nor the archive's remaining budget."""
        try:
            info = self._zip.getinfo(name)
            cap = min(info.file_size, self._budget)
            out = bytearray()
            with self._zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    out += chunk
                    if len(out) > cap:
                        raise _bomb(self.label, f"member {name!r} expands beyond its declared size")
        except ItemRejected:
            raise
        except _ZIP_ERRORS as exc:
            raise _malformed(self.label, exc) from exc
        self._budget -= len(out)
        return bytes(out)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
