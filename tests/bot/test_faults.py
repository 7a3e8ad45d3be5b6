"""Under a flaky platform (errors, time-outs, 429 bursts) every push arrives exactly once, within limits."""
from collections import Counter, defaultdict
from datetime import timedelta

from sqlalchemy import func, select

from bot.fake import FakeMessenger, random_faults
from handlers.core.clock import FixedClock
from handlers.core.ports import RetryLater
from models import OutboxMessage, OutboxStatus
from support.outbox import (
    T0,
    Station,
    add_class,
    add_person,
    group_push,
    person_push,
    provider_of,
)

GROUPS, PER_GROUP, PARENTS, PER_PARENT = 10, 25, 10, 3


def most_in_any_window(times, window: timedelta) -> int:
    times, most, start = sorted(times), 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


async def test_every_push_arrives_once_and_no_group_gets_more_than_twenty_a_minute(sessions):
    pushes = []
    for g in range(GROUPS):
        class_id = await add_class(sessions, f"-{1000 + g}")
        pushes += [
            group_push(class_id, f"g{g}-{n}", T0 + timedelta(seconds=n), f"-{1000 + g}") for n in range(PER_GROUP)
        ]
    for p in range(PARENTS):
        person = await add_person(sessions, f"{500 + p}")
        pushes += [person_push(None, person, f"p{p}-{n}", T0) for n in range(PER_PARENT)]
    clock = FixedClock(T0)
    faults = random_faults(seed=4, transient=0.10, timeouts=0.03, bursts=0.03)
    answers = Counter()

    def counted(chat, reply):
        error = faults(chat, reply)
        answers[type(error).__name__] += 1
        return error

    station = Station(sessions, clock, FakeMessenger(clock, counted))
    providers = provider_of(pushes, repeat_for=timedelta(seconds=3))
    for _second in range(1800):
        await station.step(providers, seconds=1)
        async with sessions() as session:
            pending = await session.scalar(select(func.count()).where(OutboxMessage.status == OutboxStatus.pending))
        if pending == 0 and clock.now() > T0 + timedelta(seconds=PER_GROUP):
            break

    delivered = Counter(message.text for message in station.messenger.transcript)
    assert delivered == Counter({push.text: 1 for push in pushes})
    assert answers[RetryLater.__name__] > 0 and answers["TransientError"] > 30
    by_chat = defaultdict(list)
    for message in station.messenger.transcript:
        by_chat[message.chat].append(message.sent_at)
    for chat, times in by_chat.items():
        if chat.is_private:
            assert most_in_any_window(times, timedelta(seconds=1)) == 1
        else:
            assert most_in_any_window(times, timedelta(seconds=60)) <= 20
    assert most_in_any_window([m.sent_at for m in station.messenger.transcript], timedelta(seconds=1)) <= 30
