"""Grouping unit feature vectors into topics: deterministic, bounded in memory, few outliers.

Average-linkage agglomerative clustering with a cosine threshold decides the number of topics from
the data (no k to guess). Its cost is quadratic, so beyond ``max_direct`` documents a seeded
mini-batch k-means first condenses the documents into at most ``max_direct`` micro-clusters and
the linkage runs on their centroids. Groups smaller than ``min_size`` are dissolved and their
documents join the nearest topic when similar enough; the rest are outliers (label -1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans

from glocal.analysis.embeddings import normalise

OUTLIER = -1
MICRO_CLUSTER_DOCUMENTS = 8  # documents per micro-cluster, on average


@dataclass(frozen=True)
class ClusterParams:
    similarity: float = 0.35  # average cosine similarity inside a topic
    min_size: int = 3
    assign_similarity: float = 0.15  # a left-over document joins its nearest topic above this
    max_direct: int = 3000  # up to this many documents the linkage runs on the documents themselves
    max_micro: int = 2000  # beyond, on at most this many micro-clusters
    seed: int = 42


def _linkage(points: np.ndarray, similarity: float) -> np.ndarray:
    if len(points) == 1:
        return np.zeros(1, dtype=int)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - similarity
    )
    return model.fit_predict(points)


def _condense(features: np.ndarray, params: ClusterParams) -> tuple[np.ndarray, np.ndarray]:
    """(micro-cluster of each document, unit micro-centroids)."""
    k = min(params.max_micro, max(2, len(features) // MICRO_CLUSTER_DOCUMENTS))
    # random initialisation: k-means++ over thousands of centres takes minutes and micro-clusters
    # only need to be tight, not optimal (the linkage above them decides the topics)
    kmeans = MiniBatchKMeans(
        n_clusters=k, init="random", random_state=params.seed, batch_size=4096, n_init=1, max_iter=30,
        reassignment_ratio=0.0,
    )
    micro = kmeans.fit_predict(features)
    return micro, normalise(kmeans.cluster_centers_.astype(np.float32))


def centroids_of(features: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted topic labels ≥ 0, unit centroid per label)."""
    topics = np.array(sorted(set(labels.tolist()) - {OUTLIER}), dtype=int)
    if len(topics) == 0:
        return topics, np.zeros((0, features.shape[1]), dtype=np.float32)
    sums = np.zeros((int(topics.max()) + 1, features.shape[1]), dtype=np.float64)
    np.add.at(sums, labels[labels != OUTLIER], features[labels != OUTLIER])
    return topics, normalise(sums[topics].astype(np.float32))


def nearest(features: np.ndarray, centroids: np.ndarray, batch: int = 8192) -> tuple[np.ndarray, np.ndarray]:
    """Index of and similarity to the nearest centroid, for every row (in batches: bounded memory)."""
    if len(centroids) == 0:
        return np.full(len(features), OUTLIER), np.zeros(len(features), dtype=np.float32)
    index = np.empty(len(features), dtype=int)
    best = np.empty(len(features), dtype=np.float32)
    for start in range(0, len(features), batch):
        sims = features[start : start + batch] @ centroids.T
        index[start : start + batch] = sims.argmax(axis=1)
        best[start : start + batch] = sims.max(axis=1)
    return index, best


def canonical_labels(labels: np.ndarray) -> np.ndarray:
    """Relabel 0..k-1 by size (largest first), ties by first member: the same grouping, the same labels."""
    order: dict[int, tuple[int, int]] = {}
    sizes = np.bincount(labels[labels != OUTLIER]) if (labels != OUTLIER).any() else np.array([])
    for position, label in enumerate(labels.tolist()):
        if label != OUTLIER and label not in order:
            order[label] = (-int(sizes[label]), position)
    mapping = {label: new for new, label in enumerate(sorted(order, key=order.__getitem__))}
    return np.array([mapping.get(label, OUTLIER) for label in labels.tolist()], dtype=int)


def cluster(features: np.ndarray, params: ClusterParams) -> np.ndarray:
    """Topic label per row (``OUTLIER`` for documents that fit no topic)."""
    n = len(features)
    if n == 0:
        return np.zeros(0, dtype=int)
    if n <= params.max_direct:
        labels = _linkage(features, params.similarity)
    else:
        micro, micro_centroids = _condense(features, params)
        labels = _linkage(micro_centroids, params.similarity)[micro]
    return canonical_labels(absorb_small(features, labels, params))


def absorb_small(features: np.ndarray, labels: np.ndarray, params: ClusterParams) -> np.ndarray:
    """Groups below ``min_size`` join their nearest topic as a whole (a story's pair of reports
    stays together), when their centroid is close enough; otherwise they become outliers."""
    sizes = np.bincount(labels)
    small = sizes[labels] < params.min_size
    result = np.where(small, OUTLIER, labels)
    if not small.any() or small.all():
        return result
    topics, centroids = centroids_of(features, result)
    small_labels, small_centroids = centroids_of(features, np.where(small, labels, OUTLIER))
    index, best = nearest(small_centroids, centroids)
    for label, i, sim in zip(small_labels.tolist(), index.tolist(), best.tolist(), strict=True):
        if sim >= params.assign_similarity:
            result[labels == label] = topics[i]
    return result


def reassign(features: np.ndarray, labels: np.ndarray, min_similarity: float) -> np.ndarray:
    """Outliers join their nearest topic when at least ``min_similarity`` close to its centroid."""
    loose = labels == OUTLIER
    if not loose.any() or loose.all():
        return labels
    topics, centroids = centroids_of(features, labels)
    index, best = nearest(features[loose], centroids)
    joined = np.where(best >= min_similarity, topics[index], OUTLIER)
    result = labels.copy()
    result[loose] = joined
    return result
