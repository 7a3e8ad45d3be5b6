"""The worker's side of the outbox table: claiming due rows and recording what became of each.

A claim is a short transaction that takes rows with `FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite has a
single writer and no locking clause) and gives them a lease, so replicas never pick the same row and a
replica that dies mid-way only delays its rows until the lease ends."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core.messages import ChatRef, Media, Reply
from handlers.core.outbox import buttons_from_rows
from handlers.core.people import mark_unreachable, private_chat_of
from handlers.core.pushes import is_stale
from models import ClassGroup, OutboxMedia, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claimed:
    id: int
    dedup_key: str
    chat: ChatRef
    reply: Reply
    person_id: int | None
    attempts: int
    lease_until: datetime


async def claim_due(sessions: async_sessionmaker[AsyncSession], now: datetime, limit: int,
                    lease: timedelta, platforms: list[str]) -> list[Claimed]:
    """Rows for `platforms` (the ones this process can send on) and rows to people, resolved here."""
    claimed: list[Claimed] = []
    async with sessions.begin() as session:
        rows = (await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.pending, OutboxMessage.next_attempt_at <= now,
                   or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now),
                   or_(OutboxMessage.platform.in_(platforms), OutboxMessage.person_id.is_not(None)))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )).all()
        for row in rows:
            if is_stale(row.kind, row.not_before, now):
                _finish(row, OutboxStatus.skipped, now, "stale: the bot could not send it within its grace period")
                log.warning("push %s skipped: meant for %s, now %s", row.dedup_key, row.not_before, now)
                continue
            chat = await _chat_of(session, row)
            if chat is None:
                _finish(row, OutboxStatus.skipped, now, "the person has no private chat with the bot")
                log.info("push %s skipped: person %s cannot be reached privately", row.dedup_key, row.person_id)
                continue
            row.lease_until = now + lease
            claimed.append(
                Claimed(
                    row.id,
                    row.dedup_key,
                    chat,
                    Reply(text=row.text, buttons=buttons_from_rows(row.buttons), edit_message_id=row.edit_message_id,
                          reaction=row.reaction, react_to=row.react_to),
                    row.person_id,
                    row.attempts,
                    row.lease_until,
                )
            )
        with_media = [item.id for item in claimed]
        media = (
            (
                await session.scalars(
                    select(OutboxMedia).where(OutboxMedia.outbox_id.in_(with_media)).order_by(OutboxMedia.position)
                )
            ).all()
            if with_media
            else []
        )
    if not media:
        return claimed
    by_row: dict[int, list[Media]] = {}
    for item in media:
        by_row.setdefault(item.outbox_id, []).append(Media(item.kind, item.data, item.file_name, item.caption))
    return [
        Claimed(
            c.id,
            c.dedup_key,
            c.chat,
            replace(c.reply, media=tuple(by_row.get(c.id, ()))),
            c.person_id,
            c.attempts,
            c.lease_until,
        )
        for c in claimed
    ]


async def _chat_of(session: AsyncSession, row: OutboxMessage) -> ChatRef | None:
    if row.person_id is None:
        return ChatRef(row.platform, row.chat_id, row.is_private)
    class_group = await session.get(ClassGroup, row.class_id) if row.class_id is not None else None
    chat = await private_chat_of(session, row.person_id, prefer=class_group.platform if class_group else None)
    if chat is not None:  # recorded so that the row says where it went
        row.platform, row.chat_id, row.is_private = chat.platform, chat.chat_id, True
    return chat


def _finish(row: OutboxMessage, status: OutboxStatus, now: datetime, error: str | None) -> None:
    row.status, row.finished_at, row.lease_until, row.last_error = status, now, None, error


async def mark_sent(
    sessions: async_sessionmaker[AsyncSession], row_id: int, message_id: str | None, now: datetime
) -> None:
    async with sessions.begin() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id)
            .values(
                status=OutboxStatus.sent,
                message_id=message_id,
                sent_at=now,
                finished_at=now,
                lease_until=None,
                attempts=OutboxMessage.attempts + 1,
            )
        )


async def retry_later(
    sessions: async_sessionmaker[AsyncSession],
    row_ids: list[int],
    at: datetime,
    error: str | None = None,
    *,
    count_attempt: bool = False,
) -> None:
    """Gives rows back for a later pass; only real failures count towards giving up."""
    values = dict(next_attempt_at=at, lease_until=None)
    if error is not None:
        values["last_error"] = error[:500]
    if count_attempt:
        values["attempts"] = OutboxMessage.attempts + 1
    async with sessions.begin() as session:
        await session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(row_ids)).values(**values))


async def mark_failed(
    sessions: async_sessionmaker[AsyncSession], item: Claimed, error: str, now: datetime, *, unreachable: bool
) -> None:
    async with sessions.begin() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == item.id)
            .values(
                status=OutboxStatus.failed,
                finished_at=now,
                lease_until=None,
                last_error=error[:500],
                attempts=OutboxMessage.attempts + 1,
            )
        )
        if unreachable and item.chat.is_private:
            await mark_unreachable(session, item.chat)
