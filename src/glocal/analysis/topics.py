"""Topics across languages: fit from scratch, or update incrementally keeping topic identity.

Pure functions over ``TopicDoc`` records (no database), so the benchmark can run the exact stage
the product runs. ``fit_topics`` clusters everything and then re-uses the key of every previous
topic whose membership it mostly keeps; ``update_topics`` adds new documents to the nearest
existing topic and opens new topics only where enough new (or previously unassigned) documents
agree. Both are deterministic for a given input order, parameters and seed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from glocal.analysis import clustering
from glocal.analysis.axes import mean_axes
from glocal.analysis.clustering import OUTLIER, ClusterParams
from glocal.analysis.features import DEFAULT_ACTOR_EVIDENCE, FeatureState, fit_state, transform
from glocal.analysis.keywords import class_tfidf, label_for

REPRESENTATIVES = 3
REUSE_OVERLAP = 0.3  # Jaccard overlap with a previous topic above which its key is kept


@dataclass
class TopicDoc:
    document_id: int
    language: str
    vector: np.ndarray  # unit document embedding
    actors: list[str]
    tokens: list[str]
    domains: list[str] = field(default_factory=list)
    axes: dict[str, float] = field(default_factory=dict)


@dataclass
class TopicParams:
    cluster: ClusterParams = field(default_factory=ClusterParams)
    actor_weight: float = 0.5
    actor_evidence: float = DEFAULT_ACTOR_EVIDENCE
    parent_similarity: float = 0.2


@dataclass
class FittedTopic:
    key: str
    label: str
    keywords: dict[str, list[str]]
    members: list[int]  # document ids
    probabilities: list[float]
    centroid: np.ndarray
    axes: dict[str, float]
    domains: dict[str, float]
    representative_ids: list[int]
    parent_key: str | None = None


@dataclass
class TopicModel:
    topics: list[FittedTopic]
    parents: list[FittedTopic]
    outliers: list[int]
    state: FeatureState

    @property
    def assigned(self) -> dict[int, str]:
        return {doc_id: t.key for t in self.topics for doc_id in t.members}


@dataclass
class PreviousTopic:
    key: str
    members: set[int]
    centroid: np.ndarray | None = None


def _key(prefix: str, members: Sequence[int]) -> str:
    digest = hashlib.sha1(",".join(map(str, sorted(members))).encode()).hexdigest()
    return f"{prefix}{digest[:11]}"


def _share(values: Sequence[str]) -> dict[str, float]:
    counts = Counter(values)
    total = sum(counts.values())
    return {k: round(v / total, 4) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))} if total else {}


def _describe(docs: Sequence[TopicDoc], features: np.ndarray, labels: np.ndarray, keys: dict[int, str]) -> list[FittedTopic]:
    labels_sorted, centroids = clustering.centroids_of(features, labels)
    keywords = class_tfidf([d.tokens for d in docs], [d.language for d in docs], labels.tolist())
    topics = []
    for label, centroid in zip(labels_sorted.tolist(), centroids, strict=True):
        rows = np.flatnonzero(labels == label)
        sims = features[rows] @ centroid
        order = np.lexsort((rows, -sims))  # most typical first; ties by input order
        members = [docs[i].document_id for i in rows]
        languages = Counter(docs[i].language for i in rows)
        topic_keywords = keywords.get(label, {})
        topics.append(
            FittedTopic(
                key=keys[label],
                label=label_for(topic_keywords, dict(languages)),
                keywords=topic_keywords,
                members=members,
                probabilities=[round(float(max(0.0, s)), 4) for s in sims],
                centroid=centroid,
                axes=mean_axes(docs[i].axes for i in rows),
                domains=_share([dom for i in rows for dom in docs[i].domains if dom != "other"]),
                representative_ids=[docs[rows[j]].document_id for j in order[:REPRESENTATIVES]],
            )
        )
    return topics


def _inherit_keys(docs: Sequence[TopicDoc], labels: np.ndarray, previous: Sequence[PreviousTopic]) -> dict[int, str]:
    """Key per label: a previous topic's key when most of its membership carries over, else a new one."""
    groups = {
        label: {docs[i].document_id for i in np.flatnonzero(labels == label)} for label in sorted(set(labels.tolist()) - {OUTLIER})
    }
    candidates = []
    for label, members in groups.items():
        for prev in previous:
            overlap = len(members & prev.members)
            if overlap:
                jaccard = overlap / len(members | prev.members)
                if jaccard >= REUSE_OVERLAP:
                    candidates.append((-jaccard, label, prev.key))
    keys: dict[int, str] = {}
    used: set[str] = set()
    for _, label, key in sorted(candidates):
        if label not in keys and key not in used:
            keys[label] = key
            used.add(key)
    for label, members in groups.items():
        keys.setdefault(label, _key("t", list(members)))
    return keys


def _parents(topics: list[FittedTopic], params: TopicParams) -> list[FittedTopic]:
    """Second level of the hierarchy: themes grouping topics whose centroids are close."""
    if len(topics) < 2:
        return []
    centroids = np.vstack([t.centroid for t in topics])
    labels = clustering._linkage(centroids, params.parent_similarity)
    parents = []
    for label in sorted(set(labels.tolist())):
        children = [topics[i] for i in np.flatnonzero(labels == label)]
        if len(children) < 2:
            continue
        members = [m for child in children for m in child.members]
        key = _key("p", members)
        for child in children:
            child.parent_key = key
        centroid = clustering.normalise(np.sum([c.centroid * len(c.members) for c in children], axis=0)[None, :])[0]
        biggest = max(children, key=lambda c: (len(c.members), c.key))
        parents.append(
            FittedTopic(
                key=key, label=biggest.label, keywords=biggest.keywords, members=members,
                probabilities=[1.0] * len(members), centroid=centroid,
                axes=mean_axes(c.axes for c in children for _ in c.members),
                domains=biggest.domains, representative_ids=biggest.representative_ids,
            )
        )
    return parents


def fit_topics(
    docs: Sequence[TopicDoc], params: TopicParams, previous: Sequence[PreviousTopic] = ()
) -> TopicModel:
    """Cluster all documents into topics; keep the keys of previous topics that carry over."""
    if not docs:
        return TopicModel([], [], [], FeatureState(actor_weight=params.actor_weight, actor_evidence=params.actor_evidence))
    vectors = np.vstack([d.vector for d in docs]).astype(np.float32)
    state = fit_state(vectors, [d.language for d in docs], [d.actors for d in docs], params.actor_weight, params.actor_evidence)
    features = transform(vectors, [d.language for d in docs], [d.actors for d in docs], state)
    labels = clustering.cluster(features, params.cluster)
    keys = _inherit_keys(docs, labels, previous)
    topics = _describe(docs, features, labels, keys)
    outliers = [docs[i].document_id for i in np.flatnonzero(labels == OUTLIER)]
    return TopicModel(topics, _parents(topics, params), outliers, state)


def features_for(docs: Sequence[TopicDoc], state: FeatureState) -> np.ndarray:
    vectors = np.vstack([d.vector for d in docs]).astype(np.float32)
    return transform(vectors, [d.language for d in docs], [d.actors for d in docs], state)


@dataclass
class TopicUpdate:
    joined: dict[str, list[tuple[int, float]]]  # existing topic key → [(document id, similarity)]
    new_topics: list[FittedTopic]
    outliers: list[int]


def update_topics(
    new_docs: Sequence[TopicDoc],
    topic_keys: Sequence[str],
    centroids: np.ndarray,
    state: FeatureState,
    params: TopicParams,
) -> TopicUpdate:
    """Place new documents: nearest existing topic when close enough, else new topics among themselves."""
    if not new_docs:
        return TopicUpdate({}, [], [])
    features = features_for(new_docs, state)
    index, best = clustering.nearest(features, centroids)
    joined: dict[str, list[tuple[int, float]]] = {}
    threshold = params.cluster.similarity
    leftover = []
    for row, (i, sim) in enumerate(zip(index.tolist(), best.tolist(), strict=True)):
        if i != OUTLIER and sim >= threshold:
            joined.setdefault(topic_keys[i], []).append((new_docs[row].document_id, round(float(sim), 4)))
        else:
            leftover.append(row)
    new_topics: list[FittedTopic] = []
    outliers: list[int] = []
    if leftover:
        sub_docs = [new_docs[r] for r in leftover]
        sub_features = features[leftover]
        strict = ClusterParams(params.cluster.similarity, params.cluster.min_size, 1.1, params.cluster.max_direct, params.cluster.seed)
        labels = clustering.cluster(sub_features, strict)  # no loose reassignment among newcomers
        keys = {label: _key("t", [sub_docs[i].document_id for i in np.flatnonzero(labels == label)]) for label in set(labels.tolist()) - {OUTLIER}}
        new_topics = _describe(sub_docs, sub_features, labels, keys)
        for row, label in zip(leftover, labels.tolist(), strict=True):
            if label == OUTLIER:
                i, sim = index[row], best[row]
                if i != OUTLIER and sim >= params.cluster.assign_similarity:
                    joined.setdefault(topic_keys[i], []).append((new_docs[row].document_id, round(float(sim), 4)))
                else:
                    outliers.append(new_docs[row].document_id)
    return TopicUpdate(joined, new_topics, outliers)
