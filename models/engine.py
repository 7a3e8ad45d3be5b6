"""Opening the store: one async engine per process, SQLite tuned for a single busy writer."""
from __future__ import annotations

from sqlalchemy import event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from models.sqlite_inline import inline_creator

SQLITE_BUSY_TIMEOUT_MS = 5000


def make_engine(url: str, **kwargs) -> AsyncEngine:
    if url.startswith("sqlite"):
        # The aiosqlite dialect, with connections that run SQLite inline instead of on a thread per connection.
        creator = inline_creator(make_url(url).database or ":memory:", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_async_engine(url, async_creator=creator, **kwargs)
        _tune_sqlite(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: AsyncEngine) -> None:
    # The sqlite3 driver opens transactions lazily and ignores SAVEPOINT semantics; taking over BEGIN
    # (the connection is opened in autocommit mode) makes "one transaction per update" and nested
    # rollbacks behave as on PostgreSQL. Waiting for a lock happens in models/sqlite_inline.py.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # /forgetme promises erased data is gone from the file too: overwrite deleted content, whatever
        # default the SQLite build was compiled with.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection):
        # IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
        # failing half-way with "database is locked".
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
