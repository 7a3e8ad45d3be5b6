"""kill -9 in a storm of check-ins: every check-in recorded is confirmed once, none lost and none twice.

A real `classbridge run` in webhook mode against the stand-in, on a SQLite file: 200 families send
/checkin, 16 updates in flight; a third of the way the process is killed with SIGKILL, started again on
the same store, and Telegram's side posts again every update it had no 200 for, as Telegram does."""
import asyncio

from sqlalchemy import func, select

from bench.checkin import checkin_updates
from bench.checkin_seed import seed_classes
from bot import migrate
from bot.runtime import build_runtime
from bot.sandbox.local_server import free_port
from bot.settings import Settings
from models import HabitCheckIn, OutboxMessage, OutboxStatus
from models.engine import make_engine
from support.crash_storm import Telegram, gated_stand_in, healthy, kill_hard, start_bot, stop, until

FAMILIES = 200
CONFIRMED = "打卡成功"


def confirmations(world, users: list[int]) -> dict[int, int]:
    return {user: sum(CONFIRMED in m.get("text", "") for m in world.messages(user) if m["from"]["is_bot"])
            for user in users}


async def scalar(engine, statement) -> int:
    async with engine.connect() as connection:
        return await connection.scalar(statement)


SENT_REPLIES = (select(func.count()).select_from(OutboxMessage)
                .where(OutboxMessage.kind == "reply", OutboxMessage.status == OutboxStatus.sent))
WAITING = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == OutboxStatus.pending)


async def test_a_kill_mid_storm_loses_no_confirmation_and_sends_none_twice(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path}/store.db"
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(url, connection=sync))
    async with gated_stand_in() as (world, base, gate, botapi):
        runtime = build_runtime(Settings(database_url=url))
        users, _groups = await seed_classes(runtime, world, FAMILIES)
        await runtime.close()
        port = free_port()
        telegram = Telegram(port, botapi)
        updates = checkin_updates(users, 1_000)
        bot = start_bot(url, world, base, port, tmp_path / "bot.log")
        try:
            await until(lambda: healthy(port), "classbridge run to start")

            async def kill_mid_storm() -> None:
                await until(lambda: len(telegram.confirmed) >= FAMILIES // 3, "a third of the storm answered")
                gate.close()  # no send of the bot's is left half-way: see Gate
                await until(lambda: gate.inside == 0, "the bot's requests in the stand-in to end")
                sent_by_worker = sum(confirmations(world, users).values()) - telegram.answers_run
                await until(async_at_least(engine, sent_by_worker), "the sends to be recorded as sent")
                kill_hard(bot)

            await asyncio.gather(telegram.post_all(updates), kill_mid_storm())
            answered_before = len(telegram.confirmed)
            gate.drop_held()  # what the dead process had begun to send never reaches Telegram
            bot = start_bot(url, world, base, port, tmp_path / "bot.log")  # the same store
            await until(lambda: healthy(port), "classbridge run to start again")
            for _round in range(20):  # Telegram posts again what had no 200
                if len(telegram.confirmed) == FAMILIES:
                    break
                await telegram.post_all(updates)
            await until(lambda: all(confirmations(world, users).values()), "every family's confirmation")
            await until(async_equal(engine, WAITING, 0), "the outbox to be empty")
        finally:
            stop(bot)
        recorded = await scalar(engine, select(func.count()).select_from(HabitCheckIn))
    await engine.dispose()
    counts = confirmations(world, users)
    confirmed = sum(1 for n in counts.values() if n)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    print(f"\nkill -9 after {answered_before} of {FAMILIES} updates answered: recorded {recorded}, "
          f"confirmed {confirmed}, duplicates {duplicates}")
    assert answered_before < FAMILIES  # the kill came mid-storm
    assert (recorded, confirmed, duplicates) == (FAMILIES, FAMILIES, 0)


def async_at_least(engine, wanted: int):
    async def check() -> bool:
        return await scalar(engine, SENT_REPLIES) >= wanted
    return check


def async_equal(engine, statement, wanted: int):
    async def check() -> bool:
        return await scalar(engine, statement) == wanted
    return check
