"""A class of four for homework tests: a teacher, one parent per child, and sending photos, albums and voice."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.messages import Attachment, Incoming
from models.homework import HomeworkReview, HomeworkSubmission, HomeworkVersion
from support.habit_class import class_with_families

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
