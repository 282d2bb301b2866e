"""Strategy-axis balance (industry, culture, data, inclusion) from event domains and keywords.

The mapping is the data file ``data/taxonomy/axes.yaml``; see its header for the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

AXES = ("industry", "culture", "data", "inclusion")
CJK_LANGUAGES = frozenset({"ko", "ja", "zh"})


@dataclass(frozen=True)
class AxisRule:
    domains: dict[str, float]
    keywords: dict[str, frozenset[str]]
    patterns: dict[str, re.Pattern[str]]  # CJK: any keyword inside a word, one regex per language


@lru_cache(maxsize=1)
def axis_rules() -> dict[str, AxisRule]:
    raw = yaml.safe_load((resources.files("glocal") / "data" / "taxonomy" / "axes.yaml").read_text("utf-8"))
    rules = {}
    for axis in AXES:
        entry = raw["axes"][axis]
        keywords = {lang: frozenset(str(w).lower() for w in words) for lang, words in entry["keywords"].items()}
        patterns = {
            lang: re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
            for lang, words in keywords.items() if lang in CJK_LANGUAGES and words
        }
        rules[axis] = AxisRule({k: float(v) for k, v in entry["domains"].items()}, keywords, patterns)
    return rules


@lru_cache(maxsize=200_000)
def _word_hits(word: str, language: str) -> tuple[int, ...]:
    """1/0 per axis: does this word carry one of the axis keywords? (cached: words repeat a lot)"""
    lowered = word.lower()
    hits = []
    for rule in axis_rules().values():
        pattern = rule.patterns.get(language)
        if pattern is not None:
            hits.append(1 if pattern.search(lowered) else 0)
        else:
            hits.append(1 if lowered in rule.keywords.get(language, frozenset()) else 0)
    return tuple(hits)


def document_axes(words: Sequence[str], language: str, domains: Sequence[str]) -> dict[str, float]:
    """Share of each axis for one document (sums to 1; all zeros when nothing matched)."""
    keyword_hits = [0] * len(AXES)
    for word in words:
        for index, hit in enumerate(_word_hits(word, language)):
            keyword_hits[index] += hit
    scores = {}
    for index, (axis, rule) in enumerate(axis_rules().items()):
        scores[axis] = sum(rule.domains.get(domain, 0.0) for domain in domains) + 0.5 * keyword_hits[index]
    total = sum(scores.values())
    return {axis: (s / total if total else 0.0) for axis, s in scores.items()}


def mean_axes(profiles: Iterable[dict[str, float]]) -> dict[str, float]:
    """Axis balance of a set of documents: the mean of their profiles, renormalised."""
    sums = dict.fromkeys(AXES, 0.0)
    for profile in profiles:
        for axis in AXES:
            sums[axis] += profile.get(axis, 0.0)
    total = sum(sums.values())
    return {axis: round(v / total, 4) if total else 0.0 for axis, v in sums.items()}
