"""Feeds, web pages and the GDELT API against a real HTTP server on 127.0.0.1 serving fixtures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from werkzeug import Response

from glocal.config import Settings
from glocal.errors import ItemRejected
from glocal.ingest.http import Fetcher, RateLimiter
from glocal.ingest.sources import read_source
from glocal.records import SourceSpec

FIXTURES = Path(__file__).parent.parent / "fixtures" / "web"


@pytest.fixture
def site(httpserver):
    """A fixture news site: feeds, articles in three encodings, a GDELT answer, robots.txt."""
    base = httpserver.url_for("").rstrip("/")

    def text(name: str) -> bytes:
        return (FIXTURES / name).read_bytes().replace(b"{{BASE}}", base.encode())

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    httpserver.expect_request("/rss.xml").respond_with_data(text("rss.xml"), content_type="application/rss+xml")
    httpserver.expect_request("/atom.xml").respond_with_data(text("atom.xml"), content_type="application/atom+xml")
    httpserver.expect_request("/broken.xml").respond_with_data(text("broken_feed.xml"), content_type="application/rss+xml")
    # EUC-KR declared only in the page's meta tag
    httpserver.expect_request("/news/euckr").respond_with_data(text("article_euckr.html"), content_type="text/html")
    httpserver.expect_request("/news/sjis").respond_with_data(text("article_sjis.html"), content_type="text/html; charset=Shift_JIS")
    httpserver.expect_request("/news/utf8").respond_with_data(text("article_utf8.html"), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/news/en").respond_with_data(text("article_en.html"), content_type="text/html")
    # a server that lies: says UTF-8, sends CP949
    httpserver.expect_request("/news/lying").respond_with_data(text("article_euckr.html"), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/news/missing").respond_with_data("not found", status=404)
    httpserver.expect_request("/news/missing-2").respond_with_data("gone", status=410)
    httpserver.expect_request("/news/error").respond_with_data("oops", status=500)
    httpserver.expect_request("/private/secret").respond_with_data(text("article_en.html"), content_type="text/html")
    httpserver.expect_request("/big").respond_with_data(b"x" * 50_000, content_type="text/html")
    httpserver.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    httpserver.expect_request("/gdelt").respond_with_data(text("gdelt_artlist.json"), content_type="application/json")
    httpserver.expect_request("/gdelt-bad").respond_with_data(b"Invalid query: the keyword is too short", content_type="text/plain")
    httpserver.expect_request("/slow").respond_with_handler(lambda request: (time.sleep(1.5), Response("late"))[1])
    return base


def make_settings(**overrides) -> Settings:
    values = {"rate_limit_per_host": 0.0, "http_timeout": 5.0, "http_retries": 0}
    values.update(overrides)
    return Settings(**values)


def spec(kind: str, location: str, **options) -> SourceSpec:
    return SourceSpec(name=f"test-{kind}", kind=kind, location=location, allow_private=True, options=options)


def test_rss_feed_with_full_text_in_three_encodings(site):
    result = read_source(spec("feed", f"{site}/rss.xml"), make_settings())
    by_url = {item.url: item for item in result.items}
    euckr = by_url[f"{site}/news/euckr"]
    assert "박닌성" in euckr.body and "홈 | 뉴스" not in euckr.body  # main text only, decoded
    assert euckr.published_at.isoformat() == "2025-10-20T00:00:00+00:00"
    assert euckr.outlet == "Ministry Newsroom (fixture)"
    assert "마스터플랜" in by_url[f"{site}/news/utf8"].body
    # a dead page whose feed summary is long enough keeps the summary
    assert "Jakarta" in by_url[f"{site}/news/missing-2"].body
    assert by_url[f"{site}/news/missing-2"].meta["full_text_error"] == "http_error"
    # a dead page with a one-word summary is rejected with the HTTP reason
    assert [(r.item_key, r.reason) for r in result.rejections] == [(f"{site}/news/missing", "http_error")]


def test_atom_feed_and_shift_jis_page(site):
    result = read_source(spec("feed", f"{site}/atom.xml"), make_settings())
    (item,) = result.items
    assert "バクニン省" in item.body and item.title.startswith("韓国")


def test_feed_summaries_keep_text_not_markup(site):
    result = read_source(spec("feed", f"{site}/rss.xml", full_text=False), make_settings())
    bodies = " ".join(item.body for item in result.items)
    assert "<p>" not in bodies and "<b>" not in bodies and "국토교통부 제1차관" in bodies


def test_malformed_feed_is_one_rejection(site):
    result = read_source(spec("feed", f"{site}/broken.xml"), make_settings())
    assert result.items == []
    assert [r.reason for r in result.rejections] == ["malformed_feed"]


def test_unreachable_feed_is_a_rejection_not_a_crash():
    result = read_source(spec("feed", "http://127.0.0.1:9/feed.xml"), make_settings())
    assert [r.reason for r in result.rejections] == ["unreachable"]


def test_web_page_decoding_when_the_server_lies_about_charset(site):
    result = read_source(spec("web", f"{site}/news/lying"), make_settings())
    assert "하노이" in result.items[0].body


def test_web_page_canonical_link_and_errors(site):
    result = read_source(
        spec("web", f"{site}/news/utf8", urls=[f"{site}/news/error", f"{site}/pdf", f"{site}/private/secret"]),
        make_settings(),
    )
    assert [item.url for item in result.items] == [f"{site}/news/utf8"]
    assert sorted(r.reason for r in result.rejections) == ["http_error", "robots_disallowed", "unsupported_type"]


def test_gdelt_artlist_maps_fields_and_fetches_text(site):
    result = read_source(spec("gdelt", f"{site}/gdelt"), make_settings())
    by_url = {item.url: item for item in result.items}
    archer = by_url[f"{site}/news/en"]
    assert archer.language_hint == "en" and archer.outlet == "wire.example"
    assert archer.published_at.isoformat() == "2025-10-20T05:30:00+00:00"
    assert archer.meta["gdelt"]["sourcecountry"] == "United States"
    assert "up to 100 aircraft" in archer.body
    assert by_url[f"{site}/news/utf8"].language_hint == "ko"
    assert sorted(r.reason for r in result.rejections) == ["http_error", "malformed_json"]


def test_gdelt_error_text_is_reported(site):
    result = read_source(spec("gdelt", f"{site}/gdelt-bad"), make_settings())
    assert [r.reason for r in result.rejections] == ["malformed_json"]


def test_gdelt_recorded_file_without_fetching(tmp_path):
    path = tmp_path / "answer.json"
    path.write_bytes((FIXTURES / "gdelt_artlist.json").read_bytes().replace(b"{{BASE}}", b"https://x.example"))
    result = read_source(spec("gdelt", str(path), fetch_articles=False), make_settings(min_body_chars=5))
    assert [item.body for item in result.items][1] == "Korean Air and Archer agree eVTOL partnership"


def test_private_addresses_are_refused_by_default(site):
    with Fetcher(make_settings(), allow_private=False) as fetcher:
        with pytest.raises(ItemRejected) as excinfo:
            fetcher.get(f"{site}/news/en")
    assert excinfo.value.reason == "blocked_address"
    refused = SourceSpec(name="lan", kind="web", location=f"{site}/news/en")  # allow_private defaults to False
    assert [r.reason for r in read_source(refused, make_settings()).rejections] == ["blocked_address"]


def test_redirect_to_a_private_address_is_refused(httpserver):
    # the first hop is checked like every other; a public page redirecting to loopback is blocked too
    httpserver.expect_request("/hop").respond_with_data("", status=302, headers={"Location": "http://127.0.0.1:9/x"})
    with Fetcher(make_settings(respect_robots=False), allow_private=False) as fetcher:
        with pytest.raises(ItemRejected) as excinfo:
            fetcher.get(httpserver.url_for("/hop"))
    assert excinfo.value.reason == "blocked_address"


def test_user_agent_timeout_and_size_cap(site, httpserver):
    settings = make_settings(http_timeout=0.5, max_item_bytes=10_000)
    with Fetcher(settings, allow_private=True) as fetcher:
        fetcher.get(f"{site}/news/en")
        assert httpserver.log[-1][0].headers["User-Agent"].startswith("GlocalBot/")
        with pytest.raises(ItemRejected) as big:
            fetcher.get(f"{site}/big")
        with pytest.raises(ItemRejected) as slow:  # last: the fixture server answers one request at a time
            fetcher.get(f"{site}/slow")
    assert (slow.value.reason, big.value.reason) == ("timeout", "too_large")


def test_rate_limit_spaces_requests_to_one_host(site):
    settings = make_settings(rate_limit_per_host=0.3)
    with Fetcher(settings, allow_private=True, limiter=RateLimiter(0.3)) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.get(f"{site}/news/en")
        elapsed = time.monotonic() - started
    # robots.txt + three pages = four requests, three gaps of 0.3 s
    assert elapsed >= 0.85
