"""The daily post's count is kept current by editing it: coalesced, throttled, and never lost."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.fake import FakeMessenger
from handlers.core import tallies
from handlers.core.clock import FixedClock
from handlers.core.declarations import Tally
from handlers.core.messages import Button
from handlers.core.outbox import enqueue
from handlers.core.ports import NotModified
from handlers.core.registry import registry
from models import TallyEdit
from support.outbox import T0, Station, add_class, group_push

KEY = "test-count:plan=1"
COUNTS: dict[str, int] = {}


async def render_count(session, key):
    return tallies.TallyView(f"📅 早睡早起 · 今日已打卡 {COUNTS[key]}/40", ((Button("✅ 打卡", "checkin", ("1",)),),))


@pytest.fixture(autouse=True)
def count_tally():
    """A tally of this test's own, declared the way a feature declares one, whose count the test sets."""
    registry().tallies["test-count"] = Tally("test-count", render_count)
    yield
    del registry().tallies["test-count"]
    COUNTS.clear()


async def post_daily(sessions, station, class_id):
    async with sessions.begin() as session:
        await enqueue(session, group_push(class_id, KEY, T0, text="📅 早睡早起 · 今日已打卡 0/40", tally_key=KEY), T0)
    await station.worker.run_once()


async def count(sessions, n, at):
    COUNTS[KEY] = n
    async with sessions.begin() as session:
        await tallies.refresh(session, KEY, at)


async def test_many_check_ins_before_the_worker_runs_make_one_edit_with_the_latest_count(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    await post_daily(sessions, station, class_id)
    for n in range(1, 13):
        await count(sessions, n, T0)
    await station.worker.run_once()
    await station.worker.run_once()
    [post] = station.messenger.transcript
    assert len(post.edits) == 1 and post.text == "📅 早睡早起 · 今日已打卡 12/40"
    assert post.buttons[0][0].text == "✅ 打卡"


async def test_a_check_in_before_the_post_is_out_shows_once_the_post_is_sent(sessions):
    class_id = await add_class(sessions)
    evening = T0 + timedelta(hours=2)  # 22:00: the post waits for the morning
    station = Station(sessions, FixedClock(evening))
    async with sessions.begin() as session:
        await enqueue(session, group_push(class_id, KEY, evening, text="0/40", tally_key=KEY), evening)
    await count(sessions, 3, evening)
    await station.worker.run_once()
    assert station.messenger.transcript == []
    station.clock.advance(hours=9)
    await station.worker.run_once()
    station.clock.advance(seconds=1)
    await station.worker.run_once()
    assert station.texts("-1001") == ["📅 早睡早起 · 今日已打卡 3/40"]


async def test_edits_keep_to_twenty_a_minute_per_group_and_end_on_the_latest_count(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    await post_daily(sessions, station, class_id)
    for second in range(1, 91):  # a check-in every second for a minute and a half
        station.clock.advance(seconds=1)
        await count(sessions, second, station.clock.now())
        await station.worker.run_once()
    for _ in range(60):
        station.clock.advance(seconds=1)
        await station.worker.run_once()
    [post] = station.messenger.transcript
    assert post.text.endswith(" 90/40")
    edited_at = post.edited_at
    assert 30 <= len(edited_at) <= 31  # 90 requests in 90 s: one edit every 3 s, none waiting at the end
    assert all((b - a) >= timedelta(seconds=3) for a, b in zip(edited_at, edited_at[1:], strict=False))


async def test_not_modified_counts_as_done(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    await post_daily(sessions, station, class_id)
    await count(sessions, 0, T0)
    station.messenger.fail_next("-1001", NotModified("message is not modified"))
    await station.worker.run_once()
    attempts = station.messenger.attempts
    station.clock.advance(minutes=5)
    await station.worker.run_once()
    assert station.messenger.attempts == attempts
    async with sessions() as session:
        edit = await session.scalar(select(TallyEdit))
    assert edit.applied_version == edit.version


async def test_a_check_in_during_an_edit_gets_an_edit_of_its_own(sessions):
    class_id = await add_class(sessions)

    class CheckInWhileEditing(FakeMessenger):
        async def send(self, chat, reply):
            if reply.edit_message_id and reply.text.endswith(" 1/40"):
                await count(sessions, 2, T0)
            return await super().send(chat, reply)

    station = Station(sessions, FixedClock(T0), CheckInWhileEditing())
    await post_daily(sessions, station, class_id)
    await count(sessions, 1, T0)
    await station.worker.run_once()
    station.clock.advance(seconds=3)
    await station.worker.run_once()
    assert station.messenger.transcript[0].text.endswith(" 2/40")
