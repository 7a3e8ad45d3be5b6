"""INSERT … ON CONFLICT on either store: SQLite and PostgreSQL spell it alike, but each needs its own dialect's
`insert` to say it."""
from __future__ import annotations

from functools import cache

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def _insert_of(dialect: str):
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def insert_for(session: AsyncSession, model):
    return _insert_of(session.get_bind().dialect.name)(model)


@cache
def _built(dialect: str, build):
    return build(_insert_of(dialect))


def prepared_upsert(session: AsyncSession, build):
    """`build(insert)` called once per dialect and kept: for statements that run on every check-in, where
    building the statement anew would cost more than running it. Run it with its values as parameters."""
    return _built(session.get_bind().dialect.name, build)
