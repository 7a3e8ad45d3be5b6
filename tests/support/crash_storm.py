"""A real `classbridge run` in webhook mode, stormed by Telegram's side (this process: the sandbox's Bot API
stand-in and a sender posting updates to the webhook, several in flight), and killed with SIGKILL mid-way.

Telegram's side behaves as Telegram does: it runs the call a webhook's answer carries, and posts an update
again until it has had a 200 for it."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from bot.sandbox.botapi import make_botapi_app
from bot.sandbox.limits import Limits
from bot.sandbox.local_server import free_port, serve
from bot.sandbox.world import World
from bot.telegram.webhook import SECRET_HEADER

ROOT = Path(__file__).resolve().parents[2]
SECRET = "storm-webhook-secret"
WAIT_SECONDS = 60.0  # generous: every wait ends as soon as its condition holds


async def until(check, what: str, timeout: float = WAIT_SECONDS):
    """Polls `check()` (sync or async) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


class Gate:
    """ASGI middleware before the stand-in: `close` holds the bot's new Bot API requests at the door, and
    `drop_held` answers those with a 502 without letting them in (their sender is gone) and opens again.

    Closed around the kill, so that no send of the bot's is between reaching Telegram and being recorded
    as sent when it dies: a send caught there is repeated after the restart (the outbox sends at least
    once; nothing on Telegram's side tells a repeat apart)."""

    def __init__(self, app):
        self.app = app
        self.opened = asyncio.Event()
        self.opened.set()
        self.generation = 0
        self.inside = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        generation = self.generation
        await self.opened.wait()
        if generation != self.generation:
            await send({"type": "http.response.start", "status": 502, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        self.inside += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.inside -= 1

    def close(self) -> None:
        self.opened.clear()

    def drop_held(self) -> None:
        self.generation += 1
        self.opened.set()


@asynccontextmanager
async def gated_stand_in():
    """Yields (world, base URL, gate, the stand-in's BotApi); limits off, as the bot keeps to its own."""
    world = World(limits=Limits(enabled=False))
    port = free_port()
    app = make_botapi_app(world)
    gate = Gate(app)
    server, task = await serve(gate, port, lifespan="off")
    try:
        yield world, f"http://127.0.0.1:{port}", gate, app.state.botapi
    finally:
        await app.state.botapi.aclose()
        server.should_exit = True
        await task


def start_bot(database_url: str, world: World, base: str, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "HTTP_PORT": str(port), "TELEGRAM_BOT_TOKEN": world.token,
           "TELEGRAM_API_BASE_URL": f"{base}/bot", "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/webhook", "LOG_LEVEL": "WARNING",
           # What a process that died was sending is sent again after the lease: short, for the test.
           "OUTBOX_LEASE_SECONDS": "4"}
    with log.open("a") as output:
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=output,
                                stderr=subprocess.STDOUT)


async def healthy(port: int) -> bool:
    try:
        async with httpx.AsyncClient() as client:
            return (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
    except httpx.HTTPError:
        return False


def kill_hard(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()


def stop(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGINT)
    try:
        child.wait(20)
    except subprocess.TimeoutExpired:
        kill_hard(child)


class Telegram:
    """Posts updates to the webhook, `in_flight` at once, and runs each answer's call on the stand-in."""

    def __init__(self, port: int, botapi, in_flight: int = 16):
        self.url = f"http://127.0.0.1:{port}/telegram/webhook"
        self.botapi = botapi
        self.in_flight = in_flight
        self.confirmed: set[int] = set()  # update ids answered 200
        self.answers_run = 0

    async def post_all(self, updates: list[dict]) -> None:
        """One try each; those without a 200 (the bot died, or was not up) are left for `post_all` again."""
        slots = asyncio.Semaphore(self.in_flight)
        async with httpx.AsyncClient(timeout=10) as client:
            async def one(update: dict) -> None:
                async with slots:
                    try:
                        response = await client.post(self.url, json=update, headers={SECRET_HEADER: SECRET})
                    except httpx.HTTPError:
                        return
                    if response.status_code != 200:
                        return
                    self.confirmed.add(update["update_id"])
                    if response.content:  # Telegram runs the call the answer carries, and tells nobody
                        await self.botapi.call_from_webhook_answer(response.json())
                        self.answers_run += 1

            await asyncio.gather(*(one(update) for update in updates if update["update_id"] not in self.confirmed))
