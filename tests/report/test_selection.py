"""The selection score: documented weights, exact components, stable ties."""

from __future__ import annotations

import math
import random
import re
from datetime import date
from pathlib import Path

from glocal.report.facts import DocumentFact, EventFact, Party
from glocal.report.selection import rank, score_story, selection_config

DOCS = Path(__file__).resolve().parents[2] / "docs" / "briefings.md"


def _event(number: int, kind: str = "agreement", day: date = date(2025, 10, 20), documents=(1,), countries=("KR", "VN"),
           domain: str = "smart_city") -> EventFact:
    return EventFact(number, f"key-{number:03d}", kind, day, "day", domain, "reported", [], None, None,
                     [Party("local_gov:11680", "local_gov", "korean_side", {"en": "Gangnam-gu"}, "KR")],
                     list(countries), list(documents))


def _documents(count: int) -> dict[int, DocumentFact]:
    return {i: DocumentFact(i, f"t{i}", "outlet", date(2025, 10, 20), "ko", None, i, 0.7, None) for i in range(1, count + 1)}


def test_weights_sum_to_one_and_match_the_documentation():
    config = selection_config()
    assert math.isclose(sum(config.weights.values()), 1.0)
    text = DOCS.read_text(encoding="utf-8")
    for name, weight in config.weights.items():
        assert re.search(rf"{name}\W[^\n]*\b{weight:.2f}\b", text), f"docs/briefings.md does not state {name} = {weight:.2f}"
    for kind, weight in config.type_weights.items():
        assert re.search(rf"{kind}\W[^\n]*\b{weight:.1f}\b", text), f"docs/briefings.md does not state {kind} = {weight}"


def test_score_components_follow_the_documented_formula():
    config = selection_config()
    documents = _documents(3)
    event = _event(1, "funding", documents=(1, 2, 3))
    event.amounts = [{"value": 5, "unit": "billion won"}]
    parts = score_story([event], event, documents, earlier=1, config=config)
    weight = min(config.type_weights["funding"] + config.amount_bonus, 1.0)
    coverage = math.log1p(3) / math.log1p(config.coverage_saturation)
    assert parts.weight == round(weight, 6) and math.isclose(parts.coverage, coverage, abs_tol=1e-6)
    assert parts.novelty == 0.5 and parts.tone == 0.0
    expected = (config.weights["weight"] * weight + config.weights["coverage"] * coverage
                + config.weights["novelty"] * 0.5)
    assert math.isclose(parts.total, expected, abs_tol=1e-6)


def test_ties_are_broken_by_the_event_key_whatever_the_input_order():
    documents = _documents(12)
    # twelve events of equal score: different documents, different days, same type and partners
    events = [_event(i, day=date(2025, 10, i), documents=(i,)) for i in range(1, 13)]
    orders = set()
    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        candidates, _ = rank(shuffled, documents, [])
        assert len({c.score.total for c in candidates}) == 1
        orders.add(tuple(c.lead.key for c in candidates))
    assert orders == {tuple(sorted(e.key for e in events))}


def test_events_reported_together_form_one_development():
    documents = _documents(3)
    together = [_event(1, "agreement", documents=(1, 2)), _event(2, "funding", documents=(2,)),
                _event(3, "forum", day=date(2025, 10, 21), documents=(3,))]
    candidates, scores = rank(together, documents, [])
    assert [sorted(e.id for e in c.events) for c in candidates] == [[1, 2], [3]]
    assert candidates[0].lead.id == 1 and set(scores) == {1, 2, 3}
    # an earlier event in the same domain with the same partner country lowers novelty
    earlier = [_event(9, "meeting", day=date(2025, 3, 1), documents=(3,))]
    again, _ = rank(together, documents, earlier)
    assert again[0].score.novelty == 0.5 and [e.id for e in again[0].earlier] == [9]
