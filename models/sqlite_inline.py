"""SQLite on the event loop's own thread, behind the interface SQLAlchemy's aiosqlite dialect expects.

aiosqlite runs every call (cursor, execute, fetch, close) on a worker thread and wakes the event loop
for each result: three or four thread hand-offs per statement, about 0.15 ms each here, which made a
check-in's fifteen statements cost more than everything else in it together. Our statements are indexed
lookups of microseconds, so running them inline is far cheaper than handing them off.

Inline, a statement must never wait inside SQLite: that would stop the whole event loop. So:
- writers of this process take turns on an asyncio lock, taken at BEGIN and given back at COMMIT or
  ROLLBACK, so the next one starts the moment the last one ends;
- a writer of another process is met with a zero busy timeout, and its "database is locked" is waited
  out here with `asyncio.sleep`, as SQLite's own busy handler would, up to the same deadline.

COMMIT stays inline too, although it waits for the disk (about 0.25 ms here): handing it to a thread
cost more than the wait (measured with bench/checkin.py, 2.9 against 2.4 ms of CPU a check-in)."""
from __future__ import annotations

import asyncio
import sqlite3
import time
import weakref
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


class WriterTurns:
    """One write transaction at a time among this process's connections to one database file."""

    def __init__(self, busy_timeout: float):
        self.busy_timeout = busy_timeout
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()

    async def take(self) -> asyncio.Lock:
        lock = self._locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())
        if not lock.locked():  # the usual case: taken at once, without the cost of a timeout
            await lock.acquire()
            return lock
        try:
            await asyncio.wait_for(lock.acquire(), self.busy_timeout)
        except TimeoutError:
            raise sqlite3.OperationalError("database is locked (another transaction of this process)") from None
        return lock


class InlineCursor:
    def __init__(self, connection: InlineConnection, cursor: sqlite3.Cursor):
        self._connection = connection
        self._cursor = cursor
        self._busy_timeout = connection.turns.busy_timeout

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
        begins = operation.startswith("BEGIN")
        if begins:
            await self._connection.take_turn()
        deadline = time.monotonic() + self._busy_timeout
        try:
            await _retrying(lambda: self._cursor.execute(operation, parameters), deadline)
        except BaseException:
            if begins:
                self._connection.end_turn()
            raise
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

    def __init__(self, connection: sqlite3.Connection, turns: WriterTurns):
        self._connection = connection  # the adapter checks this attribute to know the connection is open
        self.turns = turns
        self._turn: asyncio.Lock | None = None

    async def take_turn(self) -> None:
        if self._turn is None:
            self._turn = await self.turns.take()

    def end_turn(self) -> None:
        if self._turn is not None:
            self._turn, turn = None, self._turn
            turn.release()

    @property
    def isolation_level(self):
        return self._connection.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self, self._connection.cursor())

    async def execute(self, operation: str, parameters: Any = ()) -> InlineCursor:
        return await self.cursor().execute(operation, parameters)

    async def commit(self) -> None:
        try:
            if self._connection.in_transaction:
                deadline = time.monotonic() + self.turns.busy_timeout
                await _retrying(self._connection.commit, deadline)
        finally:
            self.end_turn()

    async def rollback(self) -> None:
        try:
            self._connection.rollback()
        finally:
            self.end_turn()

    async def create_function(self, *args, **kwargs) -> None:
        self._connection.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Terminate: there is no thread to stop, only the connection to close."""
        try:
            self._connection.close()
        finally:
            self.end_turn()


def inline_creator(path: str, busy_timeout: float):
    """An `async_creator` for `create_async_engine`: one inline connection per pooled connection, all of them
    taking turns to write."""
    turns = WriterTurns(busy_timeout)

    async def connect() -> InlineConnection:
        # isolation_level=None: we issue BEGIN ourselves (models/engine.py); timeout=0: never wait inside
        # SQLite; check_same_thread=False: the pool may close a connection from the garbage collector's thread.
        connection = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
        return InlineConnection(connection, turns)

    return connect
