"""The scheduler's jobs as plain functions of (sessions, now), so tests run them with any clock.

`tick` asks every provider what is due and writes it to the outbox; `clean_up` forgets what is old."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core.outbox import enqueue_all
from handlers.core.waits import remove_expired
from models import OutboxMessage, OutboxStatus, ProcessedUpdate, SeenNonce, TallyEdit
from models.wechat import NONCE_WINDOW
from schedules.providers import PROVIDERS, Provider

log = logging.getLogger(__name__)


@dataclass
class TickResult:
    queued: int = 0  # new outbox rows (skipped stale ones included)
    duplicates: int = 0  # pushes whose dedup_key was already in the outbox
    failed_providers: int = 0


async def tick(sessions: async_sessionmaker[AsyncSession], now: datetime,
               providers: dict[str, Provider] | None = None) -> TickResult:
    """One transaction per provider: a provider that fails rolls back its own rows and pushes only,
    so one broken feature never silences the others."""
    result = TickResult()
    for name, due in (PROVIDERS if providers is None else providers).items():
        try:
            async with sessions.begin() as session:
                new = await enqueue_all(session, await due(session, now), now)
                result.queued += sum(new)
                result.duplicates += len(new) - sum(new)
        except Exception:
            result.failed_providers += 1
            log.exception("provider %s failed at %s", name, now.isoformat())
    return result


async def clean_up(sessions: async_sessionmaker[AsyncSession], now: datetime, keep_days: int) -> int:
    """Deletes processed-update keys and finished outbox rows older than `keep_days`, WeChat nonces past
    their window, and expired waits. A provider must not hand out a push that old again: if one did, the
    grace period would skip it."""
    cutoff = now - timedelta(days=keep_days)
    async with sessions.begin() as session:
        deleted = (await session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff))).rowcount
        deleted += (await session.execute(delete(OutboxMessage).where(
            OutboxMessage.status != OutboxStatus.pending, OutboxMessage.finished_at < cutoff))).rowcount
        deleted += await remove_expired(session, now)  # waits nobody answered within their 30 minutes
        deleted += (await session.execute(delete(TallyEdit).where(
            TallyEdit.applied_version >= TallyEdit.version, TallyEdit.requested_at < cutoff,
            or_(TallyEdit.lease_until.is_(None), TallyEdit.lease_until < now)))).rowcount
        # A WeChat nonce past its window guards nothing: its timestamp is refused anyway.
        deleted += (await session.execute(delete(SeenNonce).where(SeenNonce.signed_at < now - NONCE_WINDOW))).rowcount
    return deleted
