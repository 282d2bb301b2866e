"""Periods and the Trust Index components on hand-made facts."""

from __future__ import annotations

from datetime import date

import pytest

from glocal.analysis.facts import DocFact, EventFact
from glocal.analysis.trust import combine, consistency_component, follow_through_component, tone_component, trust_index
from glocal.periods import bounds, parse, period_of, previous

WEIGHTS = {"tone": 0.3, "consistency": 0.2, "follow_through": 0.2, "continuity": 0.15, "breadth": 0.15}


def doc(i, tone, outlet, group=None, credibility=1.0, day=date(2025, 10, 5)):
    return DocFact(i, day, "ko", tone, credibility, outlet, group, None, frozenset(), frozenset())


def event(i, type_, day, countries=("VN",), partners=()):
    return EventFact(i, type_, day, "smart_city", frozenset(countries) | {"KR"}, frozenset(partners), frozenset(partners), (i,))


def test_period_keys_bounds_and_previous():
    assert period_of(date(2025, 10, 20), "quarter") == "2025-Q4"
    assert bounds("2025-Q4") == (date(2025, 10, 1), date(2026, 1, 1))
    assert bounds("2025-12") == (date(2025, 12, 1), date(2026, 1, 1))
    assert previous("2025-01") == "2024-12" and previous("2025-Q1") == "2024-Q4" and previous("2025") == "2024"
    with pytest.raises(ValueError, match="not a period"):
        parse("2025-13")


def test_tone_is_weighted_by_source_credibility():
    docs = [doc(1, 1.0, "ministry", credibility=0.9), doc(2, -1.0, "blog", credibility=0.1)]
    assert tone_component(docs) == pytest.approx((0.8 + 1) / 2)
    assert tone_component([doc(3, None, "x")]) is None


def test_consistency_counts_a_near_duplicate_group_once_and_needs_two_sources():
    agreeing = [doc(1, 0.5, "a"), doc(2, 0.5, "b")]
    assert consistency_component(agreeing) == 1.0
    # the reprint in group 7 (outlet c, tone -1) is the same story as document 3 and is not a second voice
    reprinted = [doc(3, 0.5, "a", group=7), doc(4, -1.0, "c", group=7)]
    assert consistency_component(reprinted) is None
    split = [doc(5, 1.0, "a"), doc(6, -1.0, "b")]
    assert consistency_component(split) == 0.0


def test_follow_through_separates_followed_lapsed_and_pending_agreements():
    events = [
        event(1, "agreement", date(2024, 1, 10), ("VN",)),
        event(2, "project", date(2024, 6, 1), ("VN",)),  # follows agreement 1 within the window
        event(3, "agreement", date(2024, 2, 1), ("JP",)),  # nothing follows: lapsed after 365 days
        event(4, "agreement", date(2025, 9, 1), ("US",)),  # window still open: pending
    ]
    value, detail = follow_through_component(events, date(2025, 11, 1), 365)
    assert value == 0.5
    assert (detail["agreements_followed"], detail["agreements_lapsed"], detail["agreements_pending"]) == ([1], [3], [4])


def test_missing_components_renormalise_the_weights():
    assert combine({"tone": 0.8, "consistency": None}, {"tone": 0.3, "consistency": 0.7}) == 0.8
    assert combine({"tone": None}, {"tone": 1.0}) is None


def test_trust_index_decomposes_into_its_components():
    docs = [doc(1, 0.6, "a"), doc(2, 0.4, "b")]
    events = [event(1, "agreement", date(2025, 1, 10)), event(2, "project", date(2025, 3, 1)),
              event(3, "forum", date(2025, 10, 2), ("JP",))]
    score = trust_index(docs, events, date(2025, 11, 1), WEIGHTS, 365)
    parts = score.components
    assert set(parts) == set(WEIGHTS)
    expected = sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None) / sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
    assert score.value == pytest.approx(expected, abs=1e-4)
    assert parts["continuity"] == pytest.approx(3 / 12, abs=1e-4)
    assert score.detail["partners"] == ["JP", "VN"]
    assert score.evidence == [1, 2]
