"""Event triggers of one sentence: which rule fires, with modality, negation and background flags.

Rules are data (glocal/data/events/triggers.yaml): a cue list and an optional action list per
event type, with a weight. A pair rule (양해각서 + 체결, MOU + sign) needs a cue and an action that
are different words. The sentence's trigger is the firing rule with the best score:

    score = weight − 0.15 if the cue is a back-reference ("under the MOU", "MOU에 따라")
                   + up to 0.05 for ko/ja the closer the trigger is to the sentence end, because
                     the main predicate of a Korean or Japanese sentence comes last;
ties go to the file's `precedence` (setback first). Modality ("will sign", "체결할 예정",
"締結へ"), negation ("did not sign", "체결하지 않았다", "締結に至らなかった") and speculation
("could win", "할 수도 있다") are read in a window after or before the trigger word. Speculative
sentences, denials ("보도는 사실이 아니다", "체결한 바 없다", "denied signing") — a report that
something did not happen, not a failure — and sentences that sum up the past ("so far", "지금까지", "累計", "맺은 이래") report
no event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from glocal.nlp.events.lexicon import BLOCK, EVENT_TYPES, LATIN_SCRIPT, TermHit, TermMatcher, check, load_data

_MARKERS = tuple(f"{kind}_{side}" for kind in ("negation", "planned", "background", "speculative", "discussion", "denial")
                 for side in ("after", "before"))
SECOND_EVENT_WEIGHT = 0.75  # a second event in the same sentence needs a rule at least this sure
_INTL = ("__intl__",)
_CUMULATIVE = ("__cumulative__",)
_ONGOING = ("__ongoing__",)
_HEAD_FINAL = frozenset({"ko", "ja"})


@dataclass(frozen=True, slots=True)
class Rule:
    type: str
    cue: str  # name of a term list
    action: str | None
    weight: float
    money: bool = False  # fires only when the sentence states an amount of money


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    language: str
    cue: TermHit
    action: TermHit | None
    weight: float  # the rule's weight, before position and background adjustments
    score: float
    planned: bool
    negated: bool
    background: bool

    @property
    def start(self) -> int:
        return min(self.cue.start, self.action.start) if self.action else self.cue.start

    @property
    def method(self) -> str:
        words = f"{self.cue.term}+{self.action.term}" if self.action else self.cue.term
        flags = "".join(f"/{name}" for name, on in (("planned", self.planned), ("negated", self.negated)) if on)
        return f"trigger:{self.language}:{words}{flags}"


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str
    rules: tuple[Rule, ...]
    matcher: TermMatcher
    markers: dict[str, tuple[tuple[str, re.Pattern[str] | None, int], ...]]
    precedence: dict[str, int]
    venue_after: tuple[str, ...]
    venue_before: re.Pattern[str] | None
    home_country: str | None


def _marker_patterns(words: dict[str, int], latin: bool) -> tuple[tuple[str, re.Pattern[str] | None, int], ...]:
    # CJK markers are plain substrings (str.find is fast); Latin ones must sit on word boundaries.
    return tuple((w, re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)", re.IGNORECASE) if latin else None, int(n))
                 for w, n in words.items())


@lru_cache(maxsize=None)
def lexicon(language: str) -> Lexicon | None:
    """The compiled trigger lexicon of ``language`` (None when the language has none)."""
    data = load_data("triggers.yaml")
    spec = data.get("languages", {}).get(language)
    if spec is None:
        return None
    terms: dict[str, list[str]] = spec.get("terms") or {}
    rules = []
    for raw in spec.get("rules") or []:
        check(raw.get("type") in EVENT_TYPES, "triggers.yaml", f"{language}: unknown event type in {raw}")
        check(raw.get("cue") in terms and raw.get("action", raw["cue"]) in terms, "triggers.yaml", f"{language}: unknown term list in {raw}")
        rules.append(Rule(raw["type"], raw["cue"], raw.get("action"), float(raw.get("weight", 0.7)), bool(raw.get("money"))))
    entries = [(str(term), name) for name, words in terms.items() for term in words]
    entries += [(str(term), BLOCK) for term in spec.get("blockers") or []]
    entries += [(str(term), _INTL) for term in spec.get("international") or []]
    entries += [(str(term), _CUMULATIVE) for term in spec.get("cumulative") or []]
    entries += [(str(term), _ONGOING) for term in spec.get("ongoing") or []]
    latin = language in LATIN_SCRIPT
    markers = {name: _marker_patterns(spec.get(name) or {}, latin) for name in _MARKERS}
    precedence = {t: i for i, t in enumerate(data.get("precedence", EVENT_TYPES))}
    check(set(precedence) == set(EVENT_TYPES), "triggers.yaml", "precedence must list every event type")
    before = spec.get("venue_before") or []
    venue_before = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, before)) + r")\s+(?:the\s+)?$", re.IGNORECASE) if before else None
    return Lexicon(language, tuple(rules), TermMatcher(entries, language), markers, precedence,
                   tuple(spec.get("venue_after") or []), venue_before, spec.get("home_country"))


def is_venue(text: str, start: int, end: int, language: str) -> bool:
    """Whether the place named at text[start:end] is where something happened ("하노이에서", "in Hanoi")."""
    lex = lexicon(language)
    if lex is None:
        return False
    if any(text.startswith(marker, end) for marker in lex.venue_after):
        return True
    return bool(lex.venue_before and lex.venue_before.search(text, max(0, start - 20), start))


def _near(text: str, hit: TermHit, markers: tuple[tuple[str, re.Pattern[str] | None, int], ...], after: bool,
          limit: int = 99) -> bool:
    for word, pattern, window in markers:
        window = min(window, limit)
        size = window + len(word)
        segment = text[hit.end : hit.end + size] if after else text[max(0, hit.start - size) : hit.start]
        if pattern is None:
            at = segment.find(word) if after else segment.rfind(word)
            if at >= 0 and (at if after else len(segment) - at - len(word)) <= window:
                return True
            continue
        for match in pattern.finditer(segment):
            if (match.start() if after else len(segment) - match.end()) <= window:
                return True
    return False


def _flag(text: str, hit: TermHit, lex: Lexicon, kind: str, limit: int = 99) -> bool:
    return _near(text, hit, lex.markers[f"{kind}_after"], True, limit) or _near(text, hit, lex.markers[f"{kind}_before"], False)


def _gap(cue: TermHit, action: TermHit | None) -> int:
    return max(0, action.start - cue.end, cue.start - action.end) if action else 0


def _pair(cues: list[TermHit], actions: list[TermHit]) -> tuple[TermHit, TermHit] | None:
    best: tuple[int, TermHit, TermHit] | None = None
    for cue in cues:
        for action in actions:
            if (cue.start <= action.start and action.end <= cue.end) or (action.start <= cue.start and cue.end <= action.end):
                continue  # one word cannot be both the cue and the action (투자 ≠ 투자+투자)
            distance = _gap(cue, action)
            if best is None or distance < best[0]:
                best = (distance, cue, action)
    return (best[1], best[2]) if best else None


def _longest(hits: list[TermHit]) -> list[TermHit]:
    # 자매결연 and 결연 both match; the longer word is the one that was written.
    kept: list[TermHit] = []
    for hit in hits:
        inside = any(o.start <= hit.start and hit.end <= o.end and o.end - o.start > hit.end - hit.start for o in hits)
        if not inside and not any((k.start, k.end) == (hit.start, hit.end) for k in kept):
            kept.append(hit)
    return kept


def _has_money(text: str, language: str) -> bool:
    from glocal.nlp.events.amounts import find_amounts  # only when a money rule's cue is present

    return any(a.unit.isupper() and len(a.unit) == 3 for a in find_amounts(text, language))


def _nearest_per_action(found: list[Trigger]) -> list[Trigger]:
    """When rules share one verb, the verb belongs to the nearest noun (구매 계약을 위한 양해각서를 체결 → MOU)."""
    owner: dict[tuple[int, int], Trigger] = {}
    for t in found:
        if t.action is not None:
            key, current = (t.action.start, t.action.end), owner.get((t.action.start, t.action.end))
            if current is None or (_gap(t.cue, t.action), -t.weight) < (_gap(current.cue, current.action), -current.weight):
                owner[key] = t
    return [t for t in found if t.action is None or owner[(t.action.start, t.action.end)] is t]


def _candidates(text: str, lex: Lexicon, by_list: dict[str, list[TermHit]]) -> list[Trigger]:
    found = []
    discussed: set[int] = set()
    money: bool | None = None
    for rule in lex.rules:
        cues = by_list.get(rule.cue)
        if not cues:
            continue
        if rule.money:
            money = _has_money(text, lex.language) if money is None else money
            if not money:
                continue
        if rule.action is None:
            cue, action = cues[-1] if lex.language in _HEAD_FINAL else cues[0], None
        else:
            pair = _pair(cues, by_list.get(rule.action, []))
            if pair is None:
                continue
            cue, action = pair
        background = _flag(text, cue, lex, "background")
        score = rule.weight - (0.15 if background else 0.0)
        if rule.type != "meeting" and _flag(text, action or cue, lex, "discussion"):
            score -= 0.2  # "discussed a fund": talked about at a meeting, not done
            discussed.add(len(found))
        if lex.language in _HEAD_FINAL and text:
            score += 0.05 * max(cue.end, action.end if action else 0) / len(text)
        found.append(Trigger(rule.type, lex.language, cue, action, rule.weight, round(score, 4), False, False, background))
    meetings = [t.score for t in found if t.type == "meeting"]
    if meetings and discussed:  # "met ... and asked for investment support": the meeting is what happened
        ceiling = round(max(meetings) - 0.01, 4)
        found = [replace(t, score=min(t.score, ceiling)) if i in discussed else t for i, t in enumerate(found)]
    return _nearest_per_action(found)


def _spans(trigger: Trigger) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in (trigger.cue, trigger.action) if h is not None]


def _choose(candidates: list[Trigger], lex: Lexicon) -> list[Trigger]:
    """The best trigger, plus a second one of another type on other words when both are sure."""
    ranked = sorted(candidates, key=lambda t: (-t.score, lex.precedence[t.type], t.start))
    chosen = ranked[:1]
    for other in ranked[1:]:
        best = chosen[0]
        if other.weight < SECOND_EVENT_WEIGHT or other.score < SECOND_EVENT_WEIGHT or other.type == best.type:
            continue
        if "setback" in (best.type, other.type):
            continue  # "postponed the signing of the MOU" is one setback, not a setback and an agreement
        if any(s < e2 and s2 < e for s, e in _spans(best) for s2, e2 in _spans(other)):
            continue
        chosen.append(other)
        break
    return chosen


def detect(text: str, language: str, names: tuple[tuple[int, int], ...] = ()) -> tuple[list[Trigger], bool]:
    """The triggers of a sentence (at most two, in text order) and whether it reads as international.

    ``names`` are spans of organisation names in ``text``: a trigger word inside one is part of a
    name ("Asian Infrastructure Investment Bank", "대한무역투자진흥공사"), not something that happened.
    """
    lex = lexicon(language)
    if lex is None:
        return [], False
    by_list: dict[str, list[TermHit]] = {}
    latin = language in LATIN_SCRIPT
    for hit in lex.matcher.find(text):
        if latin and hit.start > 0 and text[hit.start - 1] == "-" and not hit.tags & {_INTL, _CUMULATIVE}:
            continue  # "Korea-funded", "Korean-built": a modifier describing a thing, not a predicate
        if any(start <= hit.start and hit.end <= end for start, end in names) and not hit.tags & {_INTL, _CUMULATIVE}:
            continue
        for tag in hit.tags:
            by_list.setdefault(tag, []).append(hit)
    international, cumulative = bool(by_list.pop(_INTL, None)), bool(by_list.pop(_CUMULATIVE, None))
    ongoing = bool(by_list.pop(_ONGOING, None))
    by_list = {name: _longest(hits) for name, hits in by_list.items()}
    candidates = _candidates(text, lex, by_list)
    if ongoing:  # "have been cooperating" sums up the past; "have been protesting" is still a dispute
        candidates = [c for c in candidates if c.type == "setback"]
    if not candidates or cumulative:
        return [], international
    found = []
    for trigger in _choose(candidates, lex):
        verb = trigger.action or trigger.cue
        if _flag(text, verb, lex, "speculative"):
            continue  # "could win more contracts" reports nothing
        if _flag(text, verb, lex, "denial") or (verb is not trigger.cue and _flag(text, trigger.cue, lex, "denial")):
            continue  # "said no MOU had been signed": denied, not failed, so neither event nor setback
        planned = _flag(text, verb, lex, "planned")
        # A setback is denied only by a negation right after it ("무산되지 않았다"), not by a later clause.
        negated = _flag(text, verb, lex, "negation", 4 if trigger.type == "setback" else 99)
        found.append(replace(trigger, planned=planned, negated=negated))
    return sorted(found, key=lambda t: t.start), international
