"""Topic features: the actor profile weighs by its evidence; keywords count documents, not tokens."""

from __future__ import annotations

import numpy as np
import pytest

from glocal.analysis.features import FeatureState, actor_shares, fit_state, transform
from glocal.analysis.keywords import class_tfidf


def _orthogonal_pair(dims: int = 512) -> np.ndarray:
    vectors = np.zeros((2, dims), dtype=np.float32)
    vectors[0, 0] = vectors[1, 1] = 1.0
    return vectors


def _similarity(actors: list[list[str]], evidence: float) -> float:
    vectors = _orthogonal_pair()
    # fitted on a larger corpus so the language mean does not make the two texts similar or opposed
    background = np.random.default_rng(0).normal(size=(50, 512)).astype(np.float32)
    background /= np.linalg.norm(background, axis=1, keepdims=True)
    state = fit_state(
        np.vstack([vectors, background]), ["en"] * 52, actors + [["org:other"]] * 50, 0.5, actor_evidence=evidence
    )
    state.language_means = {}  # keep the texts exactly orthogonal
    features = transform(vectors, ["en", "en"], actors, state)
    return float(features[0] @ features[1])


def test_actor_share_grows_with_distinct_actors_up_to_the_weight():
    state = FeatureState(actor_weight=0.5, actor_evidence=8.0)
    shares = actor_shares([[], ["city:a"], ["city:a", "city:a", "KR"], [f"org:{i}" for i in range(8)],
                           [f"org:{i}" for i in range(20)]], state)
    assert shares.tolist() == pytest.approx([0.0, 0.0625, 0.0625, 0.5, 0.5])


def test_a_shared_dateline_city_alone_does_not_make_unrelated_reports_similar():
    one_city = [["city:toronto-ca"], ["city:toronto-ca"]]
    assert _similarity(one_city, evidence=1.0) == pytest.approx(0.5, abs=0.01)  # the old behaviour
    assert _similarity(one_city, evidence=8.0) < 0.1


def test_reports_naming_the_same_many_actors_stay_close_whatever_their_text():
    many = [f"org:{i}" for i in range(8)]
    assert _similarity([many, many], evidence=8.0) == pytest.approx(0.5, abs=0.01)


def test_a_state_saved_before_the_evidence_ramp_keeps_its_full_weight_behaviour():
    saved = FeatureState(actor_weight=0.5, actor_evidence=8.0).to_json()
    assert FeatureState.from_json(saved).actor_evidence == 8.0
    del saved["actor_evidence"]
    assert FeatureState.from_json(saved).actor_evidence == 1.0


def test_keywords_prefer_a_word_several_reports_share_over_one_report_repeating_a_name():
    tokens = [
        ["suisse"] * 12 + ["bank", "merger"],
        ["bank", "merger", "shares"],
        ["bank", "merger", "profit"],
        ["festival", "music"],
        ["festival", "film"],
    ]
    keywords = class_tfidf(tokens, ["en"] * 5, [0, 0, 0, 1, 1])
    assert keywords[0]["en"][:2] == ["bank", "merger"]
    assert "suisse" not in keywords[0]["en"]  # used by one document of three
    assert keywords[1]["en"] == ["festival"]
