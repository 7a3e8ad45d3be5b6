"""The migration chain goes up from empty to head, down to base and up again, on both databases."""
from sqlalchemy import inspect

from bot import migrate
from models import Base
from models.engine import make_engine


async def table_names(url):
    engine = make_engine(url)
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def run(url, action, revision):
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: action(url, revision, connection=sync))
    await engine.dispose()


async def test_down_to_base_and_up_again(database_url):
    expected = set(Base.metadata.tables)
    assert await table_names(database_url) == expected
    await run(database_url, migrate.downgrade, "base")
    assert await table_names(database_url) == set()
    await run(database_url, migrate.upgrade, "head")
    assert await table_names(database_url) == expected


async def test_the_models_match_the_migrations(database_url):
    """A model changed without a migration would show up here as a difference."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(database_url)
    async with engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata))
    await engine.dispose()
    assert diff == []
