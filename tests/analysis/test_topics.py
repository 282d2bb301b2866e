"""The topic stage on synthetic vectors: cross-language grouping, determinism, identity, increments."""

from __future__ import annotations

import numpy as np

from glocal.analysis.centrality import topic_centrality
from glocal.analysis.clustering import ClusterParams
from glocal.analysis.keywords import class_tfidf
from glocal.analysis.topics import PreviousTopic, TopicDoc, TopicParams, fit_topics, update_topics

LANGUAGES = ("ko", "ja", "en")


def synthetic(n_stories=6, per_story=6, seed=0, start_id=1):
    """Stories reported in three languages: a story direction plus a strong per-language offset."""
    rng = np.random.default_rng(seed)
    offsets = {lang: rng.normal(size=512) * 1.2 for lang in LANGUAGES}
    docs, truth = [], {}
    doc_id = start_id
    for story in range(n_stories):
        centre = rng.normal(size=512)
        for k in range(per_story):
            language = LANGUAGES[k % 3]
            vector = centre + offsets[language] + rng.normal(size=512) * 0.6
            vector /= np.linalg.norm(vector)
            tokens = [f"{language}-story{story}-w{j}" for j in range(3)] + [f"{language}-common"]
            docs.append(TopicDoc(doc_id, language, vector.astype(np.float32), [f"city:{story}", "KR"], tokens))
            truth[doc_id] = story
            doc_id += 1
    return docs, truth


def grouping(model):
    return {frozenset(t.members) for t in model.topics}


def test_reports_of_one_story_in_three_languages_share_a_topic():
    docs, truth = synthetic()
    model = fit_topics(docs, TopicParams())
    assigned = model.assigned
    for story in set(truth.values()):
        members = [d for d, s in truth.items() if s == story]
        assert len({assigned.get(d) for d in members}) == 1, f"story {story} split across topics"
    assert len(model.topics) == 6 and not model.outliers
    topic = model.topics[0]
    assert set(topic.keywords) == set(LANGUAGES)  # keywords per language
    assert all(word.startswith(lang) for lang, words in topic.keywords.items() for word in words)
    assert topic.label and topic.representative_ids[0] in topic.members


def test_fit_is_deterministic_and_keeps_keys_of_topics_that_carry_over():
    docs, _ = synthetic()
    first, second = fit_topics(docs, TopicParams()), fit_topics(docs, TopicParams())
    assert [t.key for t in first.topics] == [t.key for t in second.topics]
    previous = [PreviousTopic(f"kept-{i}", set(t.members)) for i, t in enumerate(first.topics)]
    refit = fit_topics(docs, TopicParams(), previous)
    assert sorted(t.key for t in refit.topics) == sorted(p.key for p in previous)


def test_update_places_new_reports_and_opens_a_topic_for_a_new_story():
    docs, truth = synthetic(n_stories=4, per_story=6, seed=1)
    model = fit_topics(docs[:-6], TopicParams())  # the fourth story is not known yet
    keys = [t.key for t in model.topics]
    centroids = np.vstack([t.centroid for t in model.topics])
    update = update_topics(docs[-6:], keys, centroids, model.state, TopicParams())
    assert not update.joined and len(update.new_topics) == 1
    assert set(update.new_topics[0].members) == {d.document_id for d in docs[-6:]}
    again, _ = synthetic(n_stories=4, per_story=6, seed=1, start_id=100)  # same stories, new reports
    placed = update_topics(again[:6], keys, centroids, model.state, TopicParams())
    assert len(placed.joined) == 1 and len(next(iter(placed.joined.values()))) == 6


def test_small_groups_join_a_topic_or_stay_outliers():
    docs, _ = synthetic(n_stories=3, per_story=6, seed=2)
    lonely = np.random.default_rng(9).normal(size=512)
    docs.append(TopicDoc(999, "en", (lonely / np.linalg.norm(lonely)).astype(np.float32), [], ["noise"]))
    model = fit_topics(docs, TopicParams(cluster=ClusterParams(assign_similarity=0.9)))
    assert model.outliers == [999]


def test_class_tfidf_prefers_words_specific_to_a_topic():
    tokens = [["rail", "agreement"], ["rail", "agreement"], ["festival", "agreement"]]
    keywords = class_tfidf(tokens, ["en"] * 3, [0, 0, 1])
    assert keywords[0]["en"][0] == "rail" and keywords[1]["en"][0] == "festival"


def test_centrality_is_one_for_the_hub_and_zero_when_isolated():
    scores = topic_centrality({"hub": {"a", "b", "c"}, "left": {"a"}, "right": {"b"}, "alone": {"z"}})
    assert scores["hub"] == 1.0 and scores["alone"] == 0.0 and 0 < scores["left"] < 1
