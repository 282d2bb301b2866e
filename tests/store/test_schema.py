"""The schema migrates on both backends and stores what the product needs, faithfully."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import inspect, select

from glocal import records
from glocal.store import models, repository
from glocal.store.db import make_engine, migrate, needs_migration

EXPECTED_TABLES = {
    "sources", "documents", "rejections", "ingest_runs", "actors", "actor_aliases", "mentions",
    "events", "event_parties", "event_countries", "event_sources", "document_analyses", "topics",
    "topic_memberships", "analysis_runs", "embeddings", "indicator_values", "users", "api_tokens",
    "audit_log", "setting_overrides", "briefings",
}


def test_migrations_create_the_whole_schema_and_are_idempotent(database_url):
    engine = make_engine(database_url)
    migrate(engine)  # second time: nothing to do
    assert not needs_migration(engine)
    assert EXPECTED_TABLES <= set(inspect(engine).get_table_names())
    engine.dispose()


def _document(url: str | None, body: str = "강남구는 산타클라라와 스타트업 교류 협약을 맺었다.") -> records.Document:
    return records.Document(
        source="s", item_key=url or "file.txt", url=url, canonical_url=url, title="제목", body=body,
        content_hash="ab" * 32, language="ko", language_confidence=0.99,
        published_at=datetime(2025, 10, 20, 9, 30, tzinfo=timezone(timedelta(hours=9))),
        meta={"k": [1, 2]},
    )


def test_documents_round_trip_times_as_utc_and_json(glocal):
    with glocal.session() as session:
        source = repository.upsert_source(session, records.SourceSpec("s", "files", "/tmp"), "cli")
        session.add(repository.new_document_row(_document("https://a.example/1"), source.id, None))
    with glocal.session() as session:
        row = session.scalar(select(models.Document))
        assert row.published_at == datetime(2025, 10, 20, 0, 30, tzinfo=timezone.utc)
        assert row.meta == {"k": [1, 2]}
        assert row.doc_key == "https://a.example/1"
        assert row.body.startswith("강남구")


def test_documents_without_url_are_keyed_by_content_hash():
    assert repository.doc_key(_document(None)) == "sha256:" + "ab" * 32


def test_recording_the_same_rejection_twice_keeps_one_row(glocal):
    rejection = records.Rejection("s", "bad.pdf", "parse", "malformed_pdf", "broken", "re-export it")
    with glocal.session() as session:
        repository.record_rejections(session, [rejection])
    with glocal.session() as session:
        repository.record_rejections(session, [rejection])
    with glocal.session() as session:
        rows = repository.open_rejections(session)
        assert [(r.item_key, r.reason, r.hint) for r in rows] == [("bad.pdf", "malformed_pdf", "re-export it")]
        repository.resolve_rejections(session, "s", ["bad.pdf"])
    with glocal.session() as session:
        assert repository.open_rejections(session) == []
