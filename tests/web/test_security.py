"""Login, sessions, CSRF, tokens, rate limiting, and untrusted text rendered inert."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient
from sqlalchemy import select

from glocal.store import models
from tests.web.conftest import login
from tests.web.seed import PASSWORDS


def test_passwords_are_stored_as_argon2_hashes(glocal, seeded):
    with glocal.session() as session:
        hashes = session.scalars(select(models.User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2") for h in hashes)
    assert not any(p in h for h in hashes for p in PASSWORDS.values())


def test_session_cookie_is_http_only_same_site_and_expires(anonymous):
    answer = anonymous.post("/api/v1/auth/login", json={"username": "viewer", "password": PASSWORDS["viewer"]})
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie


def test_expired_sessions_are_refused(app, anonymous):
    login(anonymous, "viewer")
    assert anonymous.get("/api/v1/me").status_code == 200
    glocal = app.state.glocal
    glocal.settings = glocal.settings.model_copy(update={"session_max_age_minutes": 0})
    assert anonymous.get("/api/v1/me").status_code == 401


def test_wrong_password_and_rate_limit(anonymous):
    for _ in range(5):
        answer = anonymous.post("/api/v1/auth/login", json={"username": "viewer", "password": "wrong-password"})
        assert answer.status_code == 401 and answer.json()["error"]["code"] == "bad_credentials"
    limited = anonymous.post("/api/v1/auth/login", json={"username": "viewer", "password": PASSWORDS["viewer"]})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    # another account from the same address is not locked out
    assert anonymous.post("/api/v1/auth/login", json={"username": "analyst", "password": PASSWORDS["analyst"]}).status_code == 200


def test_cookie_requests_that_change_things_need_the_csrf_token(analyst, seeded):
    event_id = seeded["events"]["mou-vn"]
    token = analyst.headers.pop("X-CSRF-Token")
    refused = analyst.post(f"/api/v1/events/{event_id}/confirm")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    refused_form = analyst.post(f"/events/{event_id}/confirm", data={"csrf_token": "forged"}, follow_redirects=False)
    assert refused_form.status_code == 403
    accepted = analyst.post(f"/events/{event_id}/confirm", data={"csrf_token": token}, follow_redirects=False)
    assert accepted.status_code == 303


def test_api_tokens_authenticate_without_cookies_and_can_be_revoked(app, analyst, seeded):
    created = analyst.post("/api/v1/tokens", json={"name": "etl"}).json()
    assert created["token"].startswith("glc_")
    with TestClient(app, base_url="http://127.0.0.1") as robot:
        robot.headers["Authorization"] = f"Bearer {created['token']}"
        assert robot.get("/api/v1/me").json()["via"] == "token"
        assert robot.post(f"/api/v1/events/{seeded['events']['uam']}/confirm").status_code == 200  # no CSRF for tokens
        token_id = analyst.get("/api/v1/tokens").json()["items"][0]["id"]
        assert analyst.delete(f"/api/v1/tokens/{token_id}").status_code == 200
        refused = robot.get("/api/v1/events")
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_token"
    assert analyst.post("/api/v1/tokens", json={"name": "x", "username": "admin"}).status_code == 403


def test_pages_need_login_and_roles(anonymous, viewer, analyst):
    answer = anonymous.get("/events?country=VN", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=%2Fevents%3Fcountry%3DVN")
    assert viewer.get("/admin").status_code == 403 and analyst.get("/admin").status_code == 403
    assert viewer.get("/events/new").status_code == 403
    assert "data-action=\"confirm\"" not in viewer.get("/events").text
    assert "data-action=\"confirm\"" in analyst.get("/events").text


def test_login_form_with_csrf_and_safe_redirects(anonymous):
    page = anonymous.get("/login?next=//evil.example/")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    assert 'name="next" value="/"' in page.text
    bad = anonymous.post("/login", data={"username": "viewer", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401
    good = anonymous.post("/login", data={"username": "viewer", "password": PASSWORDS["viewer"], "csrf_token": token,
                                          "next": "https://evil.example/"}, follow_redirects=False)
    assert good.status_code == 303 and good.headers["location"] == "/"
    no_token = TestClient(anonymous.app, base_url="http://127.0.0.1")
    assert no_token.post("/login", data={"username": "viewer", "password": PASSWORDS["viewer"]}).status_code == 403


def test_untrusted_text_is_escaped_everywhere(viewer, seeded):
    document_id = seeded["documents"]["en-xss"]
    pages = [f"/documents/{document_id}", "/documents", "/documents?q=Partner", f"/events/{seeded['events']['xss']}",
             "/events", "/", "/sources"]
    for path in pages:
        answer = viewer.get(path)
        assert answer.status_code == 200
        text = answer.text
        assert "<script>window.__xss" not in text and "onerror=\"window" not in text and "<svg onload" not in text, path
        assert 'href="javascript:' not in text and "<b onmouseover" not in text, path
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert html.escape("<script>window.__xss = 1</script>", quote=False) in viewer.get(f"/documents/{document_id}").text
    assert "<b>bold</b>" not in viewer.get("/sources").text


def test_language_switch_localises_text_dates_and_numbers(viewer, seeded):
    japanese = viewer.get("/events?lang=ja").text
    assert "イベント" in japanese and "2025/10/20" in japanese
    assert '<html lang="ja">' in viewer.get("/").text  # remembered in the session
    english = viewer.get(f"/events/{seeded['events']['mou-vn']}?lang=en").text
    assert "Oct 20, 2025" in english and "Gangnam-gu" in english
    korean = viewer.get(f"/events/{seeded['events']['mou-vn']}?lang=ko").text
    assert "2025. 10. 20." in korean and "강남구" in korean


def test_message_catalogues_have_the_same_keys():
    from glocal.web.i18n import LANGUAGES, catalogue

    keys = {language: set(catalogue(language)) for language in LANGUAGES}
    assert keys["ko"] == keys["en"] == keys["ja"]
