"""A class of four for homework tests: a teacher, one parent per child, sending photos, albums and voice, and
the homework providers run as the scheduler runs them."""
from __future__ import annotations

from datetime import time

from sqlalchemy import select, update

from handlers.core.messages import Attachment, Incoming
from models import ClassGroup, OutboxMessage
from models.homework import HomeworkOccurrence, HomeworkReview, HomeworkSubmission, HomeworkVersion
from support.habit_class import class_with_families
from support.scheduling import FeatureScheduler

CHILDREN = ("小明", "小红", "小刚", "小丽")


async def homework_class(dialog):
    return await class_with_families(dialog, children=CHILDREN)


async def send(member, text: str = "", *, kinds=("photo",), media_group: str | None = None):
    """A private message with one attachment of each kind in `kinds` (e.g. one photo of an album)."""
    attachments = tuple(Attachment(kind, member.dialog.platform.store_file(f"{kind} bytes".encode()))
                        for kind in kinds)
    member.last = Incoming(member.dialog.next_key(), member.chat, member.sender, text, attachments,
                           media_group=media_group)
    return await member.dialog.deliver(member.last)


async def submissions(sessions):
    async with sessions() as session:
        return (await session.scalars(select(HomeworkSubmission).order_by(HomeworkSubmission.id))).all()


async def versions(sessions):
    async with sessions() as session:
        return (await session.scalars(select(HomeworkVersion).order_by(HomeworkVersion.id))).all()


async def reviews(sessions):
    async with sessions() as session:
        return (await session.scalars(select(HomeworkReview).order_by(HomeworkReview.id))).all()


class HomeworkScheduler(FeatureScheduler):
    """The scheduler's tick over the homework providers and the delivery worker, into the dialog's transcript."""

    def __init__(self, dialog, sessions, clock):
        from handlers.homework.manifest import FEATURE

        super().__init__(dialog, sessions, clock, FEATURE)


async def outbox_rows(sessions, kind: str):
    async with sessions() as session:
        return (await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                      .order_by(OutboxMessage.id))).all()


async def occurrences(sessions):
    async with sessions() as session:
        return (await session.scalars(select(HomeworkOccurrence).order_by(HomeworkOccurrence.id))).all()


async def set_quiet_hours(sessions, start: time, end: time) -> None:
    async with sessions.begin() as session:
        await session.execute(update(ClassGroup).values(quiet_start=start, quiet_end=end))
