"""The worker's side of tally edits: which tally messages need their latest text, and recording it shown
(the worker sends them, beside the pushes, in outbox_worker.py).

An edit is claimed like an outbox row (lease, `SKIP LOCKED`) and carries the `version` it read, so a
request that arrives while the edit is in flight is not marked applied and gets an edit of its own."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core.messages import ChatRef, Reply
from handlers.core.tallies import render
from models import OutboxMessage, OutboxStatus, TallyEdit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EditJob:
    tally_key: str
    version: int
    attempts: int
    chat: ChatRef
    reply: Reply


async def claim_edits(sessions: async_sessionmaker[AsyncSession], now: datetime, limit: int,
                      lease: timedelta, platforms: list[str]) -> list[EditJob]:
    jobs: list[EditJob] = []
    async with sessions.begin() as session:
        wanted = (await session.scalars(
            select(TallyEdit)
            .where(TallyEdit.applied_version < TallyEdit.version, TallyEdit.next_attempt_at <= now,
                   or_(TallyEdit.lease_until.is_(None), TallyEdit.lease_until <= now))
            .order_by(TallyEdit.next_attempt_at).limit(limit).with_for_update(skip_locked=True)
        )).all()
        for edit in wanted:
            post = await session.scalar(select(OutboxMessage).where(OutboxMessage.tally_key == edit.tally_key)
                                        .order_by(OutboxMessage.id.desc()).limit(1))
            if post is not None and post.status == OutboxStatus.pending:
                edit.next_attempt_at = max(post.next_attempt_at, now + timedelta(seconds=1))
                continue  # the post itself is not out yet; edit it once it is
            if post is None or post.status != OutboxStatus.sent or post.message_id is None:
                log.info("tally %s has no sent message to edit; request dropped", edit.tally_key)
                edit.applied_version = edit.version
                continue
            if post.platform not in platforms:
                edit.next_attempt_at = now + timedelta(minutes=1)  # another process's platform
                continue
            view = await render(session, edit.tally_key)  # the message as it reads now, rendered once per edit
            if view is None:
                edit.applied_version = edit.version
                continue
            edit.lease_until = now + lease
            reply = Reply(text=view.text, buttons=view.buttons, edit_message_id=post.message_id)
            jobs.append(EditJob(edit.tally_key, edit.version, edit.attempts,
                                ChatRef(post.platform, post.chat_id, post.is_private), reply))
    return jobs


async def mark_edited(sessions: async_sessionmaker[AsyncSession], job: EditJob) -> None:
    async with sessions.begin() as session:
        await session.execute(update(TallyEdit).where(TallyEdit.tally_key == job.tally_key).values(
            applied_version=job.version, lease_until=None, attempts=0))


async def edit_later(sessions: async_sessionmaker[AsyncSession], job: EditJob, at: datetime,
                     *, count_attempt: bool = False) -> None:
    values = dict(next_attempt_at=at, lease_until=None)
    if count_attempt:
        values["attempts"] = TallyEdit.attempts + 1
    async with sessions.begin() as session:
        await session.execute(update(TallyEdit).where(TallyEdit.tally_key == job.tally_key).values(**values))
