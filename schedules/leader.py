"""Which replica runs the scheduler: the one holding a PostgreSQL advisory lock.

The lock lives on a connection of its own, outside the pool, so it is held exactly as long as that
connection: when the leader dies its connection closes, the server releases the lock, and the next
replica to ask becomes the leader. On SQLite there is one process, and it always leads."""
from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)
SCHEDULER_LOCK = 0x636C617373  # any constant shared by every replica of one deployment


class Leadership:
    def __init__(self, engine: AsyncEngine, lock_id: int = SCHEDULER_LOCK):
        self._single = engine.dialect.name != "postgresql"
        self._url = engine.url
        self._lock_id = lock_id
        self._engine: AsyncEngine | None = None
        self._connection: AsyncConnection | None = None

    async def is_leader(self) -> bool:
        """Checks (and if free, takes) the lock. Asked before every tick, so a standby replica takes
        over within one tick of the leader's death, and a leader that lost its connection steps down."""
        if self._single:
            return True
        if self._connection is not None:
            try:
                await self._connection.execute(text("SELECT 1"))
                return True
            except Exception:
                log.warning("lost the scheduler lock's connection; no longer the leader")
                await self._drop()
        try:
            if self._engine is None:
                self._engine = create_async_engine(self._url, poolclass=NullPool)
            connection = await self._engine.connect()
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            taken = await connection.scalar(text("SELECT pg_try_advisory_lock(:id)"), {"id": self._lock_id})
        except Exception:
            log.exception("could not ask for the scheduler lock")
            return False
        if not taken:
            await connection.close()
            return False
        log.info("this replica now runs the scheduler")
        self._connection = connection
        return True

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.close()
            except Exception:  # already broken: closing it is all we wanted
                log.debug("closing a broken lock connection failed", exc_info=True)

    async def release(self) -> None:
        if self._connection is not None:
            try:
                await self._connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": self._lock_id})
            except Exception:
                log.debug("unlock failed; closing the connection releases the lock anyway", exc_info=True)
        await self._drop()
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None
