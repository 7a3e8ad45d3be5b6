"""Pushes through the real Telegram messenger to the Bot API stand-in while it fails on purpose: 10% 5xx
answers, time-outs and 429 bursts. Every push arrives exactly once and no group gets more than 20 a minute.

The worker and the stand-in read one injected clock, which the test moves; only the stand-in's time-outs
are real (short) waits, because that is what a time-out is to the HTTP client."""
from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.outbox_worker import OutboxWorker
from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.faults import Faults
from bot.sandbox.local_server import free_port, serve
from bot.sandbox.world import World
from bot.telegram.buttons import ButtonCodec
from bot.telegram.messenger import TelegramMessenger
from handlers.core.clock import FixedClock
from handlers.core.messages import ChatRef, PersonTarget
from handlers.core.pushes import Push
from models import OutboxMessage, OutboxStatus
from schedules.tick import tick
from support.outbox import T0, add_class, add_person

GROUPS, PER_GROUP, PARENTS, PER_PARENT = 8, 25, 6, 3


async def test_every_push_arrives_once_through_faults_and_within_the_group_limit(sessions):
    clock = FixedClock(T0)
    world = World(clock=lambda: clock.now().timestamp(),
                  faults=Faults(error_5xx_rate=0.10, timeout_rate=0.03, timeout_seconds=0.4, burst_429_rate=0.03,
                                burst_retry_after=2, seed=11))
    pushes = []
    for g in range(GROUPS):
        chat_id = world.add_group(f"班级{g}")
        class_id = await add_class(sessions, str(chat_id), platform="telegram")
        pushes += [
            Push(
                dedup_key=f"g{g}-{n}",
                kind="habit_daily",
                due_at=T0,
                class_id=class_id,
                target=ChatRef("telegram", str(chat_id), False),
                text=f"班级{g} 第{n}条",
            )
            for n in range(PER_GROUP)
        ]
    for p in range(PARENTS):
        user_id = world.add_user(f"家长{p}", started=True)
        person_id = await add_person(sessions, str(user_id), platform="telegram")
        pushes += [
            Push(
                dedup_key=f"p{p}-{n}",
                kind="habit_nudge",
                due_at=T0,
                class_id=None,
                target=PersonTarget(person_id),
                text=f"家长{p} 第{n}条",
            )
            for n in range(PER_PARENT)
        ]

    port = free_port()
    app = make_botapi_app(world)
    server, task = await serve(app, port)
    # A read time-out shorter than the stand-in's held answers, so those become time-outs for the client.
    bot = Bot(world.token, base_url=f"http://127.0.0.1:{port}/bot", request=HTTPXRequest(read_timeout=0.2))
    await bot.initialize()
    try:
        worker = OutboxWorker(sessions, {"telegram": TelegramMessenger(bot, ButtonCodec(b"t"))}, clock)

        async def due(_session, now):
            return pushes

        for _step in range(400):
            await tick(sessions, clock.now(), {"test": due})  # handing them out again must not duplicate them
            await worker.run_once()
            async with sessions() as session:
                pending = await session.scalar(select(func.count()).where(OutboxMessage.status == OutboxStatus.pending))
            if not pending:
                break
            clock.advance(seconds=3)
    finally:
        await bot.shutdown()
        await app.state.botapi.aclose()
        server.should_exit = True
        await task

    received = Counter(m["text"] for chat in world.chats.values() for m in world.messages(chat.id))
    assert received == Counter({push.text: 1 for push in pushes})  # none lost, none twice
    assert world.stats.faults["5xx"] > 10 and world.stats.faults["429"] > 0 and world.stats.faults["timeout"] > 0
    for chat in world.chats.values():
        if chat.is_group:
            assert world.stats.most_in_window(chat.id, 60) <= 20
    assert clock.now() - T0 < timedelta(minutes=20)
