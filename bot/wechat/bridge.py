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
from bot.wechat.held_photos import attach_held_photo, hold_unless_awaited, takes_photo
from bot.wechat.messengers import pieces
from bot.wechat.numbered_choices import as_text, numbered, press_of
from bot.wechat.updates import Unfollowed, command_of
from handlers.core.context import Context
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import Incoming, Outgoing, Reply
from handlers.core.people import mark_unreachable
from handlers.core.ports import Messenger, Platform

log = logging.getLogger(__name__)
PASSIVE_BUDGET = 4.5  # seconds, of WeChat's 5: the rest is for the network and encryption


class WeChatBridge:
    def __init__(self, runtime: Runtime, *, platform: Platform, platform_name: str, messenger: Messenger,
                 budget: float = PASSIVE_BUDGET):
        self.sessions, self.clock = runtime.sessions, runtime.clock
        runtime.file_sources[platform_name] = platform
        self.dispatcher = Dispatcher(runtime.sessions, runtime.clock, platform, runtime.defaults, runtime.file_sources)
        self.platform_name = platform_name
        self.messenger = messenger
        self.outbound: Messenger = messenger  # replaced by a router when other platforms are served too
        self.budget = budget
        self._sending: set[asyncio.Task] = set()

    async def apply(self, update: Incoming | Unfollowed) -> list[Outgoing]:
        if isinstance(update, Unfollowed):
            await self.dispatcher.handle_event(
                update.update_key, lambda session: mark_unreachable(session, update.chat)
            )
            return []
        return await self.dispatcher.handle(update, step=self._step, finish=self._number_buttons)

    async def _step(self, ctx: Context) -> bool:
        """WeChat's part of an update, in its transaction: a bare number presses the button it was offered
        for; a command that takes a photo gets the one held for it; a photo nobody waits for is held."""
        incoming = ctx.incoming
        if incoming.text and not incoming.attachments:
            pressed = await press_of(ctx.session, ctx.clock, incoming.chat, incoming.text)
            if pressed is not None:
                ctx.incoming = replace(incoming, text="", button=pressed[0], message_id=pressed[1])
            elif takes_photo(command_of(incoming.text)):
                await attach_held_photo(ctx)
            return False
        if not incoming.text and any(a.kind == "photo" for a in incoming.attachments):
            return await hold_unless_awaited(ctx)
        return False

    async def _number_buttons(self, session, outgoing: list[Outgoing]) -> list[Outgoing]:
        """Answers on this WeChat account show their buttons as numbers, remembered with the update."""
        return [
            replace(item, reply=await numbered(session, self.clock, item.chat, item.reply))
            if item.chat.platform == self.platform_name
            else item
            for item in outgoing
        ]

    async def answer(self, update: Incoming | Unfollowed) -> str | None:
        """The text of a passive reply, or None when the answer is sent as messages (or there is none)."""
        task = asyncio.create_task(self.apply(update))
        done, _ = await asyncio.wait({task}, timeout=self.budget)
        if not done:
            log.info(
                "update %s takes longer than %.1fs; its answer follows as messages", update.update_key, self.budget
            )
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
