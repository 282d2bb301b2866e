"""A real store for the briefing tests: the whole demo corpus ingested, understood and analysed once.

The store is SQLite in a session temp directory (about 30-60 s to build); tests that need both
backends use the ``glocal`` fixture of tests/conftest.py with a few inserted rows instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from glocal.config import Settings
from glocal.pipeline.core import Glocal, demo_path
from glocal.records import SourceSpec
from glocal.report import Briefing, build_briefing
from glocal.store import models

PERIOD = "2025-10"
SCOPE = "gangnam-gu"
HOME_NAMES = ("Gangnam-gu",)
GENERATED_AT = datetime(2025, 11, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Glocal]:
    folder = tmp_path_factory.mktemp("briefing-store")
    with pytest.MonkeyPatch.context() as patch:  # no developer configuration leaks into the store
        for name in list(os.environ):
            if name.startswith("GLOCAL_") and not name.startswith("GLOCAL_TEST_"):
                patch.delenv(name)
        patch.setenv("GLOCAL_CONFIG", str(folder / "none.toml"))
        settings = Settings(data_dir=folder / "data", database_url=f"sqlite:///{folder / 'store.sqlite'}",
                            rate_limit_per_host=0.0)
        app = Glocal.open(settings)
        app.ingest([SourceSpec(name="demo-corpus", kind="files", location=str(demo_path("corpus")), credibility=0.7)])
        app.understand()
        app.analyze()
    yield app
    app.close()


@pytest.fixture(scope="session")
def answer_key() -> dict[str, dict[str, Any]]:
    """Answer-key records of the demo corpus by item id (``dst-0079``, ``min-0012``)."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((demo_path("answer_key")).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record
    return records


@pytest.fixture(scope="session")
def external_ids(demo_store: Glocal) -> dict[int, str]:
    """Document id → the demo item id it was ingested from."""
    with demo_store.session() as session:
        return {doc: ext for doc, ext in session.execute(select(models.Document.id, models.Document.external_id))}


@pytest.fixture(scope="session")
def briefings(demo_store: Glocal) -> dict[str, Briefing]:
    """The October 2025 briefing of Gangnam-gu in each language (fixed generation time)."""
    return {language: build_briefing(demo_store, PERIOD, SCOPE, language, generated_at=GENERATED_AT)
            for language in ("ko", "en", "ja")}


@pytest.fixture(scope="session")
def artefacts() -> Path:
    folder = Path(os.environ.get("GLOCAL_TEST_ARTEFACTS", "/tmp/glocal-artefacts")) / "briefings"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
