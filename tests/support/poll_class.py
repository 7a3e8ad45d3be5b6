"""A class for poll tests: a teacher, a rep and two more parents, the poll's message in the group, the
votes as the store keeps them, and the scheduler's tick with the delivery worker."""
from __future__ import annotations

from sqlalchemy import select

from models.polls import Poll, PollVote
from support.dialog import GROUP_ID
from support.habit_class import class_with_families
from support.scheduling import FeatureScheduler

CHILDREN = ("小明", "小红", "小刚")


async def poll_class(dialog):
    """(teacher, rep, parents by child); 小红妈妈 is the class's rep."""
    teacher, _, parents = await class_with_families(dialog, children=CHILDREN)
    rep = parents["小红"]
    rep.username = "hongmum"
    await rep.private("/help")  # the bot learns the username
    await teacher.private("/role @hongmum rep")
    return teacher, rep, parents


class PollWorker(FeatureScheduler):
    """The tick over the polls' providers and one delivery pass into the dialog's transcript."""

    def __init__(self, dialog, sessions, clock):
        from handlers.polls.manifest import FEATURE

        super().__init__(dialog, sessions, clock, FEATURE)


async def ask(asker, worker, text: str, *, private: bool = False):
    """Sends /poll …, lets the worker post it, and returns the poll's message in the group."""
    answers = await (asker.private(text) if private else asker.group(text))
    await worker.run()
    return answers, asker.dialog.messenger.in_chat(GROUP_ID)[-1]


async def polls(sessions):
    async with sessions() as session:
        return (await session.scalars(select(Poll).order_by(Poll.id))).all()


async def votes(sessions):
    async with sessions() as session:
        return (await session.scalars(select(PollVote).order_by(PollVote.id))).all()


async def press_as_sent(member, message, label: str):
    """Presses a button the message had when it was sent, as a chat that has not seen the edit yet would."""
    from handlers.core.messages import ButtonPress

    [button] = [b for row in message.reply.buttons for b in row if label in b.text]
    return await member.send(message.chat, button=ButtonPress(button.action, button.args),
                             message_id=message.message_id)


def popup(replies) -> str:
    [answer] = [reply for reply in replies if reply.reply.popup]
    return answer.text
