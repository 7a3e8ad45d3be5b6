"""SQLite on the event loop's own thread, behind the interface SQLAlchemy's aiosqlite dialect expects.

aiosqlite runs every call (cursor, execute, fetch, close) on a worker thread and wakes the event loop
for each result: three or four thread hand-offs per statement, about 0.15 ms each here, which made a
check-in's fifteen statements cost more than everything else in it together. Our statements are indexed
lookups of microseconds, so running them inline is far cheaper than handing them off.

Inline, a statement must never wait inside SQLite: that would stop the whole event loop. So the busy
timeout is zero and a "database is locked" (another connection or process holds the write lock) is
waited out here with `asyncio.sleep`, as SQLite's own busy handler would, up to the same deadline."""
from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import Any

BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
FIRST_PAUSE, LONGEST_PAUSE = 0.001, 0.05


async def _retrying(call, deadline: float):
    pause = FIRST_PAUSE
    while True:
        try:
            return call()
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) not in BUSY_CODES or time.monotonic() >= deadline:
                raise
        await asyncio.sleep(pause)
        pause = min(pause * 2, LONGEST_PAUSE)


class InlineCursor:
    def __init__(self, cursor: sqlite3.Cursor, busy_timeout: float):
        self._cursor = cursor
        self._busy_timeout = busy_timeout

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._cursor.close()

    @property
    def description(self):
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, operation: str, parameters: Any = ()) -> InlineCursor:
        deadline = time.monotonic() + self._busy_timeout
        await _retrying(lambda: self._cursor.execute(operation, parameters), deadline)
        return self

    async def executemany(self, operation: str, seq_of_parameters) -> InlineCursor:
        rows = list(seq_of_parameters)  # an iterator could not be replayed after a busy retry
        deadline = time.monotonic() + self._busy_timeout
        await _retrying(lambda: self._cursor.executemany(operation, rows), deadline)
        return self

    async def fetchone(self):
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None):
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self):
        return self._cursor.fetchall()

    async def nextset(self) -> None:
        return None

    async def setinputsizes(self, *sizes) -> None:
        return None

    async def close(self) -> None:
        self._cursor.close()


class InlineConnection:
    """What SQLAlchemy's aiosqlite adapter calls on a driver connection, answered by sqlite3 directly."""

    def __init__(self, connection: sqlite3.Connection, busy_timeout: float):
        self._connection = connection  # the adapter checks this attribute to know the connection is open
        self._busy_timeout = busy_timeout

    @property
    def isolation_level(self):
        return self._connection.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._connection.cursor(), self._busy_timeout)

    async def execute(self, operation: str, parameters: Any = ()) -> InlineCursor:
        return await self.cursor().execute(operation, parameters)

    async def commit(self) -> None:
        await _retrying(self._connection.commit, time.monotonic() + self._busy_timeout)

    async def rollback(self) -> None:
        self._connection.rollback()

    async def create_function(self, *args, **kwargs) -> None:
        self._connection.create_function(*args, **kwargs)

    async def close(self) -> None:
        self._connection.close()

    def stop(self) -> None:
        """Terminate: there is no thread to stop, only the connection to close."""
        self._connection.close()


def inline_creator(path: str, busy_timeout: float):
    """An `async_creator` for `create_async_engine`: one inline connection per pooled connection."""

    async def connect() -> InlineConnection:
        # isolation_level=None: we issue BEGIN ourselves (models/engine.py); timeout=0: never wait inside
        # SQLite; check_same_thread=False: the pool may close a connection from the garbage collector's thread.
        connection = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
        return InlineConnection(connection, busy_timeout)

    return connect
