"""Curation through the API: roles enforced, every change audited, nothing lost."""

from __future__ import annotations

import io

import openpyxl


def _audit(admin, entity_type="event"):
    return admin.get(f"/api/v1/audit?entity_type={entity_type}").json()["items"]


def test_a_viewer_cannot_change_an_event_and_an_analyst_can(viewer, analyst, admin, seeded):
    event_id = seeded["events"]["mou-vn"]
    refused = viewer.post(f"/api/v1/events/{event_id}/confirm")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert viewer.patch(f"/api/v1/events/{event_id}", json={"summary": "x"}).status_code == 403
    assert viewer.get(f"/api/v1/events/{event_id}").json()["status"] == "reported"
    confirmed = analyst.post(f"/api/v1/events/{event_id}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    entry = _audit(admin)[0]
    assert entry["username"] == "analyst" and entry["action"] == "update" and entry["entity_id"] == str(event_id)
    assert entry["before"]["status"] == "reported" and entry["after"]["status"] == "confirmed"


def test_anonymous_changes_get_401(anonymous, seeded):
    event_id = seeded["events"]["mou-vn"]
    for method, path, body in (
        ("post", f"/api/v1/events/{event_id}/confirm", None), ("patch", f"/api/v1/events/{event_id}", {"summary": "x"}),
        ("post", "/api/v1/events", {"type": "agreement"}), ("put", "/api/v1/settings", {"kpi_trust_target": 0.5}),
        ("post", "/api/v1/users", {"username": "eve", "password": "x" * 12}),
    ):
        answer = getattr(anonymous, method)(path, **({"json": body} if body else {}))
        assert answer.status_code == 401, (path, answer.text)


def test_edit_reject_and_registry_dates(analyst, admin, seeded):
    event_id = seeded["events"]["mou-vn"]
    edited = analyst.patch(f"/api/v1/events/{event_id}", json={
        "summary": "Gangnam–Hanoi smart-city MOU", "signed_on": "2025-10-20", "expires_on": "2028-10-19",
        "countries": ["KR", "VN", "vn"],
    }).json()
    assert edited["signed_on"] == "2025-10-20" and edited["expires_on"] == "2028-10-19" and edited["countries"] == ["KR", "VN"]
    assert analyst.patch(f"/api/v1/events/{event_id}", json={"event_date": "yesterday"}).status_code == 422
    assert analyst.patch(f"/api/v1/events/{event_id}", json={"type": "party"}).status_code == 422
    assert analyst.post(f"/api/v1/events/{event_id}/reject").json()["status"] == "rejected"
    before_after = _audit(admin)[1]
    assert before_after["before"]["summary"] is None and before_after["after"]["summary"].startswith("Gangnam")


def test_merge_duplicates_moves_sources_and_hides_the_duplicate(analyst, viewer, seeded):
    duplicate, target = seeded["events"]["dup-vn"], seeded["events"]["mou-vn"]
    merged = analyst.post(f"/api/v1/events/{duplicate}/merge", json={"into": target})
    assert merged.status_code == 200 and merged.json()["id"] == target and duplicate in merged.json()["merged_from"]
    assert viewer.get(f"/api/v1/events/{duplicate}").json()["merged_into_id"] == target
    assert duplicate not in {e["id"] for e in viewer.get("/api/v1/events").json()["items"]}
    again = analyst.post(f"/api/v1/events/{duplicate}/merge", json={"into": target})
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    assert analyst.post(f"/api/v1/events/{target}/merge", json={"into": target}).status_code == 422


def test_add_an_event_by_hand(analyst, viewer):
    created = analyst.post("/api/v1/events", json={
        "type": "agreement", "event_date": "2024-05-01", "domain": "culture_tourism", "countries": ["US"],
        "summary": "Sister-city pact with Santa Clara", "signed_on": "2024-05-01", "expires_on": "2029-04-30",
    })
    assert created.status_code == 201
    row = created.json()
    assert row["status"] == "confirmed" and row["created_by"] == "analyst" and row["source_documents"] == []
    assert viewer.get("/api/v1/events?status=confirmed&country=US").json()["total"] == 1
    assert analyst.post("/api/v1/events", json={"summary": "no type"}).status_code == 422


def test_excel_round_trip_updates_and_adds_events(analyst, viewer, seeded):
    exported = analyst.get("/api/v1/exports/events.xlsx?domain=smart_city").content
    book = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("summary") + 1, value="edited in Excel")
    sheet.append({header.index("type") + 1: "agreement", header.index("date") + 1: "2025-11-01",
                  header.index("countries") + 1: "KR; TH", header.index("summary") + 1: "MOU added in Excel"})
    buffer = io.BytesIO()
    book.save(buffer)
    answer = analyst.post("/api/v1/events/import", files={"file": ("events.xlsx", buffer.getvalue())})
    assert answer.status_code == 200, answer.text
    assert answer.json()["created"] == 1 and answer.json()["updated"] == 1
    assert viewer.get("/api/v1/events?q=edited in Excel").json()["total"] == 1
    added = viewer.get("/api/v1/events?country=TH").json()["items"][0]
    assert added["summary"] == "MOU added in Excel" and added["status"] == "confirmed"
    bad = analyst.post("/api/v1/events/import", files={"file": ("x.xlsx", b"not a workbook")})
    assert bad.status_code == 422 and bad.json()["error"]["message"].startswith("file")


def test_admin_settings_users_sources(admin, analyst, viewer):
    assert analyst.put("/api/v1/settings", json={"kpi_trust_target": 0.8}).status_code == 403
    changed = admin.put("/api/v1/settings", json={"kpi_trust_target": 0.8, "peer_regions": ["local_gov:11440"]})
    assert changed.status_code == 200 and changed.json()["values"]["kpi_trust_target"] == 0.8
    assert [r["key"] for r in viewer.get("/api/v1/regions").json()["items"]] == ["local_gov:11680", "local_gov:11440"]
    bad = admin.put("/api/v1/settings", json={"kpi_trust_target": "high"})
    assert bad.status_code == 422 and "kpi_trust_target" in bad.json()["error"]["message"]
    assert admin.put("/api/v1/settings", json={"database_url": "sqlite://"}).status_code == 422
    entries = {e["entity_id"]: e for e in _audit(admin, "setting")}
    assert entries["peer_regions"]["after"] == {"value": ["local_gov:11440"]} and entries["kpi_trust_target"]["username"] == "admin"

    assert analyst.post("/api/v1/users", json={"username": "eve", "password": "long-enough-pw"}).status_code == 403
    assert admin.post("/api/v1/users", json={"username": "eve", "password": "short"}).status_code == 422
    created = admin.post("/api/v1/users", json={"username": "eve", "password": "long-enough-pw", "role": "analyst"})
    assert created.status_code == 201
    assert admin.post("/api/v1/users", json={"username": "eve", "password": "long-enough-pw"}).status_code == 409
    assert admin.patch(f"/api/v1/users/{created.json()['id']}", json={"role": "viewer"}).json()["items"][0]["role"] == "viewer"

    assert analyst.post("/api/v1/sources", json={"name": "x", "kind": "feed", "location": "https://a.example/rss"}).status_code == 403
    assert admin.post("/api/v1/sources", json={"name": "x", "kind": "feed", "location": "file:///etc/passwd"}).status_code == 422
    added = admin.post("/api/v1/sources", json={"name": "moef", "kind": "feed", "location": "https://a.example/rss"})
    assert added.status_code == 201
    names = {s["name"]: s for s in viewer.get("/api/v1/sources").json()["items"]}
    assert names["moef"]["kind"] == "feed" and names["demo-feed"]["open_rejections"] == 1
    assert viewer.get("/api/v1/rejections").json()["items"][0]["reason"] == "empty_body"
    assert viewer.get("/api/v1/audit").status_code == 403


def test_briefings_list_download_and_generate(analyst, viewer, glocal):
    from glocal.store import models

    with glocal.session() as session:
        session.add(models.Briefing(period="2025-10", scope="ministry", language="ko", format="html",
                                    content="<h1>월간 브리핑</h1>".encode(), citations=[1]))
    listed = viewer.get("/api/v1/briefings").json()["items"]
    assert listed[0]["period"] == "2025-10"
    download = viewer.get(f"/api/v1/briefings/{listed[0]['id']}")
    assert download.status_code == 200 and "월간 브리핑" in download.text
    assert "default-src 'none'" in download.headers["content-security-policy"]
    assert viewer.post("/api/v1/briefings", json={"period": "2025-10"}).status_code == 403
    assert analyst.post("/api/v1/briefings", json={"period": "2025-13"}).status_code == 422
    bad = analyst.post("/api/v1/briefings", json={"period": "2025-10", "scope": "atlantis-gu"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_briefing"
    made = analyst.post("/api/v1/briefings", json={"period": "2025-10", "scope": "ministry", "language": "en", "format": "md"})
    assert made.status_code == 201, made.text
    stored = viewer.get(made.json()["download"])
    assert stored.status_code == 200 and stored.headers["content-type"].startswith("text/markdown")
    assert "2025" in stored.text
