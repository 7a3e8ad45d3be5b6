"""Writing to the outbox: pushes to send once, and replies to updates (edits of tally messages:
handlers.core.tallies).

Both are written in the caller's transaction, so a push, a reply or an edit exists exactly when the change
that caused it was committed. Delivery happens later, in the worker (bot/outbox_worker.py)."""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.messages import Button, ChatRef, Outgoing, PersonTarget
from handlers.core.pushes import REPLY_IN_ANSWER, REPLY_KIND, Push, is_stale
from handlers.core.wecom_robot import robot_copy
from models import ClassGroup, OutboxMedia, OutboxMessage, OutboxStatus
from models.quiet_hours import quiet_hours_end
from models.upserts import prepared_upsert

log = logging.getLogger(__name__)


def buttons_to_rows(buttons: tuple[tuple[Button, ...], ...]) -> list:
    return [[{"text": b.text, "action": b.action, "args": list(b.args), "url": b.url} for b in row]
            for row in buttons]


def buttons_from_rows(rows: list) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(Button(b["text"], b["action"], tuple(b["args"]), b["url"]) for b in row) for row in rows)


def _new_push(insert):
    return (insert(OutboxMessage.__table__).on_conflict_do_nothing(index_elements=["dedup_key"])
            .returning(OutboxMessage.__table__.c.id))


async def enqueue(session: AsyncSession, push: Push, now: datetime) -> bool:
    """Writes `push` to the outbox unless its dedup_key is already there; True when it was new.

    A push that arrives later than its kind's grace period is recorded as skipped, so it is logged once
    and never sent; one that falls in the class's quiet hours waits for their end."""
    class_group = await session.get(ClassGroup, push.class_id) if push.class_id is not None else None
    # A push seen late (the bot was down) goes out now, so now is what must be outside quiet hours.
    not_before = max(push.due_at, now)
    if class_group is not None and not push.urgent:
        not_before = quiet_hours_end(not_before, class_group.timezone, class_group.quiet_start, class_group.quiet_end)
    stale = is_stale(push.kind, push.due_at, now)
    target = push.target
    values = dict(
        dedup_key=push.dedup_key, kind=push.kind, class_id=push.class_id, text=push.text,
        buttons=buttons_to_rows(push.buttons), urgent=push.urgent, tally_key=push.tally_key,
        due_at=push.due_at, not_before=not_before, next_attempt_at=not_before, attempts=0, created_at=now,
        status=OutboxStatus.skipped if stale else OutboxStatus.pending,
        finished_at=now if stale else None,
        last_error=f"stale: {int((now - push.due_at).total_seconds() // 60)} min late" if stale else None,
        platform=target.platform if isinstance(target, ChatRef) else None,
        chat_id=target.chat_id if isinstance(target, ChatRef) else None,
        is_private=target.is_private if isinstance(target, ChatRef) else True,
        person_id=target.person_id if isinstance(target, PersonTarget) else None,
    )
    connection = await session.connection()
    new_id = (await connection.execute(prepared_upsert(session, _new_push), values)).scalar_one_or_none()
    if new_id is None:
        return False
    if stale:
        log.warning("push %s skipped: due %s, now %s is past its grace period", push.dedup_key, push.due_at, now)
    for position, media in enumerate(push.media):
        session.add(OutboxMedia(outbox_id=new_id, position=position, kind=media.kind, file_name=media.file_name,
                                caption=media.caption, data=media.data))
    if push.media:
        await session.flush()
    copy = robot_copy(push, class_group)
    if copy is not None:  # the class's WeCom group hears it too, through its robot
        await enqueue(session, copy, now)
    return True


def _new_reply(insert):
    return insert(OutboxMessage.__table__).returning(OutboxMessage.__table__.c.id)


def reply_key(update_key: str, position: int) -> str:
    return f"reply:{update_key}:{position}"


async def enqueue_replies(session: AsyncSession, update_key: str, outgoing: list[Outgoing], now: datetime, *,
                          answered: Outgoing | None = None) -> None:
    """Writes an update's replies to the outbox, to be sent by the worker in order, each once.

    `answered` is the reply carried in the webhook's answer: recorded as done, so that a re-delivery of the
    update (the answer never reached the platform, which then never ran it) can send it after all."""
    connection = await session.connection()
    items = ([(answered, True)] if answered is not None else []) + [(item, False) for item in outgoing]
    for position, (item, done) in enumerate(items):
        reply, chat = item.reply, item.chat
        values = dict(
            dedup_key=reply_key(update_key, position), kind=REPLY_IN_ANSWER if done else REPLY_KIND,
            class_id=None, text=reply.text, buttons=buttons_to_rows(reply.buttons), urgent=True, tally_key=None,
            due_at=now, not_before=now, next_attempt_at=now, attempts=0, created_at=now,
            status=OutboxStatus.sent if done else OutboxStatus.pending, finished_at=now if done else None,
            sent_at=now if done else None, last_error=None, platform=chat.platform, chat_id=chat.chat_id,
            is_private=chat.is_private, person_id=None, edit_message_id=reply.edit_message_id,
            reaction=reply.reaction, react_to=reply.react_to,
        )
        new_id = (await connection.execute(prepared_upsert(session, _new_reply), values)).scalar_one()
        for index, media in enumerate(reply.media):
            session.add(OutboxMedia(outbox_id=new_id, position=index, kind=media.kind, file_name=media.file_name,
                                    caption=media.caption, data=media.data))
    if any(item.reply.media for item, _done in items):
        await session.flush()


async def resend_answered(session: AsyncSession, update_key: str, now: datetime) -> bool:
    """A re-delivered update: the reply its first answer carried never ran, so it goes out from the outbox.
    True when there was one."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.dedup_key == reply_key(update_key, 0), OutboxMessage.kind == REPLY_IN_ANSWER)
        .values(kind=REPLY_KIND, status=OutboxStatus.pending, next_attempt_at=now, not_before=now,
                finished_at=None, sent_at=None))
    return result.rowcount > 0
