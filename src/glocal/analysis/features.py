"""Topic features: a language-neutral view of each document.

Two observations, measured on the demo corpus (docs/topics.md), shape this:

- Multilingual sentence embeddings carry the language itself: two Korean articles on different
  stories are often closer than a Korean and an English article on the same story. Subtracting
  each language's mean vector removes most of that offset (cross-language story groups kept in
  one cluster: 40/58 → 46/58 at the same threshold).
- Canonical actors (Meguro, Vietnam, K-City Network) are language-independent by construction,
  so an IDF-weighted actor profile, hashed into a fixed number of dimensions, pulls the reports
  of one story together whatever their language (→ 54/58).
- A profile built from one or two actors is mostly noise: a wire story's dateline city ("TORONTO
  (Reuters) -") or a lone country name would make unrelated reports half-similar, and a document
  naming no actor at all would sit apart from every document that names some. So a document's
  actor share grows with its evidence: ``actor_weight × min(1, distinct actors / actor_evidence)``.
  With ``actor_evidence`` 8 the demo reports (a median of 5–6 actors) keep most of their share
  (story groups in one topic 54/58 → 55/58) and sparse single-place news leans on its text
  (docs/benchmarks.md, AG News).

The state (language means, actor IDF) is fitted once and reused for incremental runs, so new
documents land in the same space as the ones already clustered.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from glocal.analysis.embeddings import normalise

ACTOR_DIMS = 256
MIN_LANGUAGE_DOCUMENTS = 5  # fewer documents give no reliable language mean: use the overall one
# Actors so common they say nothing about the story (every document is Korean news).
IGNORED_ACTORS = frozenset({"KR"})
DEFAULT_ACTOR_EVIDENCE = 8.0  # distinct actors at which the actor profile reaches its full weight
# States saved before the evidence ramp existed were fitted with full weight from the first actor.
LEGACY_ACTOR_EVIDENCE = 1.0


@dataclass
class FeatureState:
    """Fitted parameters of the feature map; JSON-serialisable via ``to_json``."""

    language_means: dict[str, list[float]] = field(default_factory=dict)
    actor_idf: dict[str, float] = field(default_factory=dict)
    default_idf: float = 1.0
    actor_weight: float = 0.5
    actor_evidence: float = DEFAULT_ACTOR_EVIDENCE

    def to_json(self) -> dict:
        return {
            "language_means": {k: [round(x, 6) for x in v] for k, v in self.language_means.items()},
            "actor_idf": {k: round(v, 4) for k, v in self.actor_idf.items()},
            "default_idf": self.default_idf,
            "actor_weight": self.actor_weight,
            "actor_evidence": self.actor_evidence,
        }

    @classmethod
    def from_json(cls, data: dict) -> FeatureState:
        return cls(
            language_means=data.get("language_means", {}),
            actor_idf=data.get("actor_idf", {}),
            default_idf=float(data.get("default_idf", 1.0)),
            actor_weight=float(data.get("actor_weight", 0.5)),
            actor_evidence=float(data.get("actor_evidence", LEGACY_ACTOR_EVIDENCE)),
        )


def fit_state(
    vectors: np.ndarray,
    languages: Sequence[str],
    actors: Sequence[Sequence[str]],
    actor_weight: float,
    actor_evidence: float = DEFAULT_ACTOR_EVIDENCE,
) -> FeatureState:
    languages_arr = np.asarray(languages)
    overall = vectors.mean(axis=0)
    means = {}
    for language in sorted(set(languages)):
        rows = vectors[languages_arr == language]
        mean = rows.mean(axis=0) if len(rows) >= MIN_LANGUAGE_DOCUMENTS else overall
        means[language] = mean.astype(float).tolist()
    document_frequency: Counter[str] = Counter()
    for keys in actors:
        document_frequency.update(set(keys) - IGNORED_ACTORS)
    n = max(len(actors), 1)
    idf = {key: math.log((1 + n) / (1 + df)) + 1.0 for key, df in document_frequency.items()}
    return FeatureState(means, idf, math.log(1 + n) + 1.0, actor_weight, actor_evidence)


def _actor_block(actors: Sequence[Sequence[str]], state: FeatureState) -> np.ndarray:
    block = np.zeros((len(actors), ACTOR_DIMS), dtype=np.float32)
    for row, keys in enumerate(actors):
        for key, count in Counter(keys).items():
            if key in IGNORED_ACTORS:
                continue
            slot = zlib.crc32(key.encode("utf-8"))
            sign = 1.0 if slot & 1 else -1.0
            weight = (1.0 + math.log(count)) * state.actor_idf.get(key, state.default_idf)
            block[row, (slot >> 1) % ACTOR_DIMS] += sign * weight
    return normalise(block) if len(block) else block


def actor_shares(actors: Sequence[Sequence[str]], state: FeatureState) -> np.ndarray:
    """Share of the actor profile in each document's features: grows with its distinct actors."""
    distinct = np.array([len(set(keys) - IGNORED_ACTORS) for keys in actors], dtype=np.float32)
    evidence = max(state.actor_evidence, 1.0)
    return (state.actor_weight * np.minimum(1.0, distinct / evidence)).astype(np.float32)


def transform(
    vectors: np.ndarray, languages: Sequence[str], actors: Sequence[Sequence[str]], state: FeatureState
) -> np.ndarray:
    """Unit feature vectors: language-centred embedding ⊕ actor profile, weighted per document."""
    centred = np.array(vectors, dtype=np.float32, copy=True)
    for row, language in enumerate(languages):
        mean = state.language_means.get(language)
        if mean is not None:
            centred[row] -= np.asarray(mean, dtype=np.float32)
    centred = normalise(centred)
    w = actor_shares(actors, state)[:, None]
    combined = np.hstack([np.sqrt(1 - w) * centred, np.sqrt(w) * _actor_block(actors, state)])
    return normalise(combined)
