"""End to end in a real browser: Debian's Chromium driven by Playwright against a live uvicorn server.

Log in, filter events, confirm one, switch to Japanese, search across languages, download an export,
and prove that script payloads in ingested text never run. Screenshots of the main pages are saved
under $GLOCAL_TEST_ARTEFACTS (default: <tmp>/glocal-artefacts).
"""

from __future__ import annotations

import io
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import uvicorn

from glocal.store import models
from tests.web.seed import PASSWORDS, seed

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")]


def artefacts() -> Path:
    folder = Path(os.environ.get("GLOCAL_TEST_ARTEFACTS", Path(tempfile.gettempdir()) / "glocal-artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live(glocal, encode) -> Iterator[tuple[str, dict]]:
    from glocal.web.app import create_app

    ids = seed(glocal, encode)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(glocal), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", ids
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(live):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        context = browser.new_context(accept_downloads=True, locale="ko-KR", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.problems = []  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.problems.append(str(e)))  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_analyst_workflow_in_a_real_browser(live, page, glocal):
    base, ids = live
    shots = artefacts()
    page.goto(f"{base}/events")
    assert "/login" in page.url
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORDS["admin"])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/events")

    page.goto(f"{base}/")
    page.wait_for_selector("[data-chart='chart-trends'][data-drawn]")
    page.screenshot(path=str(shots / "overview.png"), full_page=True)

    # filter events, then confirm one
    page.goto(f"{base}/events")
    page.select_option("select[name=type]", "agreement")
    page.fill("input[name=country]", "VN")
    page.click("#apply-filters")
    page.wait_for_url("**/events?*type=agreement*")
    rows = page.locator("table.events tbody tr[data-event-id]")
    assert rows.count() == 2
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    target = ids["events"]["mou-vn"]
    page.click(f"tr[data-event-id='{target}'] button[data-action=confirm]")
    page.wait_for_selector(".flash")
    assert "confirmed" in page.locator(f"tr[data-event-id='{target}']").get_attribute("class")
    with glocal.session() as session:
        assert session.get(models.Event, target).status == "confirmed"
        assert session.query(models.AuditEntry).filter_by(entity_type="event", username="admin").count() == 1

    # Japanese UI with localised dates
    page.click("a[data-lang=ja]")
    page.wait_for_selector("html[lang=ja]")
    assert page.locator("a[data-nav=events]").inner_text() == "イベント"
    assert "2025/10/20" in page.locator("table.events").inner_text()

    # one Korean query finds the Japanese and English reports of the same agreement
    page.goto(f"{base}/documents")
    page.fill("input[name=q]", "강남구 하노이 스마트시티 협약")
    page.click("form.search button[type=submit]")
    page.wait_for_selector("[data-search-mode]")
    assert page.locator("[data-search-mode]").get_attribute("data-search-mode") == "semantic+text"
    found = page.locator("ol.documents li[data-doc-id]")
    top = [found.nth(i).get_attribute("data-doc-id") for i in range(min(found.count(), 4))]
    for key in ("ja-vn", "en-vn"):
        assert str(ids["documents"][key]) in top, (key, top)
    page.screenshot(path=str(shots / "search.png"), full_page=True)

    # an export downloads and opens
    page.goto(f"{base}/events?country=VN")
    with page.expect_download() as download_info:
        page.click("a[data-export=xlsx]")
    download = download_info.value
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    assert sheet.max_row == 4  # header + 3 Vietnam events

    # the remaining pages render (and are kept as screenshots)
    for name in ("topics", "compare", "partners", "sources", "admin", "briefings"):
        page.goto(f"{base}/{name}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    page.goto(f"{base}/partners")
    assert page.evaluate("document.getElementById('world-map').naturalWidth") > 0
    page.wait_for_selector("[data-chart='chart-network'][data-drawn]")
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_script_payloads_in_ingested_text_never_run(live, page):
    base, ids = live
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", PASSWORDS["viewer"])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    for path in (f"/documents/{ids['documents']['en-xss']}", "/documents", "/documents?q=Partner",
                 f"/events/{ids['events']['xss']}", "/events"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        for element in page.locator("b, a:has-text('link'), .body").all()[:5]:
            element.hover()
        assert page.evaluate("typeof window.__xss") == "undefined", path
    page.goto(f"{base}/documents/{ids['documents']['en-xss']}")
    assert "<script>window.__xss = 1</script>" in page.locator("h1").inner_text()
    page.screenshot(path=str(artefacts() / "document-untrusted.png"), full_page=True)
    assert page.problems == []  # type: ignore[attr-defined]
