"""analyze, events list, actors show and eval understanding through the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from glocal.cli.app import app

runner = CliRunner()
ITEMS = [
    {"url": "https://a.example/1", "published": "2025-10-21T09:00:00+09:00", "title": "국토부, 베트남과 스마트시티 협력 양해각서 체결",
     "body": "국토교통부는 지난 20일 베트남 하노이에서 베트남 건설부와 스마트시티 협력 양해각서를 체결했다고 21일 밝혔다."},
    {"url": "https://b.example/2", "published": "2025-10-21T10:00:00+09:00", "title": "Korea and Vietnam sign smart city MOU",
     "body": "South Korea's land ministry signed a memorandum of understanding on smart city cooperation with Vietnam's Ministry of Construction in Hanoi on Monday."},
]


@pytest.fixture
def cli_env(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("GLOCAL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS), encoding="utf-8")
    assert runner.invoke(app, ["ingest", "--path", str(folder)]).exit_code == 0
    return tmp_path


def test_analyze_then_list_events_and_show_actor(cli_env):
    analysed = runner.invoke(app, ["analyze", "--stage", "understand"], catch_exceptions=False)
    assert analysed.exit_code == 0 and "Understood 2 documents" in analysed.output
    again = runner.invoke(app, ["analyze"], catch_exceptions=False)
    assert "Understood 0 documents" in again.output

    events = runner.invoke(app, ["events", "list", "--country", "VN", "--type", "agreement"], catch_exceptions=False)
    assert events.exit_code == 0
    assert "2025-10-20" in events.output and "agreement" in events.output
    assert "2 sources" in events.output  # the Korean and the English report are one event

    actor = runner.invoke(app, ["actors", "show", "ベトナム"], catch_exceptions=False)
    assert actor.exit_code == 0 and "country:VN" in actor.output and "베트남" in actor.output
    assert "mentions: " in actor.output and "agreement" in actor.output

    unknown = runner.invoke(app, ["actors", "show", "Atlantis-on-Sea"])
    assert unknown.exit_code != 0 and "no actor is known" in str(unknown.exception)


def test_eval_understanding_without_third_party_data_scores_the_gold(tmp_path, monkeypatch):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "events.jsonl").write_text(json.dumps({
        "id": "ev-1", "language": "en", "published": "2025-10-21", "text": ITEMS[1]["body"],
        "countries_mentioned": ["KR", "VN"],
        "events": [{"type": "agreement", "date": "2025-10-20", "parties": [], "korean_side": [], "partner_side": [],
                    "countries": ["VN", "KR"], "domain": "smart_city", "amounts": []}],
    }) + "\n", encoding="utf-8")
    (gold / "tone.jsonl").write_text(json.dumps({"id": "t1", "language": "en", "text": "The two cities signed a landmark partnership.", "label": "positive", "pair": None}) + "\n", encoding="utf-8")
    monkeypatch.setenv("GLOCAL_GOLD_DIR", str(gold))
    monkeypatch.setenv("GLOCAL_EVALDATA_DIR", str(tmp_path / "absent"))
    result = runner.invoke(app, ["eval", "understanding", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    figures = json.loads(result.output)
    assert figures["evaldata"].startswith("absent")
    assert "skipped" in figures["tone: NSMC (ko movie reviews, binary)"]
    assert figures["country mentions (project gold)"]["by_language"]["en"]["f1"] == 1.0
    assert figures["events (project gold)"]["per_language"]["en"]["type_accuracy"] == 1.0
