"""One WeChat entry point (the Official Account, or the WeCom app) wired to the dispatcher.

WeChat waits 5 seconds for an answer and then sends the same message again (three times in all). So the
update is handled while WeChat waits: an answer ready within the budget goes back in the HTTP response
(a passive reply); a slower one is sent afterwards as ordinary messages, and WeChat gets an empty answer."""
from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import dataclass, replace

from bot.runtime import Runtime
from bot.wechat.held_photos import attach_held_photo, hold_unless_awaited, takes_photo
from bot.wechat.messengers import pieces
from bot.wechat.numbered_choices import numbered, press_of
from bot.wechat.plain_text import plain_text
from bot.wechat.updates import Unfollowed, command_of
from handlers.core.context import Context
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import Incoming, Outgoing, Reply
from handlers.core.outbox import enqueue_replies, resend_answered
from handlers.core.people import mark_unreachable
from handlers.core.ports import Messenger, Platform

log = logging.getLogger(__name__)
PASSIVE_BUDGET = 4.5  # seconds, of WeChat's 5: the rest is for the network and encryption


@dataclass
class _Answer:
    """What the update's transaction decided, for the HTTP answer that waits on it."""

    late: bool = False  # past the budget: WeChat gets an empty answer, and everything goes as messages
    committed: list[Outgoing] | None = None
    text: str | None = None  # the passive reply, recorded in the outbox as carried
    queued: bool = False


class WeChatBridge:
    def __init__(self, runtime: Runtime, *, platform: Platform, platform_name: str, messenger: Messenger,
                 budget: float = PASSIVE_BUDGET):
        self.sessions, self.clock = runtime.sessions, runtime.clock
        runtime.file_sources[platform_name] = platform
        self.dispatcher = Dispatcher(runtime.sessions, runtime.clock, platform, runtime.defaults, runtime.file_sources)
        self.platform_name = platform_name
        self.messenger = messenger
        self.outbox_added = runtime.outbox_added
        self.budget = budget
        self._sending: set[asyncio.Task] = set()

    async def apply(self, update: Incoming | Unfollowed, answer: _Answer) -> list[Outgoing]:
        if isinstance(update, Unfollowed):
            await self.dispatcher.handle_event(
                update.update_key, lambda session: mark_unreachable(session, update.chat)
            )
            return []

        async def finish(session, outgoing: list[Outgoing]) -> list[Outgoing]:
            outgoing = await self._number_buttons(session, outgoing)
            await self._write(session, update, outgoing, answer)
            answer.committed = outgoing
            return outgoing

        return await self.dispatcher.handle(update, step=self._step, finish=finish)

    async def _write(self, session, update: Incoming, outgoing: list[Outgoing], answer: _Answer) -> None:
        """Writes the answers to the outbox in the update's transaction. The passive reply is recorded as
        carried, unless the answer is already late: if it ends up late after all, or WeChat sends the
        message again (it never got the reply), it is sent from the outbox as a message."""
        passive, rest = self._passive(update, outgoing) if not answer.late else (None, outgoing)
        answer.text = passive.reply.text if passive is not None else None
        carried = None
        if passive is not None:
            carried = Outgoing(update.chat, Reply(text=html.escape(passive.reply.text, quote=False)))
        await enqueue_replies(session, update.update_key, rest, self.clock.now(), answered=carried)
        answer.queued = bool(rest)

    def _passive(self, update: Incoming, outgoing: list[Outgoing]) -> tuple[Outgoing | None, list[Outgoing]]:
        """(the passive reply, as plain text; what is sent as messages). The passive reply joins the answers to
        this person, in order, up to the first with a photo or file; it holds 2,048 bytes, so a longer one
        continues in messages, before anything else."""
        passive = []
        for item in outgoing:
            if item.chat == update.chat:
                if item.reply.media:
                    break
                passive.append(item)
        if not passive:
            return None, outgoing
        answered = {id(item) for item in passive}
        rest = [item for item in outgoing if id(item) not in answered]
        # Buttons are numbered in this transaction already (`_number_buttons`), so the text is all there is.
        first, *more = pieces("\n\n".join(text for item in passive if (text := plain_text(item.reply.text)))) \
            or [None]
        follow = [Outgoing(update.chat, Reply(text=html.escape(part, quote=False))) for part in more]
        if first is None:
            return None, follow + rest
        return Outgoing(update.chat, Reply(text=first)), follow + rest

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
        """The text of a passive reply, or None when the answer is sent as messages (or there is none).

        Every other answer is in the outbox with the update, sent by the delivery worker: a crash after the
        commit loses none, and a failed send is tried again instead of dropped."""
        answer = _Answer()
        task = asyncio.create_task(self.apply(update, answer))
        done, _ = await asyncio.wait({task}, timeout=self.budget)
        if not done:
            log.info(
                "update %s takes longer than %.1fs; its answer follows as messages", update.update_key, self.budget
            )
            answer.late = True
            self._later(self._when_late(update, task, answer))
            return None
        outgoing = task.result()
        if isinstance(update, Unfollowed):
            return None
        if answer.committed is outgoing:
            self._wake(answer.queued)
            return answer.text
        if not outgoing:  # a re-delivery: WeChat never got the first answer, which is sent as a message now
            async with self.sessions.begin() as session:
                self._wake(await resend_answered(session, update.update_key, self.clock.now()))
            return None
        # The apology for an update that failed and was rolled back with its answers: it is the passive reply.
        passive, rest = self._passive(update, outgoing)
        await self._queue_apart(update, rest)
        return passive.reply.text if passive is not None else None

    async def _when_late(self, update: Incoming | Unfollowed, task: asyncio.Task, answer: _Answer) -> None:
        outgoing = await task
        if isinstance(update, Unfollowed):
            return
        if answer.committed is outgoing:
            if answer.text is not None:  # recorded as the passive reply, which WeChat no longer waits for
                async with self.sessions.begin() as session:
                    await resend_answered(session, update.update_key, self.clock.now())
                self._wake(True)
            else:
                self._wake(answer.queued)
        elif not outgoing:
            async with self.sessions.begin() as session:
                self._wake(await resend_answered(session, update.update_key, self.clock.now()))
        else:
            await self._queue_apart(update, outgoing)

    async def _queue_apart(self, update: Incoming, outgoing: list[Outgoing]) -> None:
        if outgoing:
            async with self.sessions.begin() as session:
                await enqueue_replies(session, f"{update.update_key}:failed", outgoing, self.clock.now())
            self._wake(True)

    def _wake(self, queued: bool) -> None:
        if queued:
            self.outbox_added.set()

    def _later(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def drain(self) -> None:
        """Waits for the answers still being sent: at shutdown, and in tests."""
        while self._sending:
            await asyncio.gather(*list(self._sending), return_exceptions=True)
