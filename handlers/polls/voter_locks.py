"""One voter's presses, one at a time. A vote reads the voter's current choice and then writes the new
one; on PostgreSQL two presses of one person arriving together (a double tap, two devices) would both read
"nothing chosen yet" and a single-choice poll would record two options. A transaction-scoped advisory lock
on (poll, voter) makes the second press wait for the first to commit and then see its vote, so it changes
it as a second tap should. SQLite already runs one writer at a time. The lock's key is a hash and is held
only in memory while the transaction runs: it stores nothing and names nobody."""
from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


async def lock_voter(session: AsyncSession, scope: str, voter: str) -> None:
    connection = await session.connection()
    if connection.dialect.name != "postgresql":
        return
    digest = hashlib.sha256(f"{scope}|{voter}".encode()).digest()
    await connection.execute(_LOCK, {"key": int.from_bytes(digest[:8], "big", signed=True)})
