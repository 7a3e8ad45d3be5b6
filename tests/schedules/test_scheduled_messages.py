"""A message scheduled for later reaches its group or person once, at its time, unless cancelled."""
from datetime import timedelta

from handlers.core.clock import FixedClock
from handlers.core.messages import Button, ChatRef, PersonTarget
from handlers.core.scheduled_messages import cancel_message, schedule_message
from schedules.providers import PROVIDERS, load_providers
from support.outbox import T0, Station, add_class, add_person

GROUP = ChatRef("fake", "-1001", False)


async def schedule(sessions, **fields):
    async with sessions.begin() as session:
        message = await schedule_message(session, now=T0, **fields)
        return message.id


async def test_a_notice_scheduled_for_tomorrow_morning_goes_out_then_and_only_once(sessions):
    load_providers()
    class_id = await add_class(sessions)
    morning = T0 + timedelta(hours=12)  # 08:00 in Beijing
    await schedule(sessions, class_id=class_id, to=GROUP, text="📢 明天春游，请带水", at=morning,
                   buttons=((Button("✅ 收到", "ack", ("1",)),),))
    station = Station(sessions, FixedClock(morning - timedelta(minutes=1)))
    await station.step(PROVIDERS)
    assert station.texts("-1001") == []
    for _ in range(3):
        await station.step(PROVIDERS, minutes=1)
    assert station.texts("-1001") == ["📢 明天春游，请带水"]
    assert station.messenger.transcript[0].buttons[0][0].action == "ack"


async def test_a_private_reminder_reaches_the_person_and_a_cancelled_one_nobody(sessions):
    load_providers()
    class_id = await add_class(sessions)
    mum = await add_person(sessions, "501")
    later = T0 + timedelta(hours=1)  # 21:00, before quiet hours
    await schedule(sessions, class_id=class_id, to=PersonTarget(mum), text="请确认通知", at=later)
    cancelled = await schedule(sessions, class_id=class_id, to=PersonTarget(mum), text="作废", at=later)
    async with sessions.begin() as session:
        assert await cancel_message(session, cancelled)
    station = Station(sessions, FixedClock(later))
    await station.step(PROVIDERS)
    assert station.texts("501") == ["请确认通知"]
    async with sessions.begin() as session:
        assert not await cancel_message(session, cancelled)


async def test_an_urgent_message_is_not_held_by_quiet_hours(sessions):
    load_providers()
    class_id = await add_class(sessions)
    night = T0 + timedelta(hours=3)  # 23:00 in Beijing
    await schedule(sessions, class_id=class_id, to=GROUP, text="明早停课", at=night, urgent=True)
    await schedule(sessions, class_id=class_id, to=GROUP, text="下周家长会", at=night)
    station = Station(sessions, FixedClock(night))
    await station.step(PROVIDERS)
    assert station.texts("-1001") == ["明早停课"]
