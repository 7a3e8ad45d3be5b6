"""A running ClassBridge for end-to-end tests: the real app on uvicorn, the real python-telegram-bot
Application polling the sandbox's Bot API stand-in over HTTP, and the store under test."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

import uvicorn

from bot.app import make_app
from bot.outbox_worker import OutboxWorker
from bot.runtime import Runtime
from bot.sandbox.local_server import serve
from bot.sandbox.world import World
from bot.telegram.bridge import TelegramBridge

WAIT_SECONDS = 15  # generous: these waits end as soon as the bot has answered


@dataclass
class Live:
    world: World
    bridge: TelegramBridge
    runtime: Runtime
    base: str
    worker: OutboxWorker | None = None  # polling mode: the delivery passes run while the test waits

    def bot_messages(self, chat_id: int) -> list[dict]:
        return [e.message for e in self.world.entries(chat_id) if e.message["from"]["is_bot"]]

    async def until(self, check, what: str = "the bot's answer"):
        """Waits for the world to change until `check()` returns something truthy. With a `worker` (polling
        mode), the waiting runs its delivery passes, in this task: the replies the bot wrote to the outbox go
        out as they would in a run, and a test's own passes (after a tick) never race with them."""
        deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
        while True:
            version = self.world.version()
            result = check()
            if result:
                return result
            if self.worker is not None:
                self.runtime.outbox_added.clear()
                done = await self.worker.run_once()
                if done.sent or done.edited:
                    continue
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            if not await self._changed(version, min(remaining, 0.5)):
                self.time_passes()

    async def _changed(self, version: int, timeout: float) -> bool:
        """Whether the world changed, or the bot wrote to the outbox, within `timeout` seconds."""
        world = asyncio.ensure_future(self.world.wait_for_change(after=version, timeout=timeout))
        waits = {world}
        if self.worker is not None:
            waits.add(asyncio.ensure_future(self.runtime.outbox_added.wait()))
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for task in waits:
            task.cancel()
        await asyncio.gather(*waits, return_exceptions=True)
        return self.world.version() != version or self.runtime.outbox_added.is_set()

    def time_passes(self) -> None:
        """Half a second of waiting with nothing new moves the bot's clock on by a second: the clock stands
        still in tests, and replies in the outbox wait on it (a private chat's pace, a 429's retry_after from
        the stand-in, whose limits run on real time)."""
        self.runtime.clock.move_to(self.runtime.clock.now() + timedelta(seconds=1))
        self.runtime.outbox_added.set()

    def a_while_later(self) -> None:
        """Moves the bot's clock on by two seconds: what it sends keeps to a private chat's one message a
        second (and a margin) on that clock, so on a clock that stands still a second message waits for this."""
        self.runtime.clock.move_to(self.runtime.clock.now() + timedelta(seconds=2))

    async def reply_to(self, chat_id: int, user_id: int, text: str, *, expect_in: int | None = None) -> dict:
        """Sends as a person and returns the bot's next message in `expect_in` (default: the same chat)."""
        where = chat_id if expect_in is None else expect_in
        before = len(self.bot_messages(where))
        self.world.user_sends_text(chat_id, user_id, text)
        return await self.until(lambda: self.bot_messages(where)[before:] and self.bot_messages(where)[before],
                                f"an answer to {text!r}")

    async def reaction_to(self, chat_id: int, user_id: int, text: str) -> list[dict]:
        """Sends as a person and returns the reactions the bot then sets on that very message."""
        sent = self.world.user_sends_text(chat_id, user_id, text)
        entry = self.world.chat(chat_id).entries[sent["message_id"]]
        return await self.until(lambda: entry.reactions, f"a reaction to {text!r}")


async def start_live(runtime: Runtime, wiring, worker: OutboxWorker | None = None
                     ) -> tuple[Live, uvicorn.Server, asyncio.Task]:
    app = make_app(runtime, platforms=wiring.platforms, routers=wiring.routers, mounts=wiring.mounts)
    server, task = await serve(app, runtime.settings.http_port)
    bridge = wiring.bridges[0]
    live = Live(wiring.world, bridge, runtime, f"http://127.0.0.1:{runtime.settings.http_port}", worker)
    await live.until(lambda: bridge.application.running, "the bot to start")
    return live, server, task
