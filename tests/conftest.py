"""Shared fixtures. Store tests run against SQLite and the PostgreSQL server on 127.0.0.1:5432.

GLOCAL_TEST_BACKENDS selects backends (default "sqlite,postgresql"); GLOCAL_TEST_PG_URL points
at a PostgreSQL server database used to create a throwaway test database. PostgreSQL being
unreachable is an error, not a skip: CI must exercise it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from glocal.config import Settings
from glocal.pipeline.core import Glocal
from glocal.store.db import make_engine, migrate
from glocal.store.models import Base

PG_ADMIN_URL = os.environ.get("GLOCAL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = [b.strip() for b in os.environ.get("GLOCAL_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's glocal.toml or GLOCAL_* environment."""
    for name in list(os.environ):
        if name.startswith("GLOCAL_") and not name.startswith("GLOCAL_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GLOCAL_CONFIG", str(tmp_path / "glocal.toml"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file copied for each test (migrating once keeps the suite fast)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for the session, dropped afterwards."""
    name = f"glocal_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - environment problem, reported loudly
        pytest.fail(
            f"PostgreSQL at {PG_ADMIN_URL} is not reachable ({exc}). Start it, point GLOCAL_TEST_PG_URL "
            "at a server, or set GLOCAL_TEST_BACKENDS=sqlite to run SQLite only.",
            pytrace=False,
        )
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated store on each backend in turn."""
    if request.param == "sqlite":
        path = tmp_path / "store.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
        _truncate_postgres(url)
        return url
    raise ValueError(f"unknown backend {request.param}")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings for a test store: no politeness delays, small batches to exercise batching."""
    return Settings(
        data_dir=tmp_path / "data", database_url=database_url, rate_limit_per_host=0.0,
        ingest_batch_size=7, http_timeout=5.0,
    )


@pytest.fixture
def glocal(settings: Settings) -> Iterator[Glocal]:
    app = Glocal.open(settings)
    yield app
    app.close()
