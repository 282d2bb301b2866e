"""The understanding stage over a real store: new or changed documents only, failures recorded."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from glocal.records import SourceSpec
from glocal.store import models, repository

NEWS = [
    {"url": "https://wire.example/hanoi", "published": "2025-10-21T09:00:00+09:00",
     "title": "국토부, 베트남 건설부와 도시개발 협력 확대",
     "body": "국토교통부 제1차관은 지난 20일 베트남 하노이에서 베트남 건설부 차관과 회담을 열고 도시개발과 철도, 항공 분야 협력을 확대하기로 했다. 양측은 박닌성 스마트시티 시범사업도 점검했다."},
    {"url": "https://daily.example/hanoi-en", "published": "2025-10-20T18:00:00+07:00",
     "title": "Korea, Vietnam agree to deepen urban development ties",
     "body": "Korea's first vice minister of land met Vietnam's construction vice minister in Hanoi on Monday and agreed to deepen cooperation on urban development, rail and aviation. A Korean smart city pilot is under way in Bac Ninh province."},
    {"url": "https://biz.example/archer", "published": "2025-10-21T08:00:00+09:00",
     "title": "大韓航空、米アーチャーとeVTOLで独占提携",
     "body": "大韓航空は10月20日、米アーチャー・アビエーションと韓国での独占的なパートナーシップを結んだ。最大100機のミッドナイト機を購入できるオプションも含まれる。"},
    {"url": "https://local.example/weather", "published": "2025-10-22T07:00:00+09:00",
     "title": "서울 아침 기온 영하권",
     "body": "22일 서울의 아침 기온이 올가을 들어 처음으로 영하권으로 떨어졌다. 기상청은 당분간 쌀쌀한 날씨가 이어질 것이라고 예보했다."},
]


@pytest.fixture
def stored(glocal, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in NEWS), encoding="utf-8")
    glocal.ingest([SourceSpec(name="news", kind="files", location=str(folder))])
    return path


def count(glocal, model) -> int:
    with glocal.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_understanding_stores_analyses_mentions_events(glocal, stored):
    report = glocal.understand()
    assert (report.documents, report.failed) == (4, 0)
    with glocal.session() as session:
        analyses = {a.document_id: a for a in session.scalars(select(models.DocumentAnalysis))}
        assert len(analyses) == 4 and all(-1 <= a.tone <= 1 and a.keywords for a in analyses.values())
        keys = set(session.scalars(select(models.Actor.key)))
        assert {"country:VN", "country:KR"} <= keys
        event_types = set(session.scalars(select(models.Event.type)))
        assert {"meeting", "agreement"} & event_types
        countries = set(session.scalars(select(models.EventCountry.country_code)))
        assert "VN" in countries
    # nothing new: nothing to do
    assert glocal.understand().documents == 0


def test_only_changed_documents_are_reprocessed(glocal, stored):
    glocal.understand()
    items = [json.loads(line) for line in stored.read_text(encoding="utf-8").splitlines()]
    items[3]["body"] += " 주말에는 기온이 다시 오를 전망이다."
    stored.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    glocal.ingest([SourceSpec(name="news", kind="files", location=str(stored.parent))])
    assert glocal.understand().documents == 1


def test_a_failing_document_is_recorded_and_skipped(glocal, stored, monkeypatch):
    import glocal.nlp.understand as stage

    original = stage.link_actors

    def flaky(text, language):
        if "アーチャー" in text:
            raise RuntimeError("synthetic failure")
        return original(text, language)

    monkeypatch.setattr(stage, "link_actors", flaky)
    report = glocal.understand()
    assert (report.documents, report.failed) == (3, 1)
    with glocal.session() as session:
        (rejection,) = repository.open_rejections(session)
        assert rejection.stage == "understand" and "synthetic failure" in rejection.message
    monkeypatch.setattr(stage, "link_actors", original)
    assert glocal.understand().documents == 1  # retried, and the rejection resolved
    with glocal.session() as session:
        assert repository.open_rejections(session) == []
