"""The actor linker: one Aho-Corasick automaton over every normalised name, longest match wins.

Per document: normalise (same length as the text), scan with the automaton, keep matches that stand
as words of their own (boundaries.py) and respect case where it matters (acronyms, short Latin
names), choose leftmost-longest non-overlapping matches (blockers such as 고양이 swallow the names
inside them), resolve names shared by several actors from nearby words, then apply the
one-character country rules (shortforms.py) to the forms no name covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from glocal.nlp.actors.boundaries import Boundaries
from glocal.nlp.actors.normalise import normalise
from glocal.nlp.actors.registry import Registry
from glocal.nlp.actors.shortforms import ShortFormResolver, ShortFormRules
from glocal.records import ActorMention

_HOME = {"ko": "KR", "ja": "JP", "zh": "CN", "vi": "VN"}
_BASE_CONFIDENCE = {"geonames": 0.85, "iso3166-2": 0.8}
_CONTEXT_BEFORE, _CONTEXT_AFTER = 60, 30
_NESTING_HOSTS = {"organisation", "programme", "city", "local_gov"}


@dataclass(frozen=True, slots=True)
class _Entry:
    surface: str  # normalised
    keys: tuple[str, ...] = ()
    exact: frozenset[str] = frozenset()  # if set, the text must read exactly one of these
    capital: bool = False  # Latin name: the text must start with a capital letter
    form: str | None = None  # one-character country form
    word: tuple[str, str] | None = None  # (country, language) of a fixed word such as 訪日
    blocker: bool = False


def _is_latin(s: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff" for ch in s)


def _case_rules(originals: list[str]) -> tuple[frozenset[str], bool]:
    """Acronyms (UN, KIND) and Latin names of up to 3 characters (US, Mỹ) must match exactly."""
    def exact(s: str) -> bool:
        letters = [c for c in s if c.isalpha()]
        return _is_latin(s) and bool(letters) and (all(c.isupper() for c in letters) or len(s) <= 3)
    exact_set = frozenset(originals) if all(exact(s) for s in originals) else frozenset()
    latin = [s for s in originals if s[:1].isalpha() and _is_latin(s[:1])]
    return exact_set, bool(latin) and len(latin) == len(originals) and all(s[0].isupper() for s in latin)


Span = tuple[int, int, _Entry]


class Linker:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.boundaries = Boundaries(registry.data.singletons["boundaries"])
        self.rules = ShortFormRules.from_doc(registry.data.singletons["country_rules"])
        self.short_forms = ShortFormResolver(self.rules, self.boundaries)
        self.entries: list[_Entry] = []
        self.automaton = ahocorasick.Automaton()
        self._context: dict[str, list[str]] = {}
        self._build()

    def _build(self) -> None:
        originals: dict[str, list[str]] = {}
        for record in self.registry.records.values():
            for surface in record.surfaces():
                originals.setdefault(normalise(surface), []).append(surface)
        words = {normalise(w): (code, lang) for lang, ws in self.rules.words.items() for w, code in ws.items()}
        forms = {normalise(f): f for f in self.rules.forms}
        blockers = {normalise(b) for b in self.boundaries.blockers}
        for surface in sorted({*originals, *words, *forms, *blockers}):
            exact, capital = _case_rules(originals.get(surface, [])) if surface in originals else (frozenset(), False)
            entry = _Entry(surface, self.registry.by_surface.get(surface, ()), exact, capital, forms.get(surface),
                           words.get(surface), surface in blockers)
            self.automaton.add_word(surface, len(self.entries))
            self.entries.append(entry)
        self.automaton.make_automaton()

    def _accept(self, text: str, start: int, end: int, entry: _Entry, language: str) -> bool:
        surface = text[start:end]
        if entry.exact and surface not in entry.exact:
            return False
        if entry.capital and not surface[0].isupper():
            return False
        if entry.word and not entry.keys and entry.word[1] != language:
            return False
        return self.boundaries.ok(text, start, end, surface)

    def _scan(self, text: str, norm: str, language: str) -> tuple[list[Span], list[int]]:
        """Accepted name matches sorted leftmost-longest first, and positions of one-character forms."""
        spans, singles = [], []
        for last, index in self.automaton.iter(norm):
            entry = self.entries[index]
            start, end = last - len(entry.surface) + 1, last + 1
            if entry.form is not None:
                singles.append(start)
            if (entry.keys or entry.word or entry.blocker) and self._accept(text, start, end, entry, language):
                spans.append((start, end, entry))
        spans.sort(key=lambda s: (s[0], s[0] - s[1]))
        return spans, singles

    @staticmethod
    def _greedy(spans: list[Span]) -> list[Span]:
        chosen: list[Span] = []
        reach = 0
        for span in spans:
            if span[0] >= reach:
                chosen.append(span)
                reach = span[1]
        return chosen

    def _nested(self, spans: list[Span], chosen: list[Span]) -> list[Span]:
        """Country names (and joinable blocs) inside a chosen organisation, programme or city name.

        "Korean Air", "한국토지주택공사", "Mexico City" name a country although the longest match is
        another actor; regions ("North America") and blockers do not.
        """
        hosts = [(s, e) for s, e, entry in chosen if entry.keys and
                 self.registry.records[entry.keys[0]].kind in _NESTING_HOSTS]
        inner = [span for span in spans if span[2].keys and self._is_anchor(span[2]) and
                 any(hs <= span[0] and span[1] <= he and span[1] - span[0] < he - hs for hs, he in hosts)]
        return self._greedy(inner)

    def _is_anchor(self, entry: _Entry) -> bool:
        return bool(entry.word) or entry.keys[0].startswith("country:") or entry.keys[0] in self.rules.joinable

    def _resolve(self, keys: tuple[str, ...], norm: str, start: int, end: int, language: str) -> tuple[str, str] | None:
        """(actor key, method suffix) for a matched name; None when a shared name cannot be decided."""
        records = self.registry.records
        top = records[keys[0]].priority
        tied = [k for k in keys if records[k].priority == top]
        if len(tied) == 1:
            return tied[0], ""
        before, after = norm[max(0, start - _CONTEXT_BEFORE):start], norm[end:end + _CONTEXT_AFTER]
        distance: dict[str, int] = {}
        for key in tied:
            if key not in self._context:
                self._context[key] = self.registry.context_of(key)
            gaps = [len(before) - before.rfind(w) - len(w) for w in self._context[key] if w in before]
            gaps += [after.find(w) + 1 for w in self._context[key] if w in after]  # a word after counts a bit less
            if gaps:
                distance[key] = min(gaps)
        if distance:
            return min(sorted(distance), key=lambda k: distance[k]), "+context"  # the nearest context word wins
        home = [k for k in tied if records[k].country == _HOME.get(language)]
        if len(home) == 1 and len(home) < len(tied):
            return home[0], "+default"
        defaults = [k for k in tied if records[k].default]
        if len(defaults) == 1:
            return defaults[0], "+default"
        if all(records[k].source in ("geonames", "iso3166-2") for k in tied):
            return tied[0], "+default"  # generated places sharing a name: the most populous one
        return None

    def _mention(self, key: str, text: str, start: int, end: int, method: str, confidence: float) -> ActorMention:
        record = self.registry.records[key]
        return ActorMention(actor_key=key, kind=record.kind, name_en=record.name_en, surface=text[start:end],
                            start=start, end=end, confidence=confidence, method=method, country_code=record.country)

    def _name_mention(self, text: str, norm: str, span: tuple[int, int, _Entry], language: str) -> ActorMention | None:
        start, end, entry = span
        if entry.keys:
            resolved = self._resolve(entry.keys, norm, start, end, language)
            if resolved is None:
                return None
            key, suffix = resolved
            source = self.registry.records[key].source
            method = ("geonames" if source == "geonames" else "iso3166-2" if source == "iso3166-2" else "alias-table")
            confidence = {"": _BASE_CONFIDENCE.get(method, 0.95), "+context": 0.85, "+default": 0.6}[suffix]
            confidence -= 0.1 if end - start <= 2 and suffix == "" else 0.0
            return self._mention(key, text, start, end, method + suffix, round(confidence, 2))
        if entry.word:
            focus = start + self.rules.word_focus(text[start:end], entry.word[0])
            return self._mention(f"country:{entry.word[0]}", text, focus, focus + 1, "short-form:word", 0.85)
        return None  # a blocker

    def link(self, text: str, language: str) -> list[ActorMention]:
        """Actor mentions in ``text`` (offsets into ``text``), sorted by position. Deterministic."""
        if not text:
            return []
        norm = normalise(text)
        spans, singles = self._scan(text, norm, language)
        chosen = self._greedy(spans)
        nested = self._nested(spans, chosen)
        mentions = [m for span in chosen if (m := self._name_mention(text, norm, span, language)) is not None]
        for start, end, entry in nested:
            if entry.keys[0].startswith("country:"):
                mentions.append(self._mention(entry.keys[0], text, start, end, "alias-table+nested", 0.8))
        # one-character forms: not inside a country name, a fixed word, a blocker or a nested country
        covered = {i for s, e, entry in [*chosen, *nested]
                   if not entry.keys or entry.word or entry.keys[0].startswith("country:") for i in range(s, e)}
        anchors = [(s, e) for s, e, entry in [*chosen, *nested] if entry.keys and self._is_anchor(entry) or entry.word]
        starts, ends = {s for s, _ in anchors}, {e - 1 for _, e in anchors}
        free = [p for p in singles if p not in covered]
        for pos, code, rule in self.short_forms.resolve(text, language, free, (starts, ends)):
            confidence = 0.85 if rule == "compound" else 0.75
            mentions.append(self._mention(f"country:{code}", text, pos, pos + 1, f"short-form:{rule}", confidence))
        return sorted(mentions, key=lambda m: (m.start, m.end, m.actor_key))
