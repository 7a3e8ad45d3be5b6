"""Fixtures: every store test runs on a SQLite file and on a real PostgreSQL."""
from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import migrate
from bot.fake import FakeMessenger, FakePlatform
from handlers.core.clock import FixedClock
from handlers.core.context import Defaults
from handlers.core.dispatcher import Dispatcher
from models import Base
from models.engine import make_engine, make_sessionmaker
from support.dialog import Dialog
from support.postgres import postgres_server

DATABASES = ["sqlite", "postgresql"]


async def migrate_to_head(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(url, connection=sync))
    await engine.dispose()


def run_aside(coroutine_function, *args):
    """Runs set-up work on its own event loop in a thread, so sync fixtures can do async work
    without touching the loop the tests run on."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_function(*args)).result()


@pytest.fixture(scope="session")
def postgres_url():
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def migrated_postgres(postgres_url):
    run_aside(migrate_to_head, postgres_url)
    return postgres_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    run_aside(migrate_to_head, f"sqlite+aiosqlite:///{path}")
    return path


async def empty_all_tables(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as connection:
        tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    await engine.dispose()


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path) -> str:
    """A migrated, empty store: a fresh SQLite file, or the test PostgreSQL with every table emptied."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "classbridge.db"
        shutil.copy(template, path)
        return f"sqlite+aiosqlite:///{path}"
    url = request.getfixturevalue("migrated_postgres")
    run_aside(empty_all_tables, url)
    return url


@pytest.fixture
async def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine):
    return make_sessionmaker(engine)


@pytest.fixture
def clock() -> FixedClock:
    # A Tuesday morning in Beijing.
    return FixedClock(datetime(2026, 11, 24, 1, 0, tzinfo=UTC))


@pytest.fixture
def dialog(sessions, clock) -> Dialog:
    platform = FakePlatform()
    dispatcher = Dispatcher(sessions=sessions, clock=clock, platform=platform, defaults=Defaults())
    return Dialog(dispatcher, FakeMessenger(), platform)
