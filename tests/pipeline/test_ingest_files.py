"""Ingesting a folder of good and broken files: idempotent, deduplicated, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from glocal.records import SourceSpec
from glocal.store import models, repository
from tests.snapshots import snapshot

STORY_KO = (
    "국토교통부는 20일 베트남 하노이에서 건설부 차관과 회담을 열고 도시개발과 철도, 항공 분야 협력을 "
    "확대하기로 했다. 양측은 박닌성 스마트시티 시범사업의 진행 상황도 점검했다."
)
STORY_KO_EDIT = (
    "국토교통부는 지난 20일 베트남 하노이에서 건설부 차관과 회담을 갖고 도시개발·철도·항공 분야 협력을 "
    "확대하기로 했다. 양측은 박닌성 스마트시티 시범사업 진행 상황도 함께 점검했다."
)
STORY_EN = (
    "Korea's first vice minister of land met Vietnam's construction vice minister in Hanoi and agreed to deepen "
    "cooperation on urban development, infrastructure, rail and aviation."
)
STORY_JA = "韓国国土交通部の第1次官は10月20日、ハノイでベトナム建設省の次官と会談し、都市開発や鉄道分野での協力拡大で合意した。"


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a_ko.txt").write_text("하노이 회담\n\n" + STORY_KO, encoding="utf-8")
    (folder / "b_ko_edit.txt").write_text("베트남과 협력 확대\n\n" + STORY_KO_EDIT, encoding="cp949")
    (folder / "c_ja.txt").write_text("ハノイで次官級会談\n\n" + STORY_JA, encoding="utf-8")
    records = [
        {"id": "x1", "url": "https://wire.example/2025/10/20/hanoi?utm_source=rss", "title": "Korea, Vietnam talks", "body": STORY_EN, "published": "2025-10-20T18:00:00+07:00"},
        {"id": "x2", "url": "https://daily.example/a/77", "title": "Seoul and Hanoi deepen ties", "body": STORY_EN + " A pilot runs in Bac Ninh.", "published": "2025-10-21T08:00:00+09:00"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(1, "{this is not json")
    (folder / "d_feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n% truncated")
    (folder / "not_really.docx").write_bytes(b"PK\x03\x04 this is no archive")
    (folder / "legacy.hwp").write_bytes(b"\xd0\xcf\x11\xe0 binary hwp")
    return folder


def test_folder_with_good_and_broken_files(glocal, tmp_path):
    folder = write_corpus(tmp_path / "inbox")
    spec = SourceSpec(name="inbox", kind="files", location=str(folder))
    report = glocal.ingest([spec])
    assert report.total("documents_added") == 5
    state = snapshot(glocal)
    languages = sorted(d[3] for d in state["documents"])
    assert languages == ["en", "en", "ja", "ko", "ko"]
    reasons = {(key, reason) for _, key, _, reason, _ in state["rejections"]}
    assert ("empty.txt", "empty_body") in reasons
    assert any(key == "broken.pdf" for key, _ in reasons)
    assert any(key == "not_really.docx" for key, _ in reasons)
    assert any(key == "legacy.hwp" for key, _ in reasons)
    assert any(key.startswith("d_feed.jsonl#") for key, _ in reasons)
    # canonical URL: tracking parameter removed
    assert "https://wire.example/2025/10/20/hanoi" in [d[0] for d in state["documents"]]
    # the lightly edited Korean story and the two English reprints are grouped, other stories not
    multi = [g for g in state["groups"] if len(g) > 1]
    assert len(multi) == 2
    assert ["https://daily.example/a/77", "https://wire.example/2025/10/20/hanoi"] in multi

    second = glocal.ingest([spec])
    assert second.total("documents_added") == 0 and second.total("documents_updated") == 0
    assert snapshot(glocal) == state


def test_changed_item_updates_its_document_in_place(glocal, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    item = {"url": "https://news.example/1", "title": "Smart city MOU", "body": STORY_EN}
    path = folder / "n.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    spec = SourceSpec(name="news", kind="files", location=str(folder))
    glocal.ingest([spec])
    item["body"] = STORY_EN + " The ministry corrected the date of the meeting."
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    report = glocal.ingest([spec])
    assert (report.total("documents_added"), report.total("documents_updated")) == (0, 1)
    with glocal.session() as session:
        rows = session.scalars(select(models.Document)).all()
        assert len(rows) == 1 and rows[0].body.endswith("meeting.")


def test_a_fixed_file_resolves_its_rejection(glocal, tmp_path):
    folder = tmp_path / "fix"
    folder.mkdir()
    (folder / "note.txt").write_text("", encoding="utf-8")
    spec = SourceSpec(name="fix", kind="files", location=str(folder))
    glocal.ingest([spec])
    with glocal.session() as session:
        assert [r.reason for r in repository.open_rejections(session)] == ["empty_body"]
    (folder / "note.txt").write_text("Notice\n\n" + STORY_EN, encoding="utf-8")
    glocal.ingest([spec])
    with glocal.session() as session:
        assert repository.open_rejections(session) == []


def test_missing_folder_is_a_source_error_recorded_and_the_run_goes_on(glocal, tmp_path):
    good = write_corpus(tmp_path / "good")
    specs = [
        SourceSpec(name="gone", kind="files", location=str(tmp_path / "nowhere")),
        SourceSpec(name="good", kind="files", location=str(good)),
    ]
    report = glocal.ingest(specs)
    assert report.sources[0].error and report.sources[1].documents_added == 5
    with glocal.session() as session:
        statuses = {s.name: s.last_status for s in repository.list_sources(session)}
    assert statuses == {"gone": "failed", "good": "partial"}
