"""INSERT … ON CONFLICT on either store: SQLite and PostgreSQL spell it alike, but each needs its own dialect's
`insert` to say it."""
from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, model):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)
