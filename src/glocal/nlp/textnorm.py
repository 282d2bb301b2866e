"""Text normalisation and content hashing shared by dedup and storage."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# everything that is not a letter or digit, for the comparison form used by dedup
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def clean_text(text: str) -> str:
    """Readable clean text: NFC, no control characters, single spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def comparison_form(text: str) -> str:
    """Case-, width- and punctuation-insensitive form: two edits of one story compare alike."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", text).strip()


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the comparison form of title and body: equal for cosmetic differences only."""
    form = comparison_form(title) + "\n" + comparison_form(body)
    return hashlib.sha256(form.encode("utf-8")).hexdigest()
