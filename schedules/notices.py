"""Notices: a scheduled notice goes to the group once at its time (the outbox holds it past quiet hours
unless urgent), and a day after it reached the group the families that have not confirmed are reminded
privately, once, outside quiet hours."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.notices.post import notice_push
from handlers.notices.reminders import reminder_pushes
from models import ClassGroup
from models.notices import Notice
from schedules.providers import Push, provider


@provider("notice_post")
async def posting(session: AsyncSession, now: datetime) -> list[Push]:
    due = (await session.scalars(select(Notice).where(Notice.posted_at.is_(None), Notice.post_at <= now)
                                 .order_by(Notice.post_at, Notice.id))).all()
    return [await notice_push(session, notice, await session.get(ClassGroup, notice.class_id), now) for notice in due]


@provider("notice_reminder")
async def reminding(session: AsyncSession, now: datetime) -> list[Push]:
    due = (await session.scalars(select(Notice).where(Notice.ack.is_(True), Notice.reminded_at.is_(None),
                                                      Notice.remind_at.is_not(None), Notice.remind_at <= now)
                                 .order_by(Notice.remind_at, Notice.id))).all()
    pushes: list[Push] = []
    for notice in due:
        pushes.extend(await reminder_pushes(session, notice, now) or [])
    return pushes
