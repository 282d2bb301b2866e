"""Topic centrality: how connected a topic is to the rest of the period's agenda.

Graph: one node per topic with documents in the period; an edge between two topics weighs the
Jaccard overlap of the canonical actors their documents mention in that period. Centrality is the
eigenvector centrality of that weighted graph (power iteration), scaled so that the most central
topic of the period scores 1 and an isolated topic 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def overlap_matrix(feature_sets: Sequence[frozenset[str] | set[str]]) -> np.ndarray:
    """Pairwise Jaccard overlap of the sets (zero diagonal)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, features in enumerate(feature_sets):
        for feature in features:
            rows.append(row)
            cols.append(vocabulary.setdefault(feature, len(vocabulary)))
    n = len(feature_sets)
    if not vocabulary:
        return np.zeros((n, n))
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocabulary)))
    intersection = (incidence @ incidence.T).toarray()
    sizes = np.asarray(incidence.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - intersection
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, intersection / union, 0.0)
    np.fill_diagonal(jaccard, 0.0)
    return jaccard


def eigenvector_centrality(weights: np.ndarray, iterations: int = 200, tolerance: float = 1e-9) -> np.ndarray:
    """Scaled to max 1; zeros for a graph without edges."""
    n = len(weights)
    if n == 0 or not weights.any():
        return np.zeros(n)
    vector = np.ones(n) / n
    shifted = weights + np.eye(n)  # the shift makes power iteration converge on bipartite parts too
    for _ in range(iterations):
        following = shifted @ vector
        following /= np.linalg.norm(following)
        if np.abs(following - vector).max() < tolerance:
            vector = following
            break
        vector = following
    isolated = weights.sum(axis=1) == 0
    vector = np.where(isolated, 0.0, vector)
    top = vector.max()
    return vector / top if top > 0 else vector


def topic_centrality(feature_sets: dict[str, set[str]]) -> dict[str, float]:
    keys = sorted(feature_sets)
    scores = eigenvector_centrality(overlap_matrix([feature_sets[k] for k in keys]))
    return {key: round(float(score), 4) for key, score in zip(keys, scores, strict=True)}
