"""Briefings from a small store written straight into the tables, on SQLite and PostgreSQL.

No NLP run: a Korean and a Japanese report of one Gangnam-gu agreement with Hanoi, an English
contract, an earlier event for continuity, and one document whose title, evidence and URL carry
script payloads.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from glocal.report import MEDIA_TYPES, BriefingError, build_briefing, file_name, generate, render
from glocal.store import models

SCRIPT_TITLE = '<script>alert("title")</script>Hanoi <img src=x onerror="alert(1)"> MOU'
SCRIPT_EVIDENCE = 'Gangnam and Hanoi signed <script>alert("evidence")</script> an MOU & more.'
SCRIPT_URL = "javascript:alert(document.cookie)"


def _seed(glocal) -> dict[str, int]:
    docs: dict[str, int] = {}
    with glocal.session() as session:
        source = models.Source(name="seed", kind="feed", location="https://example.org/feed.xml", credibility=0.8)
        session.add(source)
        session.flush()
        actors = {}
        for kind, key, en, ko, ja, country in (
            ("local_gov", "local_gov:11680", "Gangnam-gu", "강남구", "江南区", "KR"),
            ("city", "city:hanoi-vn", "Hanoi", "하노이", "ハノイ", "VN"),
            ("organisation", "org:korean-air", "Korean Air", "대한항공", "大韓航空", "KR"),
            ("organisation", "org:archer", "Archer Aviation", "아처", "アーチャー", "US"),
        ):
            actor = models.Actor(kind=kind, key=key, name_en=en, name_ko=ko, name_ja=ja, country_code=country)
            session.add(actor)
            session.flush()
            actors[key] = actor.id
        documents = [
            ("ko", "ko", "강남구, 하노이와 스마트시티 업무협약", "https://example.org/ko", datetime(2025, 10, 20, 1, tzinfo=timezone.utc)),
            ("ja", "ja", "江南区、ハノイとスマートシティ協力の覚書", "https://example.org/ja", datetime(2025, 10, 20, 6, tzinfo=timezone.utc)),
            ("uam", "en", "Korean Air and Archer agree eVTOL partnership", "https://example.org/uam",
             datetime(2025, 10, 20, 9, tzinfo=timezone.utc)),
            ("old", "ko", "강남구, 하노이 대표단 접견", "https://example.org/old", datetime(2025, 3, 4, tzinfo=timezone.utc)),
            ("xss", "en", SCRIPT_TITLE, SCRIPT_URL, datetime(2025, 10, 7, tzinfo=timezone.utc)),
        ]
        for key, language, title, url, published in documents:
            document = models.Document(
                doc_key=f"seed:{key}", source_id=source.id, item_key=key, url=url, title=title,
                body=f"{title} body", language=language, language_confidence=0.99, published_at=published,
                content_hash=hashlib.sha256(key.encode()).hexdigest(), outlet="Example <b>News</b>", meta={})
            session.add(document)
            session.flush()
            docs[key] = document.id
        events = [
            ("mou", "agreement", date(2025, 10, 20), "smart_city", ["ko", "ja"], ["local_gov:11680", "city:hanoi-vn"],
             ["KR", "VN"], "강남구는 20일 하노이시와 스마트시티 협력 업무협약을 체결했다.", "ko"),
            ("uam", "contract", date(2025, 10, 20), "mobility_uam", ["uam"], ["org:korean-air", "org:archer"],
             ["KR", "US"], "Korean Air and Archer agreed an exclusive partnership.", "en"),
            ("old", "meeting", date(2025, 3, 4), "smart_city", ["old"], ["local_gov:11680", "city:hanoi-vn"],
             ["KR", "VN"], "강남구청장이 하노이 대표단을 접견했다.", "ko"),
            ("xss", "meeting", date(2025, 10, 7), "smart_city", ["xss"], ["local_gov:11680", "city:hanoi-vn"],
             ["KR", "VN"], SCRIPT_EVIDENCE, "en"),
        ]
        for key, kind, day, domain, sources, parties, countries, evidence, language in events:
            event = models.Event(event_key=hashlib.sha256(key.encode()).hexdigest(), type=kind, event_date=day,
                                 date_precision="day", domain=domain, evidence=evidence, evidence_language=language,
                                 confidence=0.8, method="test", status="reported")
            session.add(event)
            session.flush()
            for doc in sources:
                session.add(models.EventSource(event_id=event.id, document_id=docs[doc], evidence=evidence))
            for i, party in enumerate(parties):
                session.add(models.EventParty(event_id=event.id, actor_id=actors[party],
                                              role="korean_side" if i == 0 else "partner_side"))
            for code in countries:
                session.add(models.EventCountry(event_id=event.id, country_code=code))
    return docs


def test_generate_stores_the_briefing_with_its_citations(glocal):
    docs = _seed(glocal)
    row_id = generate(glocal, "2025-10", "gangnam-gu", "ko", "md", user="analyst")
    with glocal.session() as session:
        row = session.get(models.Briefing, row_id)
        assert (row.period, row.scope, row.language, row.format, row.created_by) == (
            "2025-10", "local_gov:11680", "ko", "md", "analyst")
        content, citations = bytes(row.content), list(row.citations)
    # Gangnam-gu's events of October (not the UAM contract it is no party to), plus the March precedent
    assert set(citations) == {docs["ko"], docs["ja"], docs["xss"], docs["old"]}
    assert docs["uam"] not in citations
    text = content.decode("utf-8")
    assert "강남구" in text and "[1]" in text and "2025년 10월" in text
    ministry = generate(glocal, "2025-10", "ministry", "en", "html")
    with glocal.session() as session:
        row = session.get(models.Briefing, ministry)
        assert row.scope == "ministry" and docs["uam"] in row.citations
        assert bytes(row.content).startswith(b"<!DOCTYPE html>")
        assert session.scalar(select(models.Briefing.id).order_by(models.Briefing.id.desc()).limit(1)) == ministry
    assert file_name("local_gov:11680", "2025-10", "ko", "pdf") == "local-gov-11680-2025-10-ko.pdf"
    assert MEDIA_TYPES["md"].startswith("text/markdown")


def test_html_and_markdown_escape_script_payloads(glocal):
    docs = _seed(glocal)
    rendered = render(glocal, "2025-10", "gangnam-gu", "en", "html", use_llm=False)
    assert docs["xss"] in rendered.citations
    page = rendered.content.decode("utf-8")
    assert "<script" not in page.lower() and "onerror=" not in page.replace("onerror=&#34;", "")
    assert "<img src=x" not in page and "<b>News</b>" not in page
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page  # shown as text, not run
    assert "&lt;script&gt;alert(&#34;evidence&#34;)&lt;/script&gt;" in page
    assert not re.search(r'href\s*=\s*"\s*javascript:', page, re.I), "a javascript: URL became a link"
    markdown = render(glocal, "2025-10", "gangnam-gu", "en", "md", use_llm=False).content.decode("utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", markdown) and "\\<script\\>" in markdown
    assert "<javascript:" not in markdown  # no autolink to a script URL


def test_briefing_of_a_quiet_region_is_made_of_notes(glocal):
    _seed(glocal)
    briefing = build_briefing(glocal, "2025-10", "mapo-gu", "ja")
    assert briefing.event_count == 0 and briefing.developments == [] and briefing.sources == []
    assert briefing.headline.kind == "note" and briefing.headline.note_key == "no_events"
    assert briefing.problems() == []
    assert render(glocal, "2025-10", "mapo-gu", "ja", "md", use_llm=False).content


@pytest.mark.parametrize(("args", "message"), [
    (("2025-13", "gangnam-gu", "ko", "md"), "not a month"),
    (("2025-10", "gangnam-gu", "fr", "md"), "no briefing language"),
    (("2025-10", "gangnam-gu", "ko", "odt"), "no briefing format"),
    (("2025-10", "atlantis-gu", "ko", "md"), "no Korean local government"),
])
def test_bad_requests_are_explained(glocal, args, message):
    with pytest.raises(BriefingError, match=message) as caught:
        render(glocal, *args, use_llm=False)
    assert caught.value.hint
