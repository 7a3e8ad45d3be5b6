"""A small class with families for habit tests, the class's wall clock, photos, and running providers."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from handlers.core.messages import Attachment, Incoming
from models import ClassGroup, Identity, Person
from models.habits import HabitCheckIn, HabitPlan
from support.scheduling import FeatureScheduler

BEIJING = ZoneInfo("Asia/Shanghai")
START = date(2026, 11, 25)  # "tomorrow" for the clock fixture's Tuesday 2026-11-24


async def class_with_families(dialog, children=("小明", "小红", "小刚"), language="zh-hans"):
    """A teacher, the children on the roster, and one parent per child (named <child>妈妈), all joined."""
    teacher = dialog.person("王老师", username="wang", admin_of=("-1001",), language=language)
    class_language = "zh" if language.startswith("zh") else "en"
    await teacher.group(f"/setup 三年级二班 lang={class_language}")
    async with dialog.dispatcher.sessions() as session:
        code = await session.scalar(select(ClassGroup.join_code))
    await teacher.private("/roster add " + " ".join(children))
    parents = {}
    for child in children:
        parent = dialog.person(f"{child}妈妈", language=language)
        await parent.private(f"/join {code} {child} 妈妈")
        parents[child] = parent
    return teacher, code, parents


def set_local(clock, day: date, at: str) -> None:
    """Puts the clock at a wall-clock time in Beijing, the class's zone."""
    clock.set(datetime.combine(day, time.fromisoformat(at), tzinfo=BEIJING))


async def send_photo(member, chat, caption: str = "/checkin"):
    file_id = member.dialog.platform.store_file(b"\xff\xd8 a photo")
    member.last = Incoming(member.dialog.next_key(), chat, member.sender, caption,
                           (Attachment("photo", file_id, None, "image/jpeg"),),
                           message_id=member.dialog.next_message_id())
    return await member.dialog.deliver(member.last), file_id


async def checkins(sessions, *where):
    async with sessions() as session:
        return (await session.scalars(select(HabitCheckIn).where(*where).order_by(HabitCheckIn.id))).all()


async def count_checkins(sessions, *where) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(HabitCheckIn).where(*where))


async def only_plan(sessions) -> HabitPlan:
    async with sessions() as session:
        return await session.scalar(select(HabitPlan).order_by(HabitPlan.id.desc()))


async def run(sessions, provider, now):
    """Calls a provider the way the scheduler's tick does: in one transaction, committed."""
    async with sessions.begin() as session:
        return await provider(session, now)


async def make_unreachable(sessions, member) -> None:
    """As if this person had blocked the bot: no private message can reach them any more."""
    async with sessions.begin() as session:
        person_id = await session.scalar(select(Identity.person_id).where(Identity.external_id == member.external_id))
        await session.execute(update(Identity).where(Identity.person_id == person_id).values(reachable=False))


async def person_id_of(sessions, member) -> int:
    async with sessions() as session:
        return await session.scalar(select(Person.id).join(Identity, Identity.person_id == Person.id)
                                    .where(Identity.external_id == member.external_id))


class Scheduler(FeatureScheduler):
    """The habit providers' tick and a delivery pass, into the dialog's transcript."""

    def __init__(self, dialog, sessions, clock):
        from handlers.habits.manifest import FEATURE

        super().__init__(dialog, sessions, clock, FEATURE)


