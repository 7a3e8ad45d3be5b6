"""SQLite runs on the event loop's thread; a lock held elsewhere is waited out without stopping the loop.

These are about the SQLite connection itself, so they run on SQLite only."""
import asyncio
import sqlite3
import threading

import pytest
from sqlalchemy import text

from models import sqlite_inline
from models.engine import make_engine


def hold_write_lock(path: str, seconds: float, locked: threading.Event) -> threading.Thread:
    """Another process's writer, played by a plain sqlite3 connection on a thread."""

    def run():
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        threading.Event().wait(seconds)
        connection.execute("COMMIT")
        connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


async def ticks_while(awaitable) -> tuple[object, int]:
    """Runs `awaitable` and counts how often another task got the loop meanwhile."""
    ticks = 0
    done = asyncio.Event()

    async def ticker():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    try:
        return await awaitable, ticks
    finally:
        done.set()
        await task


@pytest.fixture
def store(tmp_path):
    path = str(tmp_path / "lock.db")
    engine = make_engine(f"sqlite+aiosqlite:///{path}")
    yield path, engine


async def test_a_held_write_lock_is_waited_out_while_the_loop_runs(store):
    path, engine = store
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (n INTEGER)"))
    locked = threading.Event()
    holder = hold_write_lock(path, 0.3, locked)
    locked.wait()

    async def write():
        async with engine.begin() as connection:  # BEGIN IMMEDIATE: must wait for the other writer
            await connection.execute(text("INSERT INTO t VALUES (1)"))
        return "written"

    result, ticks = await ticks_while(write())
    holder.join()
    assert result == "written"
    assert ticks >= 10  # the loop went on serving others for the ~0.3 s of waiting
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar() == 1
    await engine.dispose()


async def test_a_lock_held_past_the_deadline_fails_as_sqlite_would(store, monkeypatch):
    path, _ = store
    monkeypatch.setattr(sqlite_inline, "LONGEST_PAUSE", 0.01)
    creator = sqlite_inline.inline_creator(path, busy_timeout=0.1)
    connection = await creator()
    locked = threading.Event()
    holder = hold_write_lock(path, 0.5, locked)
    locked.wait()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await connection.execute("BEGIN IMMEDIATE")
    holder.join()
    await connection.execute("BEGIN IMMEDIATE")  # free again
    await connection.commit()
    await connection.close()


async def test_rows_and_errors_come_back_as_from_sqlite3(store):
    _, engine = store
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        await connection.execute(text("INSERT INTO t VALUES (1), (2), (3)"))
        rows = (await connection.execute(text("SELECT n FROM t ORDER BY n"))).scalars().all()
        assert rows == [1, 2, 3]
        with pytest.raises(Exception, match="UNIQUE"):
            await connection.execute(text("INSERT INTO t VALUES (1)"))
    await engine.dispose()


async def test_writers_of_one_process_take_turns(store):
    """A transaction that waits on something else (say, a platform call) holds the write lock; the next
    writer of this process starts the moment it commits, and the loop serves others meanwhile."""
    _, engine = store
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE t (n INTEGER)"))
    order = []
    first_has_begun = asyncio.Event()

    async def first():
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO t VALUES (1)"))
            first_has_begun.set()
            await asyncio.sleep(0.2)
            order.append("first commits")

    async def second():
        await first_has_begun.wait()
        async with engine.begin() as connection:
            order.append("second begins")
            await connection.execute(text("INSERT INTO t VALUES (2)"))

    (_, _), ticks = await ticks_while(asyncio.gather(first(), second()))
    assert order == ["first commits", "second begins"]
    assert ticks >= 10
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT n FROM t ORDER BY n"))).scalars().all() == [1, 2]
    await engine.dispose()


async def test_a_turn_not_given_back_in_time_fails_as_a_lock_would(store):
    path, _ = store
    creator = sqlite_inline.inline_creator(path, busy_timeout=0.1)
    holder, waiter = await creator(), await creator()
    await holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        await waiter.execute("BEGIN IMMEDIATE")
    await holder.rollback()
    await waiter.execute("BEGIN IMMEDIATE")  # the turn is free again
    await waiter.rollback()
    await holder.close()
    await waiter.close()
