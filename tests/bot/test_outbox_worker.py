"""The worker delivers each push once, honours the platform's answers, and keeps chats independent."""
import asyncio
from datetime import timedelta

from sqlalchemy import select

from bot.fake import FakeMessenger
from bot.outbox_worker import WorkerConfig
from handlers.core.clock import FixedClock
from handlers.core.messages import ChatRef, Media
from handlers.core.outbox import enqueue
from handlers.core.ports import RetryLater, TransientError, Unreachable
from handlers.core.pushes import Push
from models import Identity, OutboxMessage, OutboxStatus
from support.outbox import T0, Station, add_class, add_person, group_push, person_push


async def queue(sessions, *pushes):
    async with sessions.begin() as session:
        for push in pushes:
            await enqueue(session, push, T0)


async def status_of(sessions, key):
    async with sessions() as session:
        return await session.scalar(select(OutboxMessage).where(OutboxMessage.dedup_key == key))


async def test_retry_after_is_waited_out_then_the_push_goes(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    station.messenger.fail_next("-1001", RetryLater(5))
    await queue(sessions, group_push(class_id, "p", T0))
    await station.worker.run_once()
    station.clock.advance(seconds=4)
    await station.worker.run_once()
    assert station.texts("-1001") == [] and station.messenger.attempts == 1
    station.clock.advance(seconds=1)
    await station.worker.run_once()
    assert station.texts("-1001") == ["push p"]


async def test_transient_errors_are_retried_with_growing_waits_and_then_given_up(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0), config=WorkerConfig(max_attempts=4, backoff_base=10))
    station.messenger.fail_next("-1001", *[TransientError("502")] * 4)
    await queue(sessions, group_push(class_id, "p", T0))
    attempt_times = []
    for _second in range(200):
        before = station.messenger.attempts
        await station.worker.run_once()
        if station.messenger.attempts > before:
            attempt_times.append(station.clock.now())
        station.clock.advance(seconds=1)
    gaps = [(b - a).total_seconds() for a, b in zip(attempt_times, attempt_times[1:], strict=False)]
    assert len(attempt_times) == 4
    assert 5 <= gaps[0] <= 10 + 1 and 10 <= gaps[1] <= 20 + 1 and 20 <= gaps[2] <= 40 + 1
    row = await status_of(sessions, "p")
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.failed, 4, "TransientError: 502")


async def test_a_person_who_blocked_the_bot_is_marked_unreachable_and_not_written_to_again(sessions):
    class_id = await add_class(sessions)
    mum = await add_person(sessions, "501")
    station = Station(sessions, FixedClock(T0))
    station.messenger.fail_next("501", Unreachable("Forbidden: bot was blocked by the user"))
    await queue(sessions, person_push(class_id, mum, "nudge:1", T0), person_push(class_id, mum, "nudge:2", T0))
    await station.worker.run_once()
    station.clock.advance(seconds=2)
    await station.worker.run_once()
    assert station.messenger.attempts == 1 and station.texts("501") == []
    assert (await status_of(sessions, "nudge:1")).status == OutboxStatus.failed
    assert (await status_of(sessions, "nudge:2")).status == OutboxStatus.skipped
    async with sessions() as session:
        assert (await session.scalar(select(Identity.reachable))) is False


async def test_a_person_is_looked_up_when_sending_not_when_queued(sessions):
    class_id = await add_class(sessions)
    dad = await add_person(sessions, None)
    await queue(sessions, person_push(class_id, dad, "nudge:dad", T0))
    async with sessions.begin() as session:  # he presses Start before the worker gets to it
        identity = await session.scalar(select(Identity))
        identity.private_chat_id, identity.reachable = "777", True
    station = Station(sessions, FixedClock(T0))
    await station.worker.run_once()
    assert station.texts("777") == ["push nudge:dad"]


async def test_a_slow_chat_does_not_hold_up_the_others(sessions):
    class_id = await add_class(sessions)
    other = await add_class(sessions, "-2002")
    stuck = asyncio.Event()

    class SlowInOneChat(FakeMessenger):
        async def send(self, chat, reply):
            if chat.chat_id == "-1001":
                await stuck.wait()
            return await super().send(chat, reply)

    station = Station(sessions, FixedClock(T0), SlowInOneChat(), config=WorkerConfig(send_timeout=0.2))
    await queue(sessions, group_push(class_id, "slow", T0), group_push(other, "fast", T0, "-2002"))
    result = await station.worker.run_once()
    assert station.texts("-2002") == ["push fast"] and station.texts("-1001") == []
    assert (result.sent, result.deferred) == (1, 1)
    stuck.set()
    station.clock.advance(seconds=3)
    await station.worker.run_once()
    assert station.texts("-1001") == ["push slow"]


async def test_a_chat_gets_its_pushes_in_order_and_a_private_chat_one_a_second(sessions):
    mum = await add_person(sessions, "501")
    station = Station(sessions, FixedClock(T0))
    await queue(sessions, *[person_push(None, mum, f"n{i}", T0 + timedelta(milliseconds=i)) for i in range(3)])
    station.clock.advance(seconds=1)
    await station.worker.run_once()
    assert station.texts("501") == ["push n0"]
    for _ in range(2):
        station.clock.advance(seconds=1)
        await station.worker.run_once()
    assert station.texts("501") == ["push n0", "push n1", "push n2"]


async def test_photos_travel_with_the_push_and_the_message_id_is_recorded(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    photo = Media("photo", b"\x89PNG...", "stars.png", "本周之星")
    await queue(sessions, group_push(class_id, "stars", T0, media=(photo,)))
    await station.worker.run_once()
    message = station.messenger.transcript[0]
    assert message.reply.media == (photo,)
    row = await status_of(sessions, "stars")
    assert (row.status, row.message_id, row.sent_at) == (OutboxStatus.sent, message.message_id, T0)


async def test_a_push_for_a_platform_this_process_cannot_send_on_waits_and_the_rest_go(sessions):
    class_id = await add_class(sessions)
    station = Station(sessions, FixedClock(T0))
    elsewhere = Push("elsewhere", "notice", T0, class_id, ChatRef("nowhere", "x", False), "?")
    await queue(sessions, group_push(class_id, "ok", T0), elsewhere)
    await station.worker.run_once()
    assert station.texts("-1001") == ["push ok"]
    row = await status_of(sessions, "elsewhere")
    assert (row.status, row.attempts) == (OutboxStatus.pending, 0)


async def test_a_push_to_a_person_without_a_private_chat_is_skipped(sessions):
    grandma = await add_person(sessions, None)
    station = Station(sessions, FixedClock(T0))
    await queue(sessions, person_push(None, grandma, "n", T0))
    await station.worker.run_once()
    assert station.messenger.attempts == 0
    assert (await status_of(sessions, "n")).status == OutboxStatus.skipped
