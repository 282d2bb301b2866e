"""Every read endpoint: answers a viewer, refuses anonymous requests, validates its filters."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pyarrow.parquet as pq
import pytest

READ_ENDPOINTS = [
    "/api/v1/documents", "/api/v1/documents/{doc}", "/api/v1/search?q=smart", "/api/v1/actors", "/api/v1/actors/{actor}",
    "/api/v1/events", "/api/v1/events/{event}", "/api/v1/overview", "/api/v1/periods", "/api/v1/topics",
    "/api/v1/topics/{topic}/documents", "/api/v1/regions", "/api/v1/compare", "/api/v1/indicators?scope_kind=region",
    "/api/v1/indicators/series?scope_kind=region&scope_key=local_gov:11680&metric=trust", "/api/v1/kpis",
    "/api/v1/trust?scope_key=local_gov:11680", "/api/v1/network", "/api/v1/partners", "/api/v1/partners/map.svg",
    "/api/v1/runs", "/api/v1/briefings", "/api/v1/exports", "/api/v1/exports/events.csv", "/api/v1/sources",
    "/api/v1/rejections", "/api/v1/settings", "/api/v1/me", "/api/v1/tokens",
]


def _fill(path: str, seeded, client) -> str:
    topic = client.get("/api/v1/topics").json()["items"][0]["topic_id"] if "{topic}" in path else 0
    return path.format(doc=seeded["documents"]["ko-vn"], actor=seeded["actors"]["country:VN"],
                       event=seeded["events"]["mou-vn"], topic=topic)


@pytest.mark.parametrize("path", READ_ENDPOINTS)
def test_anonymous_requests_get_401_in_the_error_shape(anonymous, viewer, seeded, path):
    answer = anonymous.get(_fill(path, seeded, viewer))
    assert answer.status_code == 401
    body = answer.json()
    assert body["ok"] is False and body["error"]["code"] == "not_authenticated" and body["error"]["hint"]


@pytest.mark.parametrize("path", READ_ENDPOINTS)
def test_a_viewer_reads_every_endpoint(viewer, seeded, path):
    answer = viewer.get(_fill(path, seeded, viewer))
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("query,parameter", [
    ("period=2025-13", "period"), ("period=last-month", "period"), ("country=VNM", "country"),
    ("domain=space", "domain"), ("type=party", "type"), ("limit=0", "limit"), ("limit=abc", "limit"),
    ("offset=-1", "offset"), ("language=KOREAN", "language"), ("status=maybe", "status"),
])
def test_malformed_filters_get_422_naming_the_parameter(viewer, query, parameter):
    for endpoint in ("/api/v1/events", "/api/v1/documents"):
        answer = viewer.get(f"{endpoint}?{query}")
        assert answer.status_code == 422, answer.text
        error = answer.json()["error"]
        assert error["code"] == "invalid_parameter" and error["message"].startswith(parameter), error


def test_unknown_rows_and_routes_share_the_error_shape(viewer):
    for path in ("/api/v1/events/999999", "/api/v1/documents/999999", "/api/v1/nothing-here"):
        answer = viewer.get(path)
        assert answer.status_code == 404
        assert set(answer.json()) == {"ok", "error"} and set(answer.json()["error"]) == {"code", "message", "hint"}


def test_event_filters_and_pagination(viewer, seeded):
    everything = viewer.get("/api/v1/events").json()
    assert everything["total"] == 5
    vietnam = viewer.get("/api/v1/events?country=vn&period=2025-10&type=agreement").json()
    assert {e["id"] for e in vietnam["items"]} == {seeded["events"]["mou-vn"], seeded["events"]["dup-vn"]}
    assert viewer.get("/api/v1/events?domain=mobility_uam").json()["items"][0]["parties"][0]["name_en"] == "Korean Air"
    assert viewer.get("/api/v1/events?region=local_gov:11440").json()["total"] == 1
    assert viewer.get("/api/v1/events?language=en&period=2025-Q4").json()["total"] == 3
    page = viewer.get("/api/v1/events?limit=2&offset=2").json()
    assert page["limit"] == 2 and page["offset"] == 2 and len(page["items"]) == 2
    detail = viewer.get(f"/api/v1/events/{seeded['events']['mou-vn']}").json()
    assert len(detail["source_documents"]) == 3 and detail["countries"] == ["KR", "VN"]


def test_document_filters_and_detail(viewer, seeded):
    assert viewer.get("/api/v1/documents?language=ja").json()["total"] == 1
    assert viewer.get("/api/v1/documents?period=2025-09").json()["total"] == 1
    assert viewer.get("/api/v1/documents?country=US").json()["items"][0]["id"] == seeded["documents"]["en-uam"]
    assert viewer.get("/api/v1/documents?region=local_gov:11680").json()["total"] == 1
    detail = viewer.get(f"/api/v1/documents/{seeded['documents']['ko-vn']}").json()
    mention = detail["mentions"][0]
    assert detail["body"][mention["start"]:mention["end"]] == "강남구"
    assert detail["events"][0]["span"] is not None


def test_analysis_endpoints_read_the_latest_run(viewer):
    overview = viewer.get("/api/v1/overview").json()
    assert overview["period"] == "2025-10"
    assert {k["metric"]: k["met"] for k in overview["kpis"]} == {
        "trust": False, "agreement_growth": True, "participation_programmes": False}
    assert [p for p, _ in overview["trends"]["trust"]] == ["2025-09", "2025-10"]
    assert overview["axes"]["industry"] == 0.5
    topics = viewer.get("/api/v1/topics?period=2025-10").json()["items"]
    assert topics[0]["label"].startswith("Smart city") and topics[0]["centrality"] == 0.92
    compare = viewer.get("/api/v1/compare").json()
    home = next(r for r in compare["items"] if r["is_home"])
    assert home["name_ko"] == "강남구" and home["metrics"]["projects"] == 4
    trust = viewer.get("/api/v1/trust?scope_key=local_gov:11680").json()
    assert abs(sum(c["weight"] for c in trust["components"]) - 1) < 1e-6 and trust["evidence_documents"]
    assert viewer.get("/api/v1/trust?scope_key=nowhere").status_code == 404


def test_network_is_deterministic_and_weighted_by_shared_events(viewer):
    first = viewer.get("/api/v1/network").json()
    assert first == viewer.get("/api/v1/network").json()
    names = {n["id"]: n["name_en"] for n in first["nodes"]}
    pairs = {frozenset((names[e["source"]], names[e["target"]])) for e in first["edges"]}
    assert frozenset(("Gangnam-gu", "Hanoi")) in pairs


def test_partner_map_shades_partner_countries_offline(viewer):
    svg = viewer.get("/api/v1/partners/map.svg?lang=ko").text
    assert svg.startswith("<svg") and 'class="vn country map-element partner"' in svg and "베트남" in svg
    assert "http://" not in svg.split("<g", 1)[0].replace("http://www.w3.org/2000/svg", "")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "parquet"])
def test_exports_in_every_format(viewer, fmt):
    answer = viewer.get(f"/api/v1/exports/events.{fmt}?country=VN")
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    content = answer.content
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        header, *values = list(sheet.values)
        rows = [dict(zip(header, v, strict=True)) for v in values]
    elif fmt == "json":
        rows = json.loads(content)
    else:
        rows = pq.read_table(io.BytesIO(content)).to_pylist()
    assert len(rows) == 3 and {"id", "type", "status"} <= set(rows[0])
    for dataset in ("documents", "topics", "indicators"):
        assert viewer.get(f"/api/v1/exports/{dataset}.{fmt}").status_code == 200


def test_spreadsheet_exports_neutralise_formulas(analyst, seeded):
    analyst.patch(f"/api/v1/events/{seeded['events']['uam']}", json={"summary": "=HYPERLINK(\"http://evil\")"})
    text = analyst.get("/api/v1/exports/events.csv?domain=mobility_uam").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_search_falls_back_to_text_match_without_embeddings(viewer, seeded):
    answer = viewer.get("/api/v1/search?q=Hanoi").json()
    assert answer["mode"] == "text" and "embeddings" in answer["note"]
    assert [d["id"] for d in answer["items"]] == [seeded["documents"]["en-vn"]]
    assert viewer.get("/api/v1/search").status_code == 422
