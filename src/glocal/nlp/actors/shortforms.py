"""One-character country forms (韓, 美, 日, 한, 베 ...) and the rules under which they name a country.

The rules and their rationale are data: src/glocal/data/actors/country_rules.yaml. This module only
applies them to the positions where the automaton found a form that no longer name covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glocal.nlp.actors.boundaries import Boundaries
from glocal.nlp.actors.datafiles import fail
from glocal.nlp.actors.normalise import is_han, is_hangul, is_katakana

_WHERE = "country_rules.yaml"


def _section(doc: dict[str, Any], name: str) -> dict[str, Any]:
    value = doc.get(name)
    if not isinstance(value, dict):
        raise fail(_WHERE, f"'{name}' must be a mapping")
    return value


@dataclass
class ShortFormRules:
    forms: dict[str, str]  # character -> ISO alpha-2
    separators: set[str]
    joinable: set[str]
    compound: dict[str, Any]
    after: dict[str, Any]
    standalone_languages: set[str]
    words: dict[str, dict[str, str]]  # language -> word -> alpha-2

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ShortFormRules:
        forms: dict[str, str] = {}
        for code, chars in _section(doc, "single_forms").items():
            for char in chars or []:
                if not isinstance(char, str) or len(char) != 1:
                    raise fail(_WHERE, f"single form {char!r} of {code} must be exactly one character")
                forms[char] = code
        words = {lang: dict(entries) for lang, entries in _section(doc, "words").items()}
        for lang, entries in words.items():
            for word, code in entries.items():
                if not any(forms.get(ch) == code for ch in word):
                    raise fail(_WHERE, f"word {word!r} ({lang}) contains no single form of {code}")
        compound, after = _section(doc, "compound"), _section(doc, "after")
        after["after_words"] = sorted(set(after.get("after_words") or []), key=len, reverse=True)
        after["not_before"] = {k: tuple(v) for k, v in (after.get("not_before") or {}).items()}
        return cls(
            forms=forms, separators=set(doc.get("separators") or []), joinable=set(doc.get("joinable") or []),
            compound={k: set(v or []) for k, v in compound.items()}, after=after,
            standalone_languages=set(_section(doc, "standalone").get("languages") or []), words=words,
        )

    def word_focus(self, word: str, code: str) -> int:
        """Offset of the country's form inside a fixed word (訪日 -> 1)."""
        return next(i for i, ch in enumerate(word) if self.forms.get(ch) == code)


class ShortFormResolver:
    """Turns candidate form positions into (position, country, rule) triples."""

    def __init__(self, rules: ShortFormRules, boundaries: Boundaries) -> None:
        self.rules = rules
        self.boundaries = boundaries

    def _left_ok(self, text: str, pos: int) -> bool:
        if pos == 0:
            return True
        before, char = text[pos - 1], text[pos]
        if is_hangul(char):
            return not is_hangul(before)
        if is_katakana(char):
            return not is_katakana(before)
        return not (is_han(before) or before.isdigit())

    def _after_word(self, text: str, end: int, form: str) -> bool:
        if end < len(text) and text[end] == " " and is_hangul(form):
            end += 1  # 미 국무부: Korean writes the Hangul form apart from the noun
        rest = text[end:end + 6]
        banned = self.rules.after["not_before"].get(form, ())
        return any(rest.startswith(w) for w in self.rules.after["after_words"] if w not in banned)

    def _runs(self, text: str, positions: list[int]) -> list[list[int]]:
        runs: list[list[int]] = []
        for pos in positions:
            last = runs[-1][-1] if runs else -9
            joined = pos == last + 1 or (pos == last + 2 and text[last + 1] in self.rules.separators)
            if runs and joined:
                runs[-1].append(pos)
            else:
                runs.append([pos])
        return runs

    def _compound_ok(self, text: str, run: list[int], language: str) -> bool:
        rules = self.rules.compound
        if language not in rules.get("languages", ()):
            return False
        trimmed = False
        while run and run[0] > 0 and text[run[0] - 1].isdigit():  # 20日米 is a date, then 米
            run, trimmed = run[1:], True
        if len(run) < 2 or not (trimmed or self._left_ok(text, run[0])):
            return False
        joined = "".join(text[p] for p in run)
        pairs = {joined[i:i + 2] for i in range(len(joined) - 1)}
        if joined in rules.get("never", ()) or pairs & rules.get("never", set()):
            return False
        if len(joined) == 2 and joined in rules.get("needs_context", ()) and not self._after_word(text, run[-1] + 1, ""):
            return False
        if any(is_hangul(ch) for ch in joined):
            # Korean puts 한 first (한미, 한-베); 독한 "harsh", 영한 "young" are words, not pairs
            if not joined.startswith("한") and joined not in rules.get("hangul_pairs", ()):
                return False
            return self.boundaries.hangul_tail_ok(text, run[-1] + 1) or self._after_word(text, run[-1] + 1, "")
        return True

    def _single_ok(self, text: str, pos: int, language: str, anchors: tuple[set[int], set[int]]) -> str | None:
        char, seps = text[pos], self.rules.separators
        starts, ends = anchors
        if not self._left_ok(text, pos):
            return None
        nxt = text[pos + 1] if pos + 1 < len(text) else " "
        if language in self.rules.compound.get("languages", ()):
            joined_right = nxt in seps and pos + 2 in starts
            glued_right = not is_hangul(char) and pos + 1 in starts and not is_han(nxt) and not is_hangul(nxt)
            joined_left = pos > 0 and text[pos - 1] in seps and pos - 1 in ends
            if joined_right or glued_right or joined_left:
                return "compound"
        hangul_ok = not is_hangul(char) or char in self.rules.after.get("hangul_forms", ())
        if language in self.rules.after.get("languages", ()) and hangul_ok and self._after_word(text, pos + 1, char):
            return "after"
        if language in self.rules.standalone_languages and is_han(char) and not is_han(nxt) and not nxt.isdigit():
            if not (pos > 0 and text[pos - 1] in "(（" and nxt in ")）"):  # (日) marks a weekday
                return "standalone"
        return None

    def resolve(self, text: str, language: str, positions: list[int],
                anchors: tuple[set[int], set[int]]) -> list[tuple[int, str, str]]:
        """``anchors`` = (start offsets, end offsets) of names a form may be joined to (countries, blocs)."""
        found: list[tuple[int, str, str]] = []
        for run in self._runs(text, sorted(positions)):
            if len(run) > 1 and self._compound_ok(text, list(run), language):
                kept = [p for p in run if not (p > 0 and text[p - 1].isdigit())]
                found.extend((p, self.rules.forms[text[p]], "compound") for p in kept)
                continue
            for pos in run:
                rule = self._single_ok(text, pos, language, anchors)
                if rule:
                    found.append((pos, self.rules.forms[text[pos]], rule))
        return found
