"""The one object the CLI, the web app and tests build from settings; it delegates to stages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from glocal.config import Settings, database_url, declared_sources, load_settings
from glocal.errors import SourceError
from glocal.pipeline.ingest import IngestReport, IngestRunner
from glocal.pipeline.progress import Progress

if TYPE_CHECKING:
    from glocal.pipeline.analyze import AnalyzeReport
    from glocal.pipeline.understand import UnderstandReport
from glocal.records import SourceSpec
from glocal.store import repository
from glocal.store.db import make_engine, migrate, session_factory, transaction


def demo_path(name: str) -> Path:
    """Folder of the demo data bundled with the package (``corpus``, ``inbox``, ``answer_key``)."""
    return Path(str(resources.files("glocal") / "demo" / name))


DEMO_SOURCES = (
    ("demo-corpus", "corpus", 0.7),
    ("demo-inbox", "inbox", 0.5),
)


def demo_sources() -> list[SourceSpec]:
    return [
        SourceSpec(name=name, kind="files", location=str(demo_path(folder)), credibility=credibility)
        for name, folder, credibility in DEMO_SOURCES
    ]


class Glocal:
    """A store plus the settings to run stages against it."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.sessions: sessionmaker[Session] = session_factory(engine)

    @classmethod
    def open(cls, settings: Settings | None = None, *, upgrade: bool = True) -> Glocal:
        settings = settings or load_settings()
        engine = make_engine(database_url(settings), settings.db_pool_size, settings.db_max_overflow)
        if upgrade:
            migrate(engine)
        return cls(settings, engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with transaction(self.sessions) as session:
            yield session

    # --- sources ------------------------------------------------------------------------------

    def add_source(self, spec: SourceSpec, origin: str = "cli") -> None:
        with self.session() as session:
            repository.upsert_source(session, spec, origin)

    def sources_to_run(self, names: list[str] | None = None) -> list[SourceSpec]:
        """Sources from glocal.toml (synced into the store) plus those added by CLI; or ``names``."""
        config_specs = declared_sources()
        with self.session() as session:
            for spec in config_specs:
                repository.upsert_source(session, spec, "config")
            stored = {s.name: repository.source_spec(s) for s in repository.list_sources(session) if s.enabled}
        if not names:
            return [stored[name] for name in sorted(stored) if not name.startswith("demo-")]
        missing = [name for name in names if name not in stored]
        if missing:
            raise SourceError(
                f"unknown source(s): {', '.join(missing)}",
                hint="List sources with `glocal sources list` or add one with `glocal sources add`.",
            )
        return [stored[name] for name in names]

    # --- runs ---------------------------------------------------------------------------------

    def ingest(self, specs: list[SourceSpec], progress: Progress | None = None, origin: str = "cli") -> IngestReport:
        return IngestRunner(self.settings, self.sessions, progress).run(specs, origin=origin)

    def understand(self, progress: Progress | None = None) -> UnderstandReport:
        """Analyse new or changed documents: sentences, keywords, actors, events, tone."""
        from glocal.pipeline.understand import UnderstandRunner  # loads NLP models only when asked

        return UnderstandRunner(self.settings, self.sessions, progress).run()

    def analyze(self, progress: Progress | None = None, full: bool = False) -> AnalyzeReport:
        """Embeddings, topics (incremental unless ``full`` or first run), indicators and Trust Index."""
        from glocal.pipeline.analyze import AnalyzeRunner

        return AnalyzeRunner(self.settings, self.sessions, progress).run(full=full)
