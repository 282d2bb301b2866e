"""Engine, sessions and schema migrations for SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from glocal.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout.

    A web server needs a pool larger than the requests it can have in flight: a request's session
    keeps its connection until the commit after the handler, while other requests wait for one."""
    pool = {"pool_size": pool_size, "max_overflow": max_overflow}
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **pool)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection):  # type: ignore[no-untyped-def]
            # a writer takes the write lock up front: a deferred transaction that reads, then
            # writes after another writer committed fails at once with "database is locked"
            immediate = connection.get_execution_options().get(IMMEDIATE_OPTION)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


IMMEDIATE_OPTION = "glocal_write_transaction"
FLUSHED = "glocal_flushed"


@event.listens_for(Session, "after_flush")
def _mark_flushed(session: Session, _context) -> None:  # type: ignore[no-untyped-def]
    session.info[FLUSHED] = True


@event.listens_for(Session, "after_transaction_end")
def _clear_flushed(session: Session, transaction) -> None:  # type: ignore[no-untyped-def]
    if transaction.parent is None:
        session.info.pop(FLUSHED, None)


def begin_write(session: Session) -> None:
    """Declare that this session's transaction will write (call before its first query).

    On SQLite the transaction then starts with BEGIN IMMEDIATE, so concurrent writers queue on the
    busy timeout instead of failing; a read-only transaction already open is ended first. On
    PostgreSQL nothing changes (row locks and MVCC handle it)."""
    if session.get_bind().dialect.name != "sqlite":
        return
    if session.in_transaction():
        if session.new or session.dirty or session.deleted or session.info.get(FLUSHED):
            return  # already writing: it holds or will take the lock with its first flush
        connection = session.connection()
        if connection.get_execution_options().get(IMMEDIATE_OPTION):
            return
        session.commit()
    session.connection(execution_options={IMMEDIATE_OPTION: True})


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    config = _alembic_config(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(
            f"cannot open the store at {engine.url.render_as_string(hide_password=True)}: {exc.orig}",
            hint="Check GLOCAL_DATABASE_URL (is the server running? does the folder exist?).",
        ) from exc


def needs_migration(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() != head


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
