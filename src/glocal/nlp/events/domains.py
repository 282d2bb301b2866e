"""Domain of a sentence or document from per-language keyword lexicons.

Keywords and weights are data (glocal/data/events/domains.yaml). The score of a domain is the sum
of the weights of its keywords found in the text; the best score wins, ties go to the more
specific domain (the file's `priority` order); no keyword gives "other".
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from glocal.nlp.events.lexicon import DOMAINS, TermMatcher, check, load_data


@lru_cache(maxsize=1)
def _priority() -> dict[str, int]:
    data = load_data("domains.yaml")
    order = data.get("priority", [])
    check(set(order) == set(DOMAINS) - {"other"}, "domains.yaml", "priority must list every domain except other")
    check(set(data.get("domains", {})) <= set(DOMAINS), "domains.yaml", f"unknown domain; known: {DOMAINS}")
    return {name: i for i, name in enumerate(order)}


@lru_cache(maxsize=None)
def _matcher(language: str) -> TermMatcher:
    _priority()
    entries = []
    for domain, per_language in load_data("domains.yaml")["domains"].items():
        for keyword in per_language.get(language) or []:
            term, _, weight = str(keyword).partition("|")
            check(not weight or weight.replace(".", "", 1).isdigit(), "domains.yaml", f"bad weight in {keyword!r}")
            entries.append((term.strip(), (domain, float(weight or 1))))
    return TermMatcher(entries, language, verbs=False)


def domain_scores(text: str, language: str) -> dict[str, float]:
    """Keyword score per domain (only domains with at least one keyword)."""
    scores: dict[str, float] = defaultdict(float)
    for hit in _matcher(language).find(text):
        for domain, weight in hit.tags:
            scores[domain] += weight
    return dict(scores)


def classify_domain(text: str, language: str) -> str:
    """The domain of ``text``: best keyword score, specific domains first on ties, else "other"."""
    scores = domain_scores(text, language)
    if not scores:
        return "other"
    priority = _priority()
    return min(scores, key=lambda d: (-scores[d], priority.get(d, len(priority))))
