"""Topic keywords per language by class-based TF-IDF over language-aware tokens.

All documents of one topic and one language form a class; a term weighs more the more documents of
that class use it and the rarer it is across the classes of the same language
(w = df(term, class) / Σ df(·, class) · log(1 + mean per class of Σ df / df(term) over all classes)),
counting only terms used by at least two documents of the class (when it has two).

The term frequency is a document count, not a token count: a name repeated ten times in one report
would otherwise outrank the words the topic's reports share, and top words drawn from different
reports of a mixed topic rarely occur together (on AG News, NPMI of the top-10 words 0.13 → 0.20 on
the half used for development, docs/benchmarks.md).
Tokens come from the understanding stage (Kiwi nouns, Sudachi content words, English lemmas), so
Korean particles and Japanese inflections never surface as keywords.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

KEYWORDS_PER_LANGUAGE = 10
LABEL_WORDS = 3
MIN_TERM_DOCUMENTS = 2


def class_tfidf(
    tokens: Sequence[Sequence[str]], languages: Sequence[str], labels: Sequence[int], top: int = KEYWORDS_PER_LANGUAGE
) -> dict[int, dict[str, list[str]]]:
    """``{topic: {language: [keywords, best first]}}``; ties are broken alphabetically."""
    counts: dict[str, dict[int, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))  # documents per term
    members: dict[str, Counter[int]] = defaultdict(Counter)
    for words, language, label in zip(tokens, languages, labels, strict=True):
        if label >= 0 and words:
            counts[language][label].update(set(words))
            members[language][label] += 1
    result: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for language, by_topic in counts.items():
        frequency: Counter[str] = Counter()
        for counter in by_topic.values():
            frequency.update(counter)
        mean_words = sum(frequency.values()) / max(len(by_topic), 1)
        for label, counter in by_topic.items():
            total = sum(counter.values())
            # a keyword describes the topic, not one of its documents: with several documents in
            # the class, a term must occur in at least two of them
            min_documents = min(MIN_TERM_DOCUMENTS, members[language][label])
            every = [(term, count, (count / total) * np.log(1.0 + mean_words / frequency[term])) for term, count in counter.items()]
            scored = [(term, w) for term, count, w in every if count >= min_documents] or [(term, w) for term, _, w in every]
            scored.sort(key=lambda item: (-item[1], item[0]))
            result[label][language] = [term for term, _ in scored[:top]]
    return dict(result)


def label_for(keywords: dict[str, list[str]], language_sizes: dict[str, int]) -> str:
    """A short label: the leading keywords of the topic's largest language (English on ties)."""
    if not keywords:
        return ""
    ranked = sorted(keywords, key=lambda lang: (-language_sizes.get(lang, 0), lang != "en", lang))
    return " · ".join(keywords[ranked[0]][:LABEL_WORDS])
