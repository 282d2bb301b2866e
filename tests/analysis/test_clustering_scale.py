"""Beyond the direct-linkage size the clustering condenses into micro-clusters first."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import adjusted_rand_score

from glocal.analysis.clustering import ClusterParams, cluster


def test_condensed_clustering_recovers_groups_and_is_deterministic():
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(12, 64))
    truth = rng.integers(0, 12, 1200)
    points = centres[truth] + rng.normal(size=(1200, 64)) * 0.8
    points = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    params = ClusterParams(max_direct=300, max_micro=150)  # force the micro-cluster path
    labels = cluster(points, params)
    assert adjusted_rand_score(truth, labels) > 0.95
    assert (labels == cluster(points, params)).all()
