"""The same batch stages as Ray tasks: results equal the in-process run."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.records import SourceSpec
from glocal.store import models

pytestmark = pytest.mark.slow

ITEMS = [
    {"url": "https://a.example/1", "published": "2025-10-21T09:00:00+09:00", "title": "국토부, 베트남과 스마트시티 협력 양해각서 체결",
     "body": "국토교통부는 지난 20일 베트남 하노이에서 베트남 건설부와 스마트시티 협력 양해각서를 체결했다고 21일 밝혔다."},
    {"url": "https://b.example/2", "published": "2025-10-21T10:00:00+09:00", "title": "Korea and Vietnam sign smart city MOU",
     "body": "South Korea's land ministry signed a memorandum of understanding on smart city cooperation with Vietnam's Ministry of Construction in Hanoi on Monday."},
    {"url": "https://c.example/3", "published": "2025-10-22T10:00:00+09:00", "title": "韓国とベトナム、スマートシティで覚書",
     "body": "韓国国土交通部は20日、ハノイでベトナム建設省とスマートシティ協力の覚書を締結した。"},
]


def _run(tmp_path, name: str, **overrides) -> dict:
    folder = tmp_path / f"news-{name}"
    folder.mkdir()
    (folder / "news.jsonl").write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS), encoding="utf-8")
    glocal = Glocal.open(Settings(data_dir=tmp_path / name, **overrides))
    try:
        glocal.ingest([SourceSpec(name="news", kind="files", location=str(folder))])
        understood = glocal.understand()
        analysed = glocal.analyze()
        with glocal.session() as session:
            tones = dict(session.execute(select(models.Document.url, models.DocumentAnalysis.tone)
                                         .join(models.DocumentAnalysis)).all())
            vectors = dict(session.execute(select(models.Embedding.content_hash, models.Embedding.vector)).all())
        return {"understood": understood.documents, "embedded": analysed.embedded, "tones": tones, "vectors": vectors}
    finally:
        glocal.close()


def test_understanding_and_embeddings_on_ray_match_the_local_run(tmp_path):
    import ray  # in the test extra: a missing Ray is a failure, not a skip

    local = _run(tmp_path, "local")
    try:
        distributed = _run(tmp_path, "ray", executor="ray", workers=1)
    finally:
        ray.shutdown()
    assert distributed["understood"] == local["understood"] == 3
    assert distributed["embedded"] == local["embedded"] == 3
    assert distributed["tones"] == pytest.approx(local["tones"], abs=1e-5)
    assert set(distributed["vectors"]) == set(local["vectors"])
