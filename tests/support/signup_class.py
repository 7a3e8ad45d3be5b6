"""A class for sign-up tests: a teacher, a rep and more families, the list's message in the group, the places as
the store keeps them, and the scheduler's tick with the delivery worker."""
from __future__ import annotations

from sqlalchemy import select

from models import Student
from models.signups import SignupEntry, SignupList
from support.dialog import GROUP_ID
from support.habit_class import class_with_families
from support.scheduling import FeatureScheduler

CHILDREN = ("小明", "小红", "小刚", "小丽")
DUTY = '/signup "护学岗" 周一护学岗 x2 | 周二护学岗 x1'


async def signup_class(dialog, children=CHILDREN):
    """(teacher, rep, parents by child); 小红妈妈 is the class's rep."""
    teacher, _, parents = await class_with_families(dialog, children=children)
    rep = parents["小红"]
    rep.username = "hongmum"
    await rep.private("/help")  # the bot learns the username
    await teacher.private("/role @hongmum rep")
    return teacher, rep, parents


class SignupWorker(FeatureScheduler):
    def __init__(self, dialog, sessions, clock):
        from handlers.signups.manifest import FEATURE

        super().__init__(dialog, sessions, clock, FEATURE)


async def post(poster, worker, text: str = DUTY, *, private: bool = False):
    """Sends /signup …, lets the worker post it, and returns the answers and the list's message in the group."""
    answers = await (poster.private(text) if private else poster.group(text))
    await worker.run()
    return answers, poster.dialog.messenger.in_chat(GROUP_ID)[-1]


async def lists(sessions):
    async with sessions() as session:
        return (await session.scalars(select(SignupList).order_by(SignupList.id))).all()


async def places_by_child(sessions) -> list[tuple[int, str]]:
    """(list id, child's name) of every place held, in the order taken."""
    async with sessions() as session:
        return list((await session.execute(select(SignupEntry.list_id, Student.name)
                                           .join(Student, Student.id == SignupEntry.student_id)
                                           .order_by(SignupEntry.id))).all())


def popup(replies) -> str:
    [answer] = [reply for reply in replies if reply.reply.popup]
    return answer.text
