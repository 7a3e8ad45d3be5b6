"""One WeChat entry point (the Official Account, or the WeCom app) wired to the dispatcher.

WeChat waits 5 seconds for an answer and then sends the same message again (three times in all). So the
update is handled while WeChat waits: an answer ready within the budget goes back in the HTTP response
(a passive reply); a slower one is sent afterwards as ordinary messages, and WeChat gets an empty answer."""
from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import replace

from bot.delivery import deliver
from bot.runtime import Runtime
from bot.wechat.held_photos import (
    USES,
    held_photo,
    hold_unless_awaited,
    release,
    with_photo,
)
from bot.wechat.messengers import pieces
from bot.wechat.numbered_choices import as_text, forget_offer, press_of
from bot.wechat.updates import Unfollowed, command_of
from handlers.dispatcher import Dispatcher
from handlers.messages import Incoming, Outgoing, Reply
from handlers.people import mark_unreachable
from handlers.ports import Messenger, Platform
from models import ProcessedUpdate

log = logging.getLogger(__name__)
PASSIVE_BUDGET = 4.5  # seconds, of WeChat's 5: the rest is for the network and encryption


class WeChatBridge:
    def __init__(self, runtime: Runtime, *, platform: Platform, messenger: Messenger, budget: float = PASSIVE_BUDGET):
        self.sessions, self.clock = runtime.sessions, runtime.clock
        self.dispatcher = Dispatcher(runtime.sessions, runtime.clock, platform, runtime.defaults)
        self.messenger = messenger
        self.outbound: Messenger = messenger  # replaced by a router when other platforms are served too
        self.budget = budget
        self._sending: set[asyncio.Task] = set()

    async def apply(self, update: Incoming | Unfollowed) -> list[Outgoing]:
        if isinstance(update, Unfollowed):
            return await self._unfollowed(update)
        if update.text and not update.attachments:
            pressed = await press_of(self.sessions, self.clock, update.chat, update.text)
            if pressed is not None:
                outgoing = await self.dispatcher.handle(replace(update, text="", button=pressed[0],
                                                                message_id=pressed[1]))
                await forget_offer(self.sessions, update.chat, pressed[1])
                return outgoing
            if command_of(update.text) in USES and (photo := await held_photo(self.sessions, self.clock, update)):
                outgoing = await self.dispatcher.handle(with_photo(update, photo))
                await release(self.sessions, photo)
                return outgoing
        if not update.text and any(a.kind == "photo" for a in update.attachments):
            held = await hold_unless_awaited(self.sessions, self.clock, update)
            if held is not None:
                return held
        return await self.dispatcher.handle(update)

    async def _unfollowed(self, update: Unfollowed) -> list[Outgoing]:
        async with self.sessions.begin() as session:
            if await session.get(ProcessedUpdate, update.update_key) is None:
                session.add(ProcessedUpdate(key=update.update_key, processed_at=self.clock.now()))
                await mark_unreachable(session, update.chat)
        return []

    async def answer(self, update: Incoming | Unfollowed) -> str | None:
        """The text of a passive reply, or None when the answer is sent as messages (or there is none)."""
        task = asyncio.create_task(self.apply(update))
        done, _ = await asyncio.wait({task}, timeout=self.budget)
        if not done:
            log.info("update %s takes longer than %.1fs; its answer follows as messages", update.update_key,
                     self.budget)
            self._later(self._deliver_when_done(task))
            return None
        outgoing = task.result()
        passive = []  # the answers to this person, in order, up to the first with a photo or file
        for item in outgoing:
            if item.chat == update.chat:
                if item.reply.media:
                    break
                passive.append(item)
        answered = {id(item) for item in passive}
        rest = [item for item in outgoing if id(item) not in answered]
        texts = [(await as_text(self.sessions, self.clock, item.chat, item.reply))[0] for item in passive]
        # A passive reply holds 2,048 bytes: a longer answer continues in messages, before anything else.
        first, *more = pieces("\n\n".join(text for text in texts if text)) or [None]
        follow = [Outgoing(update.chat, Reply(text=html.escape(part, quote=False))) for part in more]
        self._later(self.deliver(follow + rest))
        return first

    async def deliver(self, outgoing: list[Outgoing]) -> None:
        if outgoing:
            await deliver(self.outbound, outgoing, self.sessions)

    async def _deliver_when_done(self, task: asyncio.Task) -> None:
        await self.deliver(await task)

    def _later(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def drain(self) -> None:
        """Waits for the answers still being sent: at shutdown, and in tests."""
        while self._sending:
            await asyncio.gather(*list(self._sending), return_exceptions=True)
