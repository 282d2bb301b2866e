"""Lexicon rules: trigger words, directions of change paired with metrics, and negation.

A sentence's lexicon sum adds the weight of every trigger ("signed" +0.5, "cancelled" -0.8), a
negated trigger counting ``negation`` times its weight ("did not sign", "지연 없이"). A direction
word takes its sign from the nearest metric ("profit rose" +, "losses rose" -, "unemployment fell"
+); a lone direction adds a small default. Matching is longest-first over content tokens, so
"break down" wins over "down". The sentence score is tanh(squash * sum), in (-1, 1).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from glocal.nlp.tone.lexicon import Element, Entry, Lexicon, Pattern
from glocal.nlp.tone.tokens import BOUNDARY, CONTENT, Tok


@dataclass(frozen=True, slots=True)
class Match:
    position: int  # index among the content tokens
    entry: Entry
    negated: bool


@dataclass(frozen=True, slots=True)
class RuleScore:
    positive: float  # sum of positive contributions
    negative: float  # sum of negative contributions (<= 0)
    score: float  # tanh(squash * (positive + negative))
    hits: tuple[str, ...]  # concepts found, "-" prefixed when negated (for explanations and tests)


def _element_ok(tok: Tok, element: Element) -> bool:
    lemma, tag = element
    return lemma in tok.forms and (tag is None or tok.tag.startswith(tag))


def _pattern_at(tokens: list[Tok], content: list[int], k: int, pattern: Pattern) -> bool:
    if k + len(pattern) > len(content):
        return False
    for j, element in enumerate(pattern):
        index = content[k + j]
        if not _element_ok(tokens[index], element):
            return False
        if j and any(tokens[i].role == BOUNDARY for i in range(content[k + j - 1] + 1, index)):
            return False
    return True


def _first_negator(candidates: Iterable[tuple[int, Tok]], negators: frozenset[Element], window: int) -> int | None:
    """Index of the first negator among ``candidates`` (walked in the given direction), stopping
    at a clause boundary or after ``window`` content words."""
    seen = 0
    for index, tok in candidates:
        if any(_element_ok(tok, n) for n in negators):
            return index
        if tok.role == BOUNDARY:
            return None
        if tok.role == CONTENT:
            seen += 1
            if seen >= window:
                return None
    return None


def _negator_after(tokens: list[Tok], start: int, negators: frozenset[Element], window: int) -> int | None:
    """Index of a negator following the predicate that ends at ``start - 1`` (None when none)."""
    return _first_negator(((i, tokens[i]) for i in range(start, len(tokens))), negators, window)


def _negated_before(tokens: list[Tok], end: int, negators: frozenset[Element], window: int) -> bool:
    return _first_negator(((i, tokens[i]) for i in range(end - 1, -1, -1)), negators, window) is not None


def _is_negated(tokens: list[Tok], first: int, last: int, next_first: int, language: str, lex: Lexicon) -> bool:
    """Korean/Japanese negators follow the predicate; one that comes after the next lexicon match
    (``next_first``) belongs to that match: in 開業は遅れなかった only 遅れる is negated."""
    window, after, neg = lex.negation_window, lex.negation_window_after, lex.negators
    if language in ("ko", "ja"):
        index = _negator_after(tokens, last + 1, neg[f"{language}_after"], after)
        if index is not None and index < next_first:
            return True
        return language == "ko" and _negated_before(tokens, first, neg["ko_before"], 1)
    if language == "zh":
        return _negated_before(tokens, first, neg["zh_before"], 2)
    return _negated_before(tokens, first, neg["vi" if language == "vi" else "en"], window)


def find_matches(tokens: list[Tok], language: str, lex: Lexicon) -> list[Match]:
    """Longest-first, non-overlapping lexicon matches over the content tokens."""
    index = lex.index.get(language) or lex.index["en"]
    content = [i for i, tok in enumerate(tokens) if tok.role == CONTENT]
    spans: list[tuple[int, int, Entry]] = []  # (first content position, length, entry)
    k = 0
    while k < len(content):
        best: tuple[Pattern, Entry] | None = None
        for form in tokens[content[k]].forms:
            for pattern, entry in index.get(form, ()):
                if (best is None or len(pattern) > len(best[0])) and _pattern_at(tokens, content, k, pattern):
                    best = (pattern, entry)
                    break  # patterns are sorted longest first
        if best is None:
            k += 1
            continue
        spans.append((k, len(best[0]), best[1]))
        k += len(best[0])
    matches = []
    for i, (k, length, entry) in enumerate(spans):
        next_first = content[spans[i + 1][0]] if i + 1 < len(spans) else len(tokens)
        negated = _is_negated(tokens, content[k], content[k + length - 1], next_first, language, lex)
        matches.append(Match(k, entry, negated))
    return matches


def _direction_value(match: Match, metrics: list[Match], window: float, unpaired: float) -> float:
    sign = 1.0 if match.entry.kind == "up" else -1.0
    near = [m for m in metrics if abs(m.position - match.position) <= window]
    if not near:
        return sign * unpaired
    metric = min(near, key=lambda m: (abs(m.position - match.position), m.position))
    polarity = {"good_metric": 1.0, "bad_metric": -1.0}.get(metric.entry.kind, 0.0)
    return sign * polarity * match.entry.weight


def _reversed(m: Match, reversers: list[Match], window: float) -> bool:
    """Trouble next to a word that ends it ("the dispute was resolved") counts as its negation."""
    return m.entry.weight < 0 and any(abs(r.position - m.position) <= window for r in reversers)


def _contributions(matches: list[Match], window: float, lex: Lexicon) -> list[float]:
    metrics = [m for m in matches if m.entry.kind.endswith("metric")]
    reversers = [m for m in matches if m.entry.reverses and not m.negated]
    negation, paired, values = lex.defaults["negation"], set(), []
    for m in matches:
        if m.entry.kind in ("up", "down"):
            value = _direction_value(m, metrics, window, lex.defaults["unpaired"])
            paired.update(x.position for x in metrics if abs(x.position - m.position) <= window)
        elif m.entry.kind == "trigger":
            value = m.entry.weight
        else:
            continue
        flipped = m.negated != (m.entry.kind == "trigger" and _reversed(m, reversers, window))
        values.append(value * (negation if flipped else 1.0))
    for m in metrics:  # a metric without a direction still says something ("posted a loss")
        if m.position not in paired and m.entry.weight:
            values.append(m.entry.weight * (negation if m.negated else 1.0))
    return values


def score_tokens(tokens: list[Tok], language: str, lex: Lexicon) -> RuleScore:
    matches = find_matches(tokens, language, lex)
    window = lex.defaults["pair_window"] * (2 if language == "zh" else 1)
    values = _contributions(matches, window, lex)
    markers = lex.modality.get(language) or lex.modality["en"]
    forms = {form for tok in tokens for form in tok.forms}
    if any(marker[0] in forms and any(_element_ok(tok, marker) for tok in tokens) for marker in markers):
        values = [v * lex.modality_factor for v in values]  # plans and expectations weigh less
    positive = sum(v for v in values if v > 0)
    negative = sum(v for v in values if v < 0)
    hits = tuple(("-" if m.negated else "") + m.entry.concept for m in matches)
    return RuleScore(positive, negative, math.tanh(lex.defaults["squash"] * (positive + negative)), hits)
