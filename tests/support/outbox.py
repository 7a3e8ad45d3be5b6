"""Building blocks for outbox tests: classes and people in the store, pushes, and a tick-and-deliver step."""
from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta

from bot.fake import FakeMessenger
from bot.outbox_worker import OutboxWorker
from handlers.core.messages import ChatRef, PersonTarget
from handlers.core.pushes import Push
from models import ClassGroup, Identity, Person
from schedules.tick import tick

_codes = itertools.count(100000)
T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # 20:00 in Beijing


async def add_class(sessions, chat_id: str = "-1001", *, zone: str = "Asia/Shanghai",
                    quiet: tuple[time, time] = (time(21, 30), time(7, 0)), platform: str = "fake") -> int:
    async with sessions.begin() as session:
        group = ClassGroup(name=f"class {chat_id}", platform=platform, chat_id=chat_id, join_code=str(next(_codes)),
                           timezone=zone, language="zh", quiet_start=quiet[0], quiet_end=quiet[1], created_at=T0)
        session.add(group)
        await session.flush()
        return group.id


async def add_person(sessions, private_chat_id: str | None, *, platform: str = "fake") -> int:
    async with sessions.begin() as session:
        person = Person(display_name=f"parent {private_chat_id}", language="zh", created_at=T0)
        session.add(Identity(person=person, platform=platform, external_id=f"user-{private_chat_id}-{id(person)}",
                             private_chat_id=private_chat_id, reachable=private_chat_id is not None))
        await session.flush()
        return person.id


def group_push(class_id: int, key: str, due_at: datetime, chat_id: str = "-1001", **fields) -> Push:
    fields.setdefault("text", f"push {key}")
    return Push(dedup_key=key, kind=fields.pop("kind", "habit_daily"), due_at=due_at, class_id=class_id,
                target=ChatRef("fake", chat_id, False), **fields)


def person_push(class_id: int | None, person_id: int, key: str, due_at: datetime, **fields) -> Push:
    fields.setdefault("text", f"push {key}")
    return Push(dedup_key=key, kind=fields.pop("kind", "habit_nudge"), due_at=due_at, class_id=class_id,
                target=PersonTarget(person_id), **fields)


def provider_of(pushes: list[Push], repeat_for: timedelta | None = None):
    """A careless provider: hands out every push whose time has come, again on every tick (for
    `repeat_for`, or for ever), as two replicas or a retried tick would. The outbox must still send each once."""
    async def due(_session, now):
        return [
            push for push in pushes if push.due_at <= now and (repeat_for is None or now <= push.due_at + repeat_for)
        ]

    return {"test": due}


class Station:
    """The scheduler's tick and the delivery worker on one clock, stepped by the test."""

    def __init__(self, sessions, clock, messenger: FakeMessenger | None = None, **worker):
        self.sessions, self.clock = sessions, clock
        self.messenger = messenger or FakeMessenger(clock)
        self.worker = OutboxWorker(sessions, {"fake": self.messenger}, clock, **worker)

    async def step(self, providers=None, **advance):
        if advance:
            self.clock.advance(**advance)
        await tick(self.sessions, self.clock.now(), providers or {})
        return await self.worker.run_once()

    def texts(self, chat_id: str) -> list[str]:
        return [m.text for m in self.messenger.in_chat(chat_id)]
