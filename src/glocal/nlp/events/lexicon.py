"""Event data files and the multi-term matcher shared by trigger and domain detection.

The data files (glocal/data/events/*.yaml) are read once per process, on first use. Terms are
found with one Aho-Corasick pass per text: CJK terms as substrings (Korean and Japanese stems such
as 체결 or 締結 cover every inflected form), Latin-script terms as whole words, English terms
expanded to their inflections first (sign → signs/signed/signing), ALL-CAPS Latin terms (MOU, ITS,
AI) case-sensitively so that "its" is never ITS.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from glocal.errors import ConfigError

EVENT_TYPES = (
    "agreement", "meeting", "contract", "project", "funding", "forum", "program", "declaration", "setback",
)
DOMAINS = (
    "smart_city", "mobility_uam", "rail", "roads_its", "airports_ports", "water", "housing_urban_dev",
    "energy_env", "culture_tourism", "digital_ai", "trade_investment", "other",
)
# Languages written with spaces between words: terms must sit on word boundaries.
LATIN_SCRIPT = frozenset({"en", "vi", "fr", "de", "es", "pt", "it", "id", "ms", "nl", "tl"})
BLOCK = "__block__"


@lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """One data file of glocal/data/events as a mapping (cached)."""
    path = resources.files("glocal").joinpath("data", "events", name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read event data file {name}: {exc}", hint="reinstall glocal") from exc
    check(isinstance(data, dict), name, "the top level must be a mapping")
    return data


def check(condition: bool, name: str, message: str) -> None:
    """Fail loudly on a malformed data file, naming the file and the problem."""
    if not condition:
        raise ConfigError(f"event data file {name}: {message}", hint="fix the file in glocal/data/events")


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_forms(word: str, verbs: bool) -> set[str]:
    if not word.isalpha():
        return {word}
    if word.isupper():
        return {word, word + "s"}  # MOU → MOUs
    forms = {word, word + "s", word + "es"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if not verbs:
        return forms
    forms |= {word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # plan → planned, cancel → cancelled
    return forms


def inflections(term: str, verbs: bool = True) -> set[str]:
    """English surface forms of a lexicon term; the first and last words of a phrase inflect."""
    words = term.split(" ")
    forms = {term}
    for i in {0, len(words) - 1}:
        for form in _word_forms(words[i], verbs):
            forms.add(" ".join(words[:i] + [form] + words[i + 1 :]))
    return forms


def _is_caps(term: str) -> bool:
    return term.isascii() and any(c.isalpha() for c in term) and term == term.upper()


@dataclass(frozen=True, slots=True)
class TermHit:
    term: str  # the lexicon entry (canonical form), not the inflected surface
    tags: frozenset[Any]
    start: int
    end: int


class TermMatcher:
    """Finds lexicon terms in a text; each term carries the tags of the lists it belongs to.

    Entries tagged ``BLOCK`` are blockers: any other hit lying strictly inside a blocker's span is
    dropped (상공회의소 is no 회의, "according to" is no accord).
    """

    def __init__(self, entries: Iterable[tuple[str, Any]], language: str, verbs: bool = True) -> None:
        self._latin = language in LATIN_SCRIPT
        table: dict[tuple[bool, str], tuple[str, set[Any]]] = {}
        for term, tag in entries:
            caps = _is_caps(term)
            forms = inflections(term, verbs) if language == "en" else {term}
            for form in forms:
                key = (caps, form if caps else fold(form))
                table.setdefault(key, (term, set()))[1].add(tag)
        self._automata: dict[bool, Any] = {}
        for caps in (True, False):
            automaton = ahocorasick.Automaton()
            for (is_caps, form), (term, tags) in table.items():
                if is_caps == caps:
                    automaton.add_word(form, (form, term, frozenset(tags)))
            if len(automaton):
                automaton.make_automaton()
                self._automata[caps] = automaton

    def _bounded(self, text: str, start: int, end: int, form: str) -> bool:
        for inside, outside in ((form[0], start - 1), (form[-1], end)):
            if not (self._latin or (inside.isascii() and inside.isalnum())):
                continue
            if 0 <= outside < len(text):
                ch = text[outside]
                if ch.isalnum() if self._latin else (ch.isascii() and ch.isalnum()):
                    return False
        return True

    def find(self, text: str) -> list[TermHit]:
        hits: list[TermHit] = []
        for caps, automaton in self._automata.items():
            haystack = text if caps else fold(text)
            for last, (form, term, tags) in automaton.iter(haystack):
                start = last - len(form) + 1
                if self._bounded(text, start, last + 1, form):
                    hits.append(TermHit(term, tags, start, last + 1))
        blocks = [h for h in hits if BLOCK in h.tags]
        if blocks:
            hits = [h for h in hits if not any(_strictly_inside(h, b) for b in blocks)]
            hits = [TermHit(h.term, h.tags - {BLOCK}, h.start, h.end) for h in hits if h.tags - {BLOCK}]
        hits.sort(key=lambda h: (h.start, -h.end, h.term))
        return hits


def _strictly_inside(hit: TermHit, block: TermHit) -> bool:
    return block.start <= hit.start and hit.end <= block.end and (hit.end - hit.start) < (block.end - block.start)
