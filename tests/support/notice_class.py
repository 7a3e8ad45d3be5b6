"""A class for notice and event tests: a teacher, a rep (小红妈妈), one parent per child and a second
guardian of 小明, the scheduler's tick over the features' providers with the delivery worker, and the rows."""
from __future__ import annotations

from sqlalchemy import select

from models.notices import Notice, NoticeConfirmation
from support.classes import join_approved
from support.dialog import GROUP_ID
from support.habit_class import class_with_families
from support.scheduling import FeatureScheduler

CHILDREN = ("小明", "小红", "小刚")


async def notice_class(dialog):
    """(teacher, rep, parents by child, 小明爸爸); 小红妈妈 is the class's rep."""
    teacher, code, parents = await class_with_families(dialog, children=CHILDREN)
    rep = parents["小红"]
    rep.username = "hongmum"
    await rep.private("/help")  # the bot learns the username
    await teacher.private("/role @hongmum rep")
    dad = dialog.person("小明爸爸")
    await join_approved(dad, code, "小明", "爸爸", parents["小明"])
    return teacher, rep, parents, dad


class FeatureWorker(FeatureScheduler):
    """The tick over one feature's providers (by the feature's name) and one delivery pass."""

    def __init__(self, dialog, sessions, clock, name: str):
        from importlib import import_module

        super().__init__(dialog, sessions, clock, import_module(f"handlers.{name}.manifest").FEATURE)


def group_messages(dialog) -> list:
    return dialog.messenger.in_chat(GROUP_ID)


def everything_the_group_saw(dialog) -> str:
    """Every text the group was sent, with every edit it saw since."""
    texts = []
    for message in group_messages(dialog):
        texts.append(message.reply.text)
        texts.extend(edit.text for edit in message.edits)
    return "\n".join(texts)


async def notices(sessions):
    async with sessions() as session:
        return (await session.scalars(select(Notice).order_by(Notice.id))).all()


async def confirmations(sessions):
    async with sessions() as session:
        return (await session.scalars(select(NoticeConfirmation).order_by(NoticeConfirmation.id))).all()


def popup(replies) -> str:
    [answer] = [reply for reply in replies if reply.reply.popup]
    return answer.text
