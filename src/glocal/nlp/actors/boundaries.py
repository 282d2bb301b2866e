"""Token-boundary rules per script of a matched name (see src/glocal/data/actors/boundaries.yaml)."""

from __future__ import annotations

from typing import Any

from glocal.nlp.actors.datafiles import fail
from glocal.nlp.actors.normalise import is_hangul, is_katakana, is_latin_alnum, script_of


def _list(doc: dict[str, Any], name: str) -> list[str]:
    value = doc.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail("boundaries.yaml", f"'{name}' must be a list of non-empty strings")
    return value


class Boundaries:
    """Decides whether a match at text[start:end] stands as a word of its own."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.prefixes = set(_list(doc, "ko_prefixes"))
        particles = _list(doc, "ko_particles")
        suffixes = _list(doc, "ko_suffixes")
        # allowed Hangul continuations of a two-syllable name: particle, suffix, suffix + particle
        self.endings = {*particles, *suffixes, *(s + p for s in suffixes for p in particles)}
        self.blockers = _list(doc, "blockers")
        self.restricted = set(_list(doc, "ko_restricted"))

    def hangul_tail_ok(self, text: str, end: int) -> bool:
        """After a name that begins common words: nothing Hangul, or an allowed ending."""
        stop = end
        while stop < len(text) and is_hangul(text[stop]) and stop - end < 12:
            stop += 1
        tail = text[end:stop]
        return not tail or tail in self.endings

    def left_ok(self, text: str, start: int, first: str) -> bool:
        before = text[start - 1] if start > 0 else " "
        script = script_of(first)
        if script == "latin":
            return not is_latin_alnum(before)
        if script == "hangul" and is_hangul(before):
            # 주베트남 "(resident) in Vietnam", 대중국 "towards China": one prefix syllable starting a word
            return before in self.prefixes and (start < 2 or not is_hangul(text[start - 2]))
        if is_katakana(first):
            return not (is_katakana(before) or before == "ー")
        return True

    def right_ok(self, text: str, end: int, last: str, restricted: bool) -> bool:
        after = text[end] if end < len(text) else " "
        script = script_of(last)
        if script == "latin":
            return not is_latin_alnum(after)
        if script == "hangul":
            return not restricted or self.hangul_tail_ok(text, end)
        if is_katakana(last) or last == "ー":
            return not (is_katakana(after) or after == "ー")
        return True

    def ok(self, text: str, start: int, end: int, surface: str) -> bool:
        restricted = surface in self.restricted
        return self.left_ok(text, start, surface[0]) and self.right_ok(text, end, surface[-1], restricted)
