"""Check-ins through the full path — update in, stored, reply out — against python-telegram-bot's own dispatch.

    python -m bench.checkin [--families 1000] [--in-flight 16] [--postgres-url URL | --no-postgres]

Telegram's side is this process: the sandbox's Bot API stand-in (limits off: this measures cost, not
Telegram's pacing) and a sender that posts the updates to the bot's webhook, several in flight, as
Telegram does for a bot with a webhook. Each bot is a process of its own, as in production:

- PTB no-op: python-telegram-bot's own webhook server and dispatch, with a handler that does nothing;
- PTB reply-only: the same, with a handler that sends one reply;
- ClassBridge: `classbridge run` on Telegram in webhook mode — the update is converted, de-duplicated and
  stored in one transaction with the check-in, the daily post's count is asked to be edited, and the
  reply goes back to Telegram in the webhook's answer.

Every family sends `/checkin` once, for its own child; each bot gets the same updates. The bench checks
that every check-in was stored and every family answered before it prints rates and ratios, on SQLite
and on PostgreSQL (a throwaway cluster that, like production, syncs its commits to disk)."""
from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

import httpx
from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, TypeHandler

from bench.checkin_seed import parent_name, seed_classes
from bench.stand_in import running_stand_in
from bench.webhook_load import post_all, sender_ceiling
from bot import migrate
from bot.runtime import build_runtime
from bot.sandbox.limits import Limits
from bot.sandbox.local_server import free_port
from bot.settings import Settings
from models import HabitCheckIn
from models.engine import make_engine

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-webhook-secret"
PATH = "/telegram/webhook"
START_SECONDS = 60


def checkin_updates(user_ids: list[int], first_id: int) -> list[dict]:
    return [{"update_id": first_id + n, "message": {
        "message_id": n + 1, "date": int(time.time()), "text": "/checkin",
        "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        "from": {"id": user, "is_bot": False, "first_name": parent_name(user), "language_code": "zh"},
        "chat": {"id": user, "type": "private", "first_name": parent_name(user)}}}
        for n, user in enumerate(user_ids)]


@asynccontextmanager
async def process(args: list[str], env: dict[str, str] | None = None):
    """A bot under measurement, stopped with Ctrl-C as a person would (and killed if it will not go)."""
    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        yield child
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


async def line_from(child: subprocess.Popen, expected: str) -> None:
    loop = asyncio.get_running_loop()
    while True:
        line = await asyncio.wait_for(loop.run_in_executor(None, child.stdout.readline), START_SECONDS)
        if not line:
            raise RuntimeError(f"the bot ended before saying {expected!r}")
        if line.strip() == expected:
            return


async def until(check, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not await check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def ptb_rate(kind: str, world, base: str, updates: list[dict], in_flight: int) -> float:
    port = free_port()
    args = ["-m", "bench.ptb_webhook_bot", kind, "--port", str(port), "--api-base", base, "--token", world.token,
            "--secret", SECRET, "--expect", str(len(updates))]
    async with process(args) as child:
        await line_from(child, "ready")
        started = time.perf_counter()
        answers, _ = await post_all(port, PATH, SECRET, updates, in_flight)
        await line_from(child, "handled")  # PTB answers before it dispatches: the work ends here
        seconds = time.perf_counter() - started
    assert all(answer.status == 200 for answer in answers), "PTB accepted every update"
    return len(updates) / seconds


async def classbridge_rate(database_url: str, world, base: str, botapi, groups: list[int], updates: list[dict],
                           in_flight: int) -> float:
    port = free_port()
    env = {"DATABASE_URL": database_url, "HTTP_PORT": str(port), "TELEGRAM_BOT_TOKEN": world.token,
           "TELEGRAM_API_BASE_URL": f"{base}/bot", "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}{PATH}", "LOG_LEVEL": "WARNING",
           # Limits off, as in the stand-in: this measures cost, not Telegram's pacing of 30 messages a second.
           "SEND_LIMIT_PER_SECOND": "1000000"}
    async with process(["-m", "bot", "run"], env), httpx.AsyncClient() as client:
        async def started() -> bool:
            try:
                healthy = (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
            except httpx.HTTPError:
                return False
            return healthy and bool(world.webhook.url)

        await until(started, "classbridge run to start")
        # The scheduler's start-up tick posts today's daily posts: from then on every check-in edits a count.
        await until(lambda: posted(world, groups), "the daily posts")
        begun = time.perf_counter()
        answers, _ = await post_all(port, PATH, SECRET, updates, in_flight)
        # A reply carried in the webhook's answer is out with the answer; one sent after it, once it arrived.
        wanted = {update["message"]["chat"]["id"] for update in updates}
        calls = [answer.method_call() for answer in answers]
        await until(lambda: all_answered(world, wanted - {call["chat_id"] for call in calls if call}),
                    "every family's answer")
        seconds = time.perf_counter() - begun
    assert all(answer.status == 200 for answer in answers), "the bot accepted every update"
    # Telegram runs the call each answer carries; so does the stand-in, after the clock has stopped.
    for call in filter(None, calls):
        await botapi.call_from_webhook_answer(call)
    assert await all_answered(world, wanted), "every family was answered"
    return len(updates) / seconds


async def posted(world, groups: list[int]) -> bool:
    return all(world.messages(group) for group in groups)


async def all_answered(world, chats: set[int]) -> bool:
    return all(any("打卡" in message.get("text", "") for message in world.messages(chat) if message["from"]["is_bot"])
               for chat in chats)


async def dispatch_alone(world, base: str, updates: list[dict]) -> float:
    """For scale: PTB's process_update with a no-op handler, handed objects already parsed, no HTTP at all."""
    application = Application.builder().token(world.token).base_url(f"{base}/bot").updater(None).build()
    application.add_handler(TypeHandler(Update, lambda update, context: asyncio.sleep(0)))
    async with application:
        parsed = [Update.de_json(update, application.bot) for update in updates]
        started = time.perf_counter()
        for update in parsed:
            await application.process_update(update)
        return len(parsed) / (time.perf_counter() - started)


async def stored_checkins(url: str) -> int:
    engine = make_engine(url)
    async with engine.connect() as connection:
        count = await connection.scalar(select(func.count()).select_from(HabitCheckIn))
    await engine.dispose()
    return count


async def measure(database_url: str, families: int, in_flight: int) -> dict[str, float]:
    engine = make_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(database_url, connection=sync))
    await engine.dispose()
    async with running_stand_in(Limits(enabled=False)) as (world, base, _bot, _messenger, botapi):
        runtime = build_runtime(Settings(database_url=database_url))
        user_ids, groups = await seed_classes(runtime, world, families)
        await runtime.close()
        rates = {
            "PTB no-op": await ptb_rate("noop", world, base, checkin_updates(user_ids, 10_000), in_flight),
            "PTB reply-only": await ptb_rate("reply", world, base, checkin_updates(user_ids, 20_000), in_flight),
            "ClassBridge check-in": await classbridge_rate(database_url, world, base, botapi, groups,
                                                           checkin_updates(user_ids, 30_000), in_flight),
            "PTB process_update alone": await dispatch_alone(world, base, checkin_updates(user_ids, 40_000)),
        }
    stored = await stored_checkins(database_url)
    assert stored == families, f"{stored} check-ins stored for {families} families"
    return rates


async def empty(url: str) -> None:
    """Back to an empty schema, so the next measurement seeds the same class again."""
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.downgrade(url, "base", connection=sync))
    await engine.dispose()


def report(database: str, in_flight: int, rates: dict[str, float]) -> None:
    ours, noop, echo = rates["ClassBridge check-in"], rates["PTB no-op"], rates["PTB reply-only"]
    print(f"[{database}, {in_flight} in flight] PTB no-op {noop:,.0f}/s · PTB reply-only {echo:,.0f}/s · "
          f"ClassBridge check-in {ours:,.0f}/s")
    print(f"[{database}] check-in / PTB no-op = {ours / noop:.2f} · check-in / PTB reply-only = {ours / echo:.2f}"
          f" · (PTB process_update alone, no HTTP: {rates['PTB process_update alone']:,.0f}/s)")


def postgres(url: str | None, disabled: bool):
    if disabled:
        return nullcontext(None)
    if url:
        return nullcontext(url)
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres import postgres_server  # the tests' throwaway cluster, here with fsync on

    return postgres_server(durable=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, nargs="+", default=[16],
                        help="updates the sender keeps in flight (Telegram allows up to 100 connections)")
    parser.add_argument("--postgres-url", default=None)
    parser.add_argument("--no-postgres", action="store_true")
    options = parser.parse_args()
    print(f"the sender alone, against a server that only says 200: {asyncio.run(sender_ceiling()):,.0f}/s")
    for in_flight in options.in_flight:
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite+aiosqlite:///{directory}/checkin.db"
            report("SQLite", in_flight, asyncio.run(measure(url, options.families, in_flight)))
    try:
        with postgres(options.postgres_url, options.no_postgres) as url:
            if url is None:
                return
            for in_flight in options.in_flight:
                report("PostgreSQL", in_flight, asyncio.run(measure(url, options.families, in_flight)))
                asyncio.run(empty(url))
    except RuntimeError as error:
        print(f"[PostgreSQL] skipped: {error}")


if __name__ == "__main__":
    main()
