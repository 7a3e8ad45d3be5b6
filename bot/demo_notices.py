"""The demo class's notice that asks for ✅ 收到, with half the families confirmed (so `/notice status` has
families left and the reminder is still to come), and an upcoming parent meeting with some answers in."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from handlers.classes.families import guardians_of
from handlers.core.outbox import enqueue
from handlers.events import answers
from handlers.events.cards import card_push
from handlers.notices import confirmations
from handlers.notices.lookup import class_children
from handlers.notices.post import notice_push
from models import ClassGroup, Membership, Role
from models.events import Event
from models.habit_schedule import local_day, moment
from models.notices import Notice

NOTICE = "本周五（12月5日）下午 2:30 期中家长会，请家长准时到校，在教室签到。"
MEETING = "期中家长会"
MEETING_IN_DAYS = 3
MEETING_AT = time(14, 30)


async def add_demo_notices(session, class_group: ClassGroup, now: datetime) -> None:
    teacher = await session.scalar(select(Membership.person_id).where(
        Membership.class_id == class_group.id, Membership.role == Role.teacher).order_by(Membership.id))
    children = await class_children(session, class_group.id)
    guardians = await guardians_of(session, [child.id for child in children])
    notice = Notice(class_id=class_group.id, created_by=teacher, text=NOTICE, ack=True, urgent=False,
                    created_at=now - timedelta(hours=2), post_at=now - timedelta(hours=2))
    event = Event(class_id=class_group.id, created_by=teacher, title=MEETING, created_at=now,
                  starts_at=moment(local_day(now, class_group.timezone) + timedelta(days=MEETING_IN_DAYS), MEETING_AT,
                                   class_group.timezone))
    session.add_all([notice, event])
    await session.flush()
    joined = [child for child in children if guardians.get(child.id)]
    for index, child in enumerate(joined[: len(children) // 2]):  # half the class confirmed
        await confirmations.confirm(session, notice, guardians[child.id][0].id, [child.id], now)
        if index % 3 != 2:  # most of them say whether they come to the meeting
            await answers.answer(session, event, guardians[child.id][0].id, [child.id], index % 5 != 4, now)
    await enqueue(session, await notice_push(session, notice, class_group, now), now)
    await enqueue(session, await card_push(session, event, class_group, now), now)
