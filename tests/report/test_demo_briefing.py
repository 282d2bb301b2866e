"""The October 2025 briefing of Gangnam-gu built from the analysed demo corpus, against its answer key."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from glocal.report import build_briefing, render
from glocal.report.model import NOTE_KEYS, Row, Sentence
from glocal.report.phrases import phrases
from glocal.store import models
from tests.report.conftest import GENERATED_AT, PERIOD, SCOPE
from tests.report.helpers import ak_dates, all_citations, in_month, parse_en_date, walk

pytestmark = pytest.mark.slow

HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA = re.compile(r"[\u3040-\u30ff]")
START, END = date(2025, 10, 1), date(2025, 11, 1)


def _month_items(answer_key, party="Gangnam"):
    """Answer-key items with an event of the period that names ``party``: id → [(story, date)]."""
    found = {}
    for item, record in answer_key.items():
        for event in record["events"]:
            if in_month(event.get("date") or "", PERIOD) and any(party in p for p in event["parties"]):
                found.setdefault(item, []).append((record["story_group"], event["date"]))
    return found


def test_register_holds_the_answer_key_events_of_the_month(briefings, answer_key, external_ids):
    briefing = briefings["en"]
    expected = _month_items(answer_key)
    assert len({story for pairs in expected.values() for story, _ in pairs}) >= 3  # the fixture is meaningful
    rows = []
    for row in briefing.register.rows:
        day, precision = parse_en_date(row.cells[0])
        assert START <= day < END, f"register row outside {PERIOD}: {row.cells}"
        rows.append((day, precision, [external_ids[d] for d in row.citations]))
    assert len(rows) == briefing.event_count >= 10

    # recall: every (story, date) of the answer key is a register row citing that story, dated within a day
    for story, when in sorted({pair for pairs in expected.values() for pair in pairs}):
        items = {item for item, pairs in expected.items() if any(s == story for s, _ in pairs)}
        matching = [r for r in rows if items & set(r[2])]
        assert matching, f"no register row cites the story {story}"
        if len(when) == 10:
            target = date.fromisoformat(when)
            assert any(p == "day" and abs((d - target).days) <= 1 for d, p, _ in matching), (
                f"{story} on {when}: register rows are dated {[(str(d), p) for d, p, _ in matching]}")

    # precision: each row rests on an item whose answer-key event falls in the month, and nearly all
    # cited items do (a noise item co-cited by one extracted event is tolerated, not more)
    cited = [item for _, _, items in rows for item in items]
    good = [item for item in cited if any(in_month(d, PERIOD) for d in ak_dates(answer_key[item]))]
    for _, _, items in rows:
        assert any(any(in_month(d, PERIOD) for d in ak_dates(answer_key[i])) for i in items), items
    assert len(good) / len(cited) >= 0.9, sorted(set(cited) - set(good))


def test_developments_and_cited_documents_match_the_answer_key(briefings, answer_key, external_ids):
    briefing = briefings["en"]
    expected = _month_items(answer_key)
    assert len(briefing.developments) == 5
    for development in briefing.developments:
        day, _ = parse_en_date(development.date_text)
        assert START <= day < END
        lead = external_ids[development.title.citations[0]]
        assert lead in expected, f"development {development.title.text!r} led by {lead}"
    assert briefing.headline.citations == briefing.developments[0].title.citations

    # item recall over the whole briefing
    cited = {external_ids[doc] for doc in briefing.citation_ids()}
    assert len(cited & expected.keys()) / len(expected) >= 0.8, sorted(expected.keys() - cited)

    # every statement of fact cites answer-key items of the month, of the year before it (continuity,
    # previous period) or of the same stories; no citation points at an unrelated document
    stories = {story for pairs in expected.values() for story, _ in pairs}
    window_start = f"{START - timedelta(days=365):%Y-%m-%d}"
    unrelated = []
    for path, node, citations in all_citations(briefing):
        if getattr(node, "kind", "fact") != "fact":
            continue
        for doc in citations:
            record = answer_key[external_ids[doc]]
            dates = ak_dates(record)
            if (record["story_group"] in stories or any(window_start <= d < f"{END}" for d in dates if len(d) >= 7)
                    or record["noise"]):
                continue
            unrelated.append((path, external_ids[doc], dates))
    assert not unrelated, unrelated


def test_every_citation_resolves_and_the_annex_describes_it(demo_store, briefings, external_ids):
    for language, briefing in briefings.items():
        ids = briefing.citation_ids()
        assert ids and len(ids) == len(set(ids))
        assert [s.number for s in briefing.sources] == list(range(1, len(ids) + 1))
        with demo_store.session() as session:
            rows = {d.id: d for d in session.scalars(select(models.Document).where(models.Document.id.in_(ids)))}
        assert set(rows) == set(ids), "a cited document is not in the store"
        for source in briefing.sources:
            row = rows[source.document_id]
            assert source.title == row.title and source.title
            assert source.outlet == row.outlet and source.outlet
            assert source.published == row.published_at.date()
            assert source.language == row.language and re.fullmatch(r"[a-z]{2,3}", source.language)
            assert source.url == (row.canonical_url or row.url) and source.url.startswith("https://")
        listed = set(ids)
        for path, _, citations in all_citations(briefing):
            assert set(citations) <= listed, f"{language} {path} cites {citations} outside the annex"
            assert len(citations) == len(set(citations)), f"{language} {path} cites a document twice: {citations}"


def test_no_sentence_without_a_source(briefings):
    for language, briefing in briefings.items():
        assert briefing.problems() == []
        nodes = [(path, node) for path, node, chart in walk(briefing) if not chart]
        assert len(nodes) >= 40
        walked = {id(node) for _, node in nodes if isinstance(node, Sentence)}
        listed = {id(s) for s in briefing.sentences()}
        assert walked <= listed, "Briefing.sentences() misses sentences of the model"
        for path, node in nodes:
            kind = node.kind
            assert kind in ("fact", "measure", "note"), path
            if kind == "fact":
                assert node.citations, f"{language} {path}: fact without a source"
            elif kind == "measure":
                assert node.run_id == briefing.analysis_run_id is not None, f"{language} {path}: measure without its run"
            else:
                assert isinstance(node, Sentence) and node.note_key in NOTE_KEYS and not node.citations, path
        for development in briefing.developments:  # the main narrative is facts, not notes
            assert all(s.kind == "fact" and s.citations for s in (development.title, *development.what, *development.why))
        assert all(s.kind == "fact" for s in briefing.summary) and briefing.headline.kind == "fact"
        assert all(isinstance(r, Row) and r.citations for r in briefing.register.rows)


def test_selection_is_deterministic(demo_store, briefings):
    again = build_briefing(demo_store, PERIOD, SCOPE, "en", generated_at=GENERATED_AT)
    first = briefings["en"]
    assert [d.event_keys for d in again.developments] == [d.event_keys for d in first.developments]
    assert [d.score for d in again.developments] == [d.score for d in first.developments]
    assert again.citation_ids() == first.citation_ids()
    totals = [d.score.total for d in first.developments]
    assert totals == sorted(totals, reverse=True)
    one = render(demo_store, PERIOD, SCOPE, "en", "md", use_llm=False)
    two = render(demo_store, PERIOD, SCOPE, "en", "md", use_llm=False)
    body = [r.content.rsplit(b"\n---\n", 1) for r in (one, two)]  # after the rule: "generated on <today>"
    assert len(body[0]) == 2 and body[0][0] == body[1][0]
    # the same developments whatever the language
    for language in ("ko", "ja"):
        assert [d.event_keys for d in briefings[language].developments] == [d.event_keys for d in first.developments]


def test_quoted_evidence_keeps_its_original_language(briefings, external_ids, answer_key):
    briefing = briefings["ko"]
    quotes = [s for d in briefing.developments for s in d.what if s.quote is not None]
    assert len(quotes) >= 3 and {q.quote.language for q in quotes} >= {"ko", "ja"}
    html = render_html(briefing)
    for sentence in quotes:
        quote = sentence.quote
        assert quote.language in ("ko", "en", "ja")
        first = answer_key[external_ids[sentence.citations[0]]]
        assert first["language"] == quote.language, (quote, external_ids[sentence.citations[0]])
        if quote.language == "ja":
            assert KANA.search(quote.text)
        assert f'<blockquote lang="{quote.language}">' in html
        marker = briefing.labels["original_language"].format(language=quote.language)
        assert marker in html
    # the Korean briefing quotes Japanese evidence verbatim, not translated
    japanese = next(q.quote for q in quotes if q.quote.language == "ja")
    assert html_escape(japanese.text) in html
    en = briefings["en"]
    assert [s.quote for d in en.developments for s in d.what if s.quote] == [q.quote for q in quotes]


def render_html(briefing):
    from glocal.report.render import render_html as html

    return html(briefing).decode("utf-8")


def html_escape(text):
    from markupsafe import escape

    return str(escape(text))


@pytest.mark.parametrize("language", ["ko", "en", "ja"])
def test_each_language_renders(briefings, language):
    briefing = briefings[language]
    html = render_html(briefing)
    assert f'<html lang="{language}">' in html
    words = phrases(language)
    for key in ("headline", "developments", "annex", "register"):
        assert f">{words.label(key)}<" in html
    if language == "ko":
        assert HANGUL.search(briefing.title) and HANGUL.search(briefing.headline.text)
        assert "2025년 10월" in briefing.period_name
    elif language == "ja":
        assert KANA.search(briefing.title) or "年" in briefing.title
        assert "2025年10月" in briefing.period_name
    else:
        assert briefing.period_name == "October 2025" and not HANGUL.search(briefing.headline.text)


@pytest.mark.parametrize("language", ["ko", "en"])
def test_markdown_and_html_carry_markers_and_the_annex(demo_store, language):
    from markupsafe import escape

    md = render(demo_store, PERIOD, SCOPE, language, "md", use_llm=False)
    html = render(demo_store, PERIOD, SCOPE, language, "html", use_llm=False)
    briefing, text, page = md.briefing, md.content.decode("utf-8"), html.content.decode("utf-8")
    assert md.citations == html.citations == briefing.citation_ids()
    words = phrases(language)
    annex_md = text.split(f"## {words.label('annex')}", 1)[1].split(f"## {words.label('method')}")[0]
    annex_html = page.split('<section class="annex">', 1)[1].split("</section>")[0]
    for source in briefing.sources:
        n = source.number
        assert f"[{n}]" in text.split(f"## {words.label('annex')}")[0], f"marker [{n}] not in the Markdown text"
        assert f'href="#src-{n}"' in page and f'id="src-{n}"' in annex_html
        line = next(entry for entry in annex_md.splitlines() if entry.startswith(f'<a id="src-{n}"></a>{n}. '))
        html_item = annex_html.split(f'id="src-{n}"', 1)[1].split("</li>", 1)[0]
        day = words.date(source.published)
        for needed in (source.outlet, day, f"{words.label('language')}: {source.language}", source.url):
            assert needed in line, (needed, line)
            assert str(escape(needed)) in html_item, (needed, html_item)
        assert str(escape(source.title)) in html_item
        assert source.title.translate(str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})) in line
    # every marker in the text points at an annex entry
    numbers = {s.number for s in briefing.sources}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", text.split(f"## {words.label('annex')}")[0])} <= numbers


def test_html_is_self_contained(demo_store):
    page = render(demo_store, PERIOD, SCOPE, "ko", "html", use_llm=False).content.decode("utf-8")
    assert "<style>" in page and "<link" not in page.lower() and "<script" not in page.lower()
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert not re.search(r"""\bsrc\s*=\s*["']?(https?:)?//""", page, re.I), "a remote asset"
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) == 3 and all(src.startswith("data:image/png;base64,") for src in images)
    import base64

    for src in images:
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    # the only remote references are the links to the cited sources in the annex
    hrefs = re.findall(r'href="(https?://[^"]+)"', page)
    annex = page.split('<section class="annex">', 1)[1]
    assert hrefs and all(f'href="{h}"' in annex for h in hrefs)
