"""Writing to the outbox: pushes to send once, and replies to updates (edits of tally messages:
handlers.core.tallies).

Both are written in the caller's transaction, so a push, a reply or an edit exists exactly when the change
that caused it was committed. Delivery happens later, in the worker (bot/outbox_worker.py)."""
from __future__ import annotations

import logging
from datetime import datetime, time
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.messages import Button, ChatRef, Outgoing, PersonTarget
from handlers.core.pushes import REPLY_IN_ANSWER, REPLY_KIND, Push, is_stale
from handlers.core.wecom_robot import robot_copies
from models import ClassGroup, OutboxMedia, OutboxMessage, OutboxStatus
from models.quiet_hours import quiet_hours_end
from models.upserts import prepared_upsert

log = logging.getLogger(__name__)
IN_CHUNK = 500  # ids per IN list: far below any store's limit on bound parameters


def buttons_to_rows(buttons: tuple[tuple[Button, ...], ...]) -> list:
    return [[{"text": b.text, "action": b.action, "args": list(b.args), "url": b.url} for b in row]
            for row in buttons]


def buttons_from_rows(rows: list) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(Button(b["text"], b["action"], tuple(b["args"]), b["url"]) for b in row) for row in rows)


def _new_pushes(insert):
    # The key comes back with the id: with ON CONFLICT DO NOTHING only new rows answer, in no promised order.
    return (insert(OutboxMessage.__table__).on_conflict_do_nothing(index_elements=["dedup_key"])
            .returning(OutboxMessage.__table__.c.id, OutboxMessage.__table__.c.dedup_key))


async def enqueue(session: AsyncSession, push: Push, now: datetime) -> bool:
    """Writes `push` to the outbox unless its dedup_key is already there; True when it was new."""
    return (await enqueue_all(session, [push], now))[0]


class _ClassTimes(NamedTuple):
    """What the outbox needs of a push's class: its clock and quiet hours, and its WeCom robot."""

    timezone: str
    quiet_start: time
    quiet_end: time
    wecom_robot_id: str | None


_CLASS_TIMES = (ClassGroup.id, ClassGroup.timezone, ClassGroup.quiet_start, ClassGroup.quiet_end,
                ClassGroup.wecom_robot_id)


async def _classes_of(session: AsyncSession, pushes: list[Push]) -> dict[int, _ClassTimes]:
    ids = sorted({push.class_id for push in pushes if push.class_id is not None})
    if len(ids) == 1:  # a handler's push: its class is usually in the session already
        class_group = await session.get(ClassGroup, ids[0])
        return {} if class_group is None else {ids[0]: _ClassTimes(
            class_group.timezone, class_group.quiet_start, class_group.quiet_end, class_group.wecom_robot_id)}
    found: dict[int, _ClassTimes] = {}
    for first in range(0, len(ids), IN_CHUNK):  # rows, not ORM objects: a tick's pushes name hundreds of classes
        for class_id, *times in await session.execute(select(*_CLASS_TIMES).where(
                ClassGroup.id.in_(ids[first:first + IN_CHUNK]))):
            found[class_id] = _ClassTimes(*times)
    return found


def _row(push: Push, class_group: _ClassTimes | None, now: datetime) -> dict:
    # A push seen late (the bot was down) goes out now, so now is what must be outside quiet hours.
    not_before = max(push.due_at, now)
    if class_group is not None and not push.urgent:
        not_before = quiet_hours_end(not_before, class_group.timezone, class_group.quiet_start, class_group.quiet_end)
    stale = is_stale(push.kind, push.due_at, now)
    target = push.target
    return dict(
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


async def enqueue_all(session: AsyncSession, pushes: list[Push], now: datetime) -> list[bool]:
    """Writes each push to the outbox unless its dedup_key is already there (or earlier in `pushes`); for
    each, True when it was new. One INSERT for them all, whatever their number: the scheduler's tick
    hands over hundreds at a time.

    A push that arrives later than its kind's grace period is recorded as skipped, so it is logged once
    and never sent; one that falls in the class's quiet hours waits for their end."""
    if not pushes:
        return []
    classes = await _classes_of(session, pushes)
    firsts: dict[str, int] = {}  # each key's first push: a later one with the same key is a duplicate
    for index, push in enumerate(pushes):
        firsts.setdefault(push.dedup_key, index)
    unique = [pushes[index] for index in firsts.values()]
    rows = [_row(push, classes.get(push.class_id), now) for push in unique]
    connection = await session.connection()
    new_ids = dict((key, new_id) for new_id, key in await connection.execute(
        prepared_upsert(session, _new_pushes), rows))
    for row in rows:
        if row["dedup_key"] in new_ids and row["status"] == OutboxStatus.skipped:
            log.warning("push %s skipped: due %s, now %s is past its grace period", row["dedup_key"], row["due_at"],
                        now)
    copies = []
    for push in unique:
        new_id = new_ids.get(push.dedup_key)
        if new_id is None:
            continue
        for position, media in enumerate(push.media):
            session.add(OutboxMedia(outbox_id=new_id, position=position, kind=media.kind, file_name=media.file_name,
                                    caption=media.caption, data=media.data))
        class_group = classes.get(push.class_id)
        # The class's WeCom group hears it too, through its robot.
        copies += robot_copies(push, class_group.wecom_robot_id if class_group is not None else None)
    if any(push.media for push in unique):
        await session.flush()
    await enqueue_all(session, copies, now)
    return [firsts[push.dedup_key] == index and push.dedup_key in new_ids for index, push in enumerate(pushes)]


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
