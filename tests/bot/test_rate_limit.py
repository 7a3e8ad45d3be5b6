"""The limiter lets through exactly what the platform allows, and says how long to wait otherwise."""
import asyncio
import heapq
import random
from datetime import UTC, datetime, timedelta

import pytest

from bot.outbox_worker import WorkerConfig
from bot.rate_limit import Limit, Limits, RateLimiter, limits_from
from bot.sandbox.limits import Limits as PlatformLimits
from bot.sandbox.limits import RateLimiter as PlatformLimiter
from bot.settings import load_settings
from handlers.core.clock import FixedClock
from handlers.core.messages import ChatRef
from handlers.core.outbox import enqueue
from support.outbox import Station, add_class, group_push

T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
GROUP = ChatRef("telegram", "-1001", False)


def test_a_group_gets_twenty_messages_a_minute_and_then_waits_for_the_oldest_to_age():
    limiter = RateLimiter()
    for second in range(20):
        assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=second)) == 0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=30)) == 30.0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=60)) == 0


def test_a_refused_send_is_not_counted():
    limiter = RateLimiter(Limits(private=Limit(1, 1.0)))
    chat = ChatRef("telegram", "42", True)
    assert limiter.try_acquire(chat, T0) == 0
    for _ in range(5):
        assert limiter.try_acquire(chat, T0 + timedelta(seconds=0.5)) == 0.5
    assert limiter.try_acquire(chat, T0 + timedelta(seconds=1)) == 0


def test_the_overall_limit_spans_chats_and_platforms_are_separate():
    limiter = RateLimiter()
    for n in range(30):
        assert limiter.try_acquire(ChatRef("telegram", str(n), True), T0) == 0
    assert limiter.try_acquire(ChatRef("telegram", "99", True), T0) == 1.0
    assert limiter.headroom(["telegram"], T0) == 0
    assert limiter.until_room(["telegram"], T0 + timedelta(seconds=0.25)) == 0.75
    assert limiter.try_acquire(ChatRef("wecom_robot", "class-1", False), T0) == 0


def test_a_wecom_robot_keeps_to_twenty_a_minute_and_edits_have_their_own_budget():
    limiter = RateLimiter()
    robot = ChatRef("wecom_robot", "class-1", False)
    for n in range(20):
        assert limiter.try_acquire(robot, T0 + timedelta(seconds=n)) == 0
    assert limiter.try_acquire(robot, T0 + timedelta(seconds=20)) > 0
    for n in range(20):
        assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=n)) == 0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=20), edit=True) == 0


def test_retry_after_pauses_only_that_chat():
    limiter = RateLimiter()
    limiter.pause(GROUP, T0, 7)
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=2)) == 5
    assert limiter.try_acquire(ChatRef("telegram", "-1002", False), T0 + timedelta(seconds=2)) == 0
    assert limiter.try_acquire(GROUP, T0 + timedelta(seconds=7)) == 0


def test_a_send_in_flight_holds_its_place_and_is_counted_when_its_answer_comes():
    limiter = RateLimiter(Limits(overall=Limit(2, 1.0)))
    first, second, third = (ChatRef("telegram", str(n), True) for n in range(3))
    assert limiter.try_start(first, T0) == 0
    assert limiter.try_start(second, T0) == 0
    # Both in flight: neither can have left the platform's window before a second after its answer.
    assert limiter.try_start(third, T0 + timedelta(seconds=0.2)) == 1.0
    limiter.finish(first, T0 + timedelta(seconds=0.3))
    limiter.finish(second, T0 + timedelta(seconds=0.4))
    assert limiter.headroom(["telegram"], T0 + timedelta(seconds=1.2)) == 0
    assert limiter.try_start(third, T0 + timedelta(seconds=1.2)) == pytest.approx(0.1)
    assert limiter.try_start(third, T0 + timedelta(seconds=1.3)) == 0


def test_a_short_wait_is_handed_out_with_the_place_taken_so_the_next_sender_queues_behind_it():
    limiter = RateLimiter(Limits(overall=Limit(2, 1.0)))
    chats = [ChatRef("telegram", str(n), True) for n in range(5)]
    limiter.try_acquire(chats[0], T0)
    limiter.try_acquire(chats[1], T0 + timedelta(seconds=0.25))
    now = T0 + timedelta(seconds=0.5)
    assert limiter.try_start(chats[2], now, ahead=0.8) == 0.5
    assert limiter.try_start(chats[3], now, ahead=0.8) == 0.75  # the next place, not the same one
    assert limiter.try_start(chats[4], now, ahead=0.8) == 1.0  # both taken: too long to wait, nothing kept
    assert limiter.headroom(["telegram"], now, ahead=0.8) == 0
    assert limiter.try_start(chats[4], now, ahead=0.8) == 1.0


def test_the_limiter_is_never_looser_than_the_platform_whatever_the_delays():
    """Sends to many groups, each reaching the sandbox's model of Telegram's limits some time after it was
    begun and answered some time after that: the platform never has cause to answer 429."""
    rng = random.Random(7)
    moment = 0.0
    platform = PlatformLimiter(PlatformLimits(), lambda: moment)
    ours = RateLimiter(limits_from(load_settings(database_url="sqlite+aiosqlite://")))
    events: list[tuple[float, int, str, ChatRef]] = []  # (when, order, arrival or answer, chat)
    sent = 0
    for step in range(20_000):  # 20 s in steps of a millisecond
        moment = step / 1000
        while events and events[0][0] <= moment:
            when, _order, what, chat = heapq.heappop(events)
            moment = when
            if what == "arrives":
                platform.check_send(int(chat.chat_id), True)  # raises TooManyRequests if ours let too many go
                platform.record_send(int(chat.chat_id), True)
                heapq.heappush(events, (when + rng.uniform(0, 0.2), sent, "answered", chat))
            else:
                ours.finish(chat, at(when))
        moment = step / 1000
        while ours.try_start(chat := ChatRef("telegram", f"-{sent + 1}", False), at(moment)) == 0:
            sent += 1
            heapq.heappush(events, (moment + rng.choice([0.0, rng.uniform(0, 0.4)]), sent, "arrives", chat))
    assert sent > 20 * 30 * 0.75  # the limit was what held the sends back, all along


async def test_a_push_claimed_ahead_of_its_place_waits_for_it_in_memory_not_in_the_store(sessions):
    clock = FixedClock(T0)

    slept = []

    async def sleep(seconds: float) -> None:  # time passes for every waiter at once, as it does for real
        slept.append(seconds)
        until = clock.now() + timedelta(seconds=seconds)
        await asyncio.sleep(0)
        clock.set(max(clock.now(), until))

    chats = ["-1001", "-1002", "-1003"]
    class_ids = [await add_class(sessions, chat) for chat in chats]
    async with sessions.begin() as session:
        for class_id, chat in zip(class_ids, chats, strict=True):
            await enqueue(session, group_push(class_id, f"p{chat}", T0, chat), T0)
    limiter = RateLimiter(Limits(overall=Limit(2, 1.0)))
    limiter.try_acquire(ChatRef("fake", "-1", True), T0 - timedelta(seconds=0.5))
    limiter.try_acquire(ChatRef("fake", "-2", True), T0 - timedelta(seconds=0.3))
    station = Station(sessions, clock, limiter=limiter, config=WorkerConfig(hold=0.8), sleep=sleep)
    result = await station.worker.run_once()
    # Both places free within `hold`: two pushes are claimed and each goes when its own place frees; the
    # third is left in the store for a later pass.
    assert (result.sent, result.deferred) == (2, 0)
    assert slept == [pytest.approx(0.5), pytest.approx(0.7)]
    assert len(station.messenger.transcript) == 2


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)
