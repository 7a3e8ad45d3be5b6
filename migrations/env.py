"""Alembic environment: runs on a connection handed in by bot/migrate.py, or opens the async engine itself."""
import asyncio

from alembic import context

from models import Base
from models.engine import make_engine

target_metadata = Base.metadata
config = context.config


def _run(connection) -> None:
    # render_as_batch lets ALTER-style changes work on SQLite too (it copies the table).
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_async(config.get_main_option("sqlalchemy.url")))
