"""The bundled demo corpus: well-formed, as described, and ingested completely by the demo."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import datetime

import pytest
from sqlalchemy import select

from eval.demo_corpus import load_demo, reprint_roots
from glocal.pipeline.core import demo_sources
from glocal.store import models, repository

EVENT_TYPES = {"agreement", "meeting", "contract", "project", "funding", "forum", "program", "declaration", "setback"}
DOMAINS = {
    "smart_city", "mobility_uam", "rail", "roads_its", "airports_ports", "water", "housing_urban_dev",
    "energy_env", "culture_tourism", "digital_ai", "trade_investment", "other",
}


@pytest.fixture(scope="module")
def demo():
    return load_demo()


def test_corpus_size_language_mix_and_dates(demo):
    assert len(demo) >= 200
    languages = Counter(item.key["language"] for item in demo)
    share = {lang: n / len(demo) for lang, n in languages.items()}
    assert 0.45 <= share["ko"] <= 0.55 and 0.25 <= share["en"] <= 0.35 and 0.15 <= share["ja"] <= 0.25
    assert languages["zh"] + languages["vi"] >= 2
    years = {datetime.fromisoformat(item.published).year for item in demo}
    assert years <= set(range(2021, 2026)) and len(years) == 5
    assert len({item.id for item in demo}) == len({item.url for item in demo}) == len(demo)


def test_answer_key_is_consistent(demo):
    by_id = {item.id: item for item in demo}
    for item in demo:
        key = item.key
        assert key["tone"] in {"positive", "neutral", "negative"}
        if key["noise"]:
            assert key["events"] == []
        for event in key["events"]:
            assert event["type"] in EVENT_TYPES and event["domain"] in DOMAINS, item.id
            assert event["evidence"] in item.body, item.id
        original = key["near_duplicate_of"]
        if original:
            assert by_id[original].key["language"] == key["language"]
            assert by_id[original].key["story_group"] == key["story_group"]
    stories = Counter(item.key["story_group"] for item in demo)
    multilingual = {
        group for group in stories
        if len({item.key["language"] for item in demo if item.key["story_group"] == group}) > 1
    }
    assert len(multilingual) >= 20  # the same story told in several languages
    assert sum(item.key["tone"] == "negative" for item in demo) >= 20
    assert sum(item.key["noise"] for item in demo) >= 10


def test_demo_ingests_everything_with_languages_groups_and_rejections(glocal, demo):
    report = glocal.ingest(demo_sources(), origin="demo")
    corpus, inbox = report.sources
    assert (corpus.documents_added, corpus.rejected) == (len(demo), 0)
    assert inbox.documents_added == 4 and inbox.unchanged == 1 and inbox.rejected == 9
    with glocal.session() as session:
        rows = session.scalars(select(models.Document).where(models.Document.url.is_not(None))).all()
        stored = {row.url: row for row in rows}
        reasons = Counter(r.reason for r in repository.open_rejections(session))
    assert reasons["zip_bomb"] == 1 and reasons["empty_body"] >= 2 and reasons["unsupported_type"] == 1
    # every item stored with its own language
    assert all(stored[item.url].language == item.key["language"] for item in demo)

    # near-duplicate groups agree with the answer key, pair by pair
    roots = reprint_roots(demo)
    truth = {(a.id, b.id) for a, b in itertools.combinations(demo, 2) if roots[a.id] == roots[b.id]}
    found = {
        (a.id, b.id) for a, b in itertools.combinations(demo, 2)
        if stored[a.url].near_dup_group == stored[b.url].near_dup_group
    }
    precision = len(truth & found) / len(found)
    recall = len(truth & found) / len(truth)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)

    again = glocal.ingest(demo_sources(), origin="demo")
    assert again.total("documents_added") == 0 and again.total("documents_updated") == 0
