"""The worker's side of tally edits: which tally messages need their latest text, and recording it shown.

An edit is claimed like an outbox row (lease, `SKIP LOCKED`) and carries the `version` it read, so a
request that arrives while the edit is in flight is not marked applied and gets an edit of its own."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.messages import ChatRef, Reply
from handlers.outbox import buttons_from_rows
from handlers.ports import NotModified, RetryLater, Unreachable
from models import OutboxMessage, OutboxStatus, TallyEdit

if TYPE_CHECKING:
    from bot.outbox_worker import OutboxWorker, PassResult

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
            edit.lease_until = now + lease
            reply = Reply(text=edit.text, buttons=buttons_from_rows(edit.buttons), edit_message_id=post.message_id)
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


async def send_edit(worker: OutboxWorker, job: EditJob, result: PassResult, *, busy: bool = False) -> None:
    """Applies one edit within the group's edit limit; "not modified" counts as done."""
    now = worker.clock.now()
    wait = 1.0 if busy else worker.limiter.try_start(job.chat, now, edit=True)
    if wait > 0:
        await edit_later(worker.sessions, job, now + timedelta(seconds=wait))
        return
    try:
        try:
            await asyncio.wait_for(worker.messengers[job.chat.platform].send(job.chat, job.reply),
                                   worker.config.send_timeout)
        finally:  # counted when its answer is back, as a push is
            worker.limiter.finish(job.chat, worker.clock.now(), edit=True)
    except NotModified:
        pass
    except RetryLater as error:
        worker.limiter.pause(job.chat, now, error.retry_after)
        await edit_later(worker.sessions, job, now + timedelta(seconds=error.retry_after))
        return
    except Unreachable as error:
        log.info("tally %s cannot be edited any more: %s", job.tally_key, error)
    except Exception as error:  # a network error or time-out: back off, and give up like a push would
        if job.attempts + 1 < worker.config.max_attempts:
            await edit_later(worker.sessions, job, now + worker.backoff(job.attempts + 1), count_attempt=True)
            return
        log.warning("tally %s not edited after %d attempts: %s", job.tally_key, job.attempts + 1, error)
    else:
        result.edited += 1
    await mark_edited(worker.sessions, job)
