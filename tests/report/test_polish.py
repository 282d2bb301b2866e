"""The optional LLM polish against a local OpenAI-compatible fixture server."""

from __future__ import annotations

import json

import pytest
from werkzeug import Request, Response

from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.report import build_briefing, render
from glocal.report.polish import MARKER, acceptable, polish
from tests.report.conftest import GENERATED_AT, PERIOD, SCOPE

pytestmark = pytest.mark.slow


def _server(httpserver, edit):
    """Answer each chat completion with ``edit(sentences)``; keeps the requests for inspection."""
    seen = []

    def handler(request: Request) -> Response:
        body = request.get_json()
        seen.append((request, body))
        sentences = json.loads(body["messages"][1]["content"])
        answer = {"choices": [{"message": {"role": "assistant", "content": json.dumps(edit(sentences), ensure_ascii=False)}}]}
        return Response(json.dumps(answer), content_type="application/json")

    httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(handler)
    return seen


def _settings(demo_store, httpserver) -> Settings:
    return demo_store.settings.model_copy(update={
        "llm_endpoint": httpserver.url_for("/v1"), "llm_model": "fixture-model", "llm_api_key": "test-key"})


def test_polished_text_that_keeps_the_markers_is_used(demo_store, httpserver):
    seen = _server(httpserver, lambda sentences: [f"✓ {s}" for s in sentences])
    app = Glocal.open(_settings(demo_store, httpserver))
    try:
        rendered = render(app, PERIOD, SCOPE, "en", "md")  # the endpoint is configured: polish is on
    finally:
        app.close()
    request, body = seen[0]
    assert request.headers["Authorization"] == "Bearer test-key"
    assert body["model"] == "fixture-model" and body["temperature"] == 0
    sent = json.loads(body["messages"][1]["content"])
    assert len(sent) == rendered.polish.sent and rendered.polish.kept == len(sent) > 10
    assert all(MARKER.search(s) for s in sent), "every polished sentence goes out with its citation markers"
    briefing = rendered.briefing
    assert briefing.headline.text.startswith("✓ ") and not MARKER.search(briefing.headline.text)
    assert briefing.headline.citations  # citations stay in the model, not in the text
    # quoted evidence and notes are never sent
    assert all(not s.text.startswith("✓") for s in briefing.notes + briefing.method)
    quotes = [s for d in briefing.developments for s in d.what if s.quote]
    assert quotes and all(not s.text.startswith("✓") and s.quote.text not in "".join(sent) for s in quotes)
    text = rendered.content.decode("utf-8")
    assert "✓ " in text and "[1]" in text and briefing.problems() == []


def test_polish_that_drops_a_marker_falls_back_to_the_template(demo_store, httpserver):
    def edit(sentences):
        # the first sentence loses its markers; the second changes a number; the rest keep theirs
        out = [f"Reworded: {s}" for s in sentences]
        out[0] = "Reworded: " + MARKER.sub("", sentences[0])
        out[1] = "Reworded: " + sentences[1].replace("2025", "2024", 1) if "2025" in sentences[1] else out[1]
        return out

    _server(httpserver, edit)
    deterministic = build_briefing(demo_store, PERIOD, SCOPE, "en", generated_at=GENERATED_AT)
    briefing = build_briefing(demo_store, PERIOD, SCOPE, "en", generated_at=GENERATED_AT)
    report = polish(briefing, _settings(demo_store, httpserver))
    assert report.error is None and report.kept < report.sent
    assert briefing.headline.text == deterministic.headline.text  # dropped marker → template wording
    if "2025" in deterministic.summary[0].text:
        assert briefing.summary[0].text == deterministic.summary[0].text  # changed number → template wording
    assert briefing.developments[0].what[0].text.startswith("Reworded: ")
    assert [s.citations for s in briefing.sentences()] == [s.citations for s in deterministic.sentences()]


def test_polish_failures_keep_the_deterministic_briefing(demo_store, httpserver):
    _server(httpserver, lambda sentences: sentences[:-1])  # one sentence short
    deterministic = build_briefing(demo_store, PERIOD, SCOPE, "en", generated_at=GENERATED_AT)
    briefing = build_briefing(demo_store, PERIOD, SCOPE, "en", generated_at=GENERATED_AT)
    report = polish(briefing, _settings(demo_store, httpserver))
    assert report.error and report.kept == 0
    assert [s.text for s in briefing.sentences()] == [s.text for s in deterministic.sentences()]


def test_acceptable_compares_markers_and_numbers():
    assert acceptable("Seoul signed 3 MOUs.[1][2]", "Seoul concluded 3 MOUs.[1][2]")
    assert not acceptable("Seoul signed 3 MOUs.[1][2]", "Seoul concluded 3 MOUs.[1]")
    assert not acceptable("Seoul signed 3 MOUs.[1]", "Seoul concluded 4 MOUs.[1]")
    assert not acceptable("Seoul signed MOUs.[1]", "Seoul signed MOUs.[2]")
