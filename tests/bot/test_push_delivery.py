"""In the running app, a scheduled message goes out on its own: scheduler, outbox and worker together."""
import asyncio
from datetime import timedelta

from bot.fake import FakeMessenger
from bot.push_delivery import running_pushes
from bot.rate_limit import limits_from
from bot.runtime import build_runtime
from bot.settings import load_settings
from handlers.core.messages import ChatRef
from handlers.core.scheduled_messages import schedule_message
from support.outbox import add_class


def test_the_limits_come_from_the_settings():
    limits = limits_from(load_settings(send_limit_per_second=10, send_limit_group_per_minute=15,
                                       edit_limit_group_per_minute=30))
    assert (limits.overall.count, limits.group.count, limits.group.per) == (10, 15, 60.0)
    assert (limits.group_edits.count, limits.group_edits.per) == (1, 2.0)


async def test_a_message_scheduled_a_minute_ago_arrives_shortly_after_start(database_url):
    runtime = build_runtime(load_settings(database_url=database_url))
    messenger = FakeMessenger()
    try:
        class_id = await add_class(runtime.sessions, zone="UTC", quiet=(runtime.clock.now().time(),) * 2)
        async with runtime.sessions.begin() as session:
            now = runtime.clock.now()
            await schedule_message(session, class_id=class_id, to=ChatRef("fake", "-1001", False), text="你好",
                                   at=now - timedelta(minutes=1), now=now)
        async with running_pushes(runtime, {"fake": messenger}):
            for _ in range(200):  # real time: the scheduler's first tick and the worker's first passes
                if messenger.transcript:
                    break
                await asyncio.sleep(0.05)
        assert [m.text for m in messenger.transcript] == ["你好"]
    finally:
        await runtime.close()
