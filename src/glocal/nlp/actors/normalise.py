"""Length-preserving normalisation for alias matching, and the character classes boundary rules use.

Matching runs on a normalised copy of the text that has exactly one character per original
character, so every match offset is also an offset into the original text (no offset maps needed).
Each character is folded on its own: NFKC width folding (ｓｅｏｕｌ → seoul), case folding, Latin
diacritics removed (Hà Nội → ha noi), dashes, middle dots and spaces unified. A character whose
folded form is not exactly one character is kept as it is.
"""

from __future__ import annotations

import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u30fc\u2500"
_DOTS = "\u00b7\u30fb\uff65\u2027\u2219\u22c5\u2022"
_SPACES = "\t\n\r\u00a0\u3000\u2002\u2003\u2009\u200a\u202f"
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\uff07": "'"}


def _fold_char(char: str) -> str:
    if char in _SPACES:
        return " "
    if char in _DOTS:
        return "·"
    if char in _DASHES and char != "\u30fc":  # ー is the katakana length mark, not a dash
        return "-"
    if char in _QUOTES:
        return _QUOTES[char]
    if char in "đĐ":
        return "d"
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        return char
    lowered = folded.casefold()
    folded = lowered if len(lowered) == 1 else folded
    if folded.isascii() or not ("\u00c0" <= folded <= "\u024f" or "\u1e00" <= folded <= "\u1eff"):
        return folded
    base = unicodedata.normalize("NFD", folded)[0].lower()  # Latin letter with diacritics: keep the base
    return base if base.isascii() else folded


class _FoldTable(dict[int, str]):
    """A str.translate table filled on first sight of each character (the text alphabet is small)."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def normalise(text: str) -> str:
    """The matching form of ``text``: same length, one folded character per original character."""
    return text.translate(_TABLE)


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char in "々〆"


def is_katakana(char: str) -> bool:
    """Katakana letters and the length mark ー; not the middle dot ・, which separates words."""
    return ("\u30a1" <= char <= "\u30ff" and char != "\u30fb") or "\u31f0" <= char <= "\u31ff" or "\uff66" <= char <= "\uff9f"


def is_hiragana(char: str) -> bool:
    return "\u3041" <= char <= "\u309f"


def is_latin_alnum(char: str) -> bool:
    """A letter or digit of a space-separated (Latin, Cyrillic, ...) script: word-boundary relevant."""
    return char.isalnum() and not (is_hangul(char) or is_han(char) or is_katakana(char) or is_hiragana(char))


def script_of(char: str) -> str:
    """Coarse script class used by the boundary rules: hangul, han, kana, latin or other."""
    if is_hangul(char):
        return "hangul"
    if is_han(char):
        return "han"
    if is_katakana(char) or is_hiragana(char):
        return "kana"
    if is_latin_alnum(char):
        return "latin"
    return "other"
