"""The notice in the group: its text, and for a notice that asks for it the ✅ 收到 button with the count
`已确认 31/40` kept current as a live tally (handlers.core.tallies). Counts only: nobody is named there.
Its photos and files go with it, after the text that carries the button."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import tallies
from handlers.core.messages import Button, ChatRef, Media
from handlers.core.pushes import Push
from handlers.core.tallies import TallyView
from handlers.core.texts import render
from handlers.notices import confirmations
from models import ClassGroup
from models.notices import Notice, NoticeAttachment
from models.quiet_hours import quiet_hours_end

NOTICE_TALLY = "notice"
ACK_BUTTON = "notice-ack"
REMIND_AFTER_HOURS = 24
_KEY = re.compile(r"^notice:id=(\d+)$")


def tally_key(notice: Notice) -> str:
    return f"{NOTICE_TALLY}:id={notice.id}"


def ack_buttons(notice: Notice, language: str) -> tuple[tuple[Button, ...], ...]:
    return ((Button(render(language, "notices.ack_button"), ACK_BUTTON, (str(notice.id),)),),)


async def attachments_of(session: AsyncSession, notice: Notice) -> list[Media]:
    rows = (await session.scalars(select(NoticeAttachment).where(NoticeAttachment.notice_id == notice.id)
                                  .order_by(NoticeAttachment.position))).all()
    return [Media(row.kind, row.data, row.file_name) for row in rows]


async def view(session: AsyncSession, notice: Notice, class_group: ClassGroup) -> TallyView:
    done, total = await confirmations.counts(session, notice) if notice.ack else (0, 0)
    text = render(class_group.language, "notices.notice", notice=notice, confirmed=done, families=total)
    return TallyView(text, ack_buttons(notice, class_group.language) if notice.ack else ())


def goes_out_at(notice: Notice, class_group: ClassGroup, now: datetime) -> datetime:
    """When the group will get it: now, or the end of the quiet hours it falls in (unless urgent)."""
    moment = max(notice.post_at, now)
    if notice.urgent:
        return moment
    return quiet_hours_end(moment, class_group.timezone, class_group.quiet_start, class_group.quiet_end)


async def notice_push(session: AsyncSession, notice: Notice, class_group: ClassGroup, now: datetime) -> Push:
    """The notice as a push, marked as handed out, with its reminder due a day after it reaches the group."""
    shown = await view(session, notice, class_group)
    key = tally_key(notice)
    notice.posted_at = now
    if notice.ack:
        notice.remind_at = goes_out_at(notice, class_group, now) + timedelta(hours=REMIND_AFTER_HOURS)
    return Push(dedup_key=key, kind="notice_post", due_at=notice.post_at, class_id=class_group.id,
                target=ChatRef(class_group.platform, class_group.chat_id, False), text=shown.text,
                buttons=shown.buttons, media=tuple(await attachments_of(session, notice)), urgent=notice.urgent,
                tally_key=key if notice.ack else None)


async def refresh(session: AsyncSession, notice: Notice, now: datetime) -> None:
    await tallies.refresh(session, tally_key(notice), now)


async def render_tally(session: AsyncSession, key: str) -> TallyView | None:
    match = _KEY.match(key)
    notice = await session.get(Notice, int(match.group(1))) if match else None
    if notice is None:
        return None
    return await view(session, notice, await session.get(ClassGroup, notice.class_id))
