"""The python-telegram-bot `Application` wired to the dispatcher: long polling or webhook."""
from __future__ import annotations

import asyncio
import hashlib
import logging

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ContextTypes, TypeHandler

from bot.runtime import Runtime
from bot.telegram.buttons import ButtonCodec
from bot.telegram.messenger import TelegramMessenger
from bot.telegram.platform import TelegramPlatform
from bot.telegram.popups import split_popup
from bot.telegram.updates import PLATFORM, to_incoming
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import Outgoing
from handlers.core.outbox import enqueue_replies, resend_answered
from handlers.core.registry import registry
from handlers.core.texts import LANGUAGES, macros, render

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query"]


class TelegramBridge:
    def __init__(self, runtime: Runtime, *, token: str, base_url: str, base_file_url: str,
                 webhook_url: str | None = None, webhook_secret: str | None = None,
                 button_secret: str | None = None, bot_username: str | None = None, rate_limited: bool = True):
        builder = Application.builder().token(token).base_url(base_url).base_file_url(base_file_url)
        if rate_limited:  # off only where the Bot API sets no limits, e.g. to measure our own cost
            # No retries in memory: a send refused with 429 goes back to the outbox, which waits out retry_after.
            builder = builder.rate_limiter(AIORateLimiter(max_retries=0))
        if webhook_url:
            builder = builder.updater(None)  # our own ASGI app receives the webhook
        self.application = builder.build()
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.runtime = runtime
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        secret = (button_secret or hashlib.sha256(b"classbridge-buttons:" + token.encode()).hexdigest()).encode()
        self.codec = ButtonCodec(secret)
        self.platform = TelegramPlatform(self.application.bot, bot_username)
        self.messenger = TelegramMessenger(self.application.bot, self.codec)
        runtime.file_sources[PLATFORM] = self.platform
        self.dispatcher = Dispatcher(runtime.sessions, runtime.clock, self.platform, runtime.defaults,
                                     runtime.file_sources)

    @property
    def bot(self):
        return self.application.bot

    async def answer_webhook(self, update: Update) -> dict | None:
        """Records the update and returns the Bot API call to answer the webhook with, if any.

        Whatever else it answers is written to the outbox in the update's own transaction and sent from there
        by the delivery worker, within the limits pushes keep to: nothing waits in memory after the 200, so a
        crash loses no reply, and a rate limit delays one instead of dropping it. The reply the answer carries
        is recorded too, as carried: a re-delivery of the update means the answer never reached Telegram,
        which then never ran it, so it is sent from the outbox after all."""
        incoming = to_incoming(update, self.bot.id, self.codec)
        if incoming is None:
            return self.webhook_answer(update, [])[0]
        clock, decided = self.runtime.clock, []

        async def finish(session, outgoing: list[Outgoing]) -> list[Outgoing]:
            answer, rest = self.webhook_answer(update, outgoing)
            carried = outgoing[0] if answer is not None and update.callback_query is None else None
            if rest or carried is not None:
                await enqueue_replies(session, incoming.update_key, rest, clock.now(), answered=carried)
            decided.append((answer, bool(rest), outgoing))
            return outgoing

        outgoing = await self.dispatcher.handle(incoming, finish=finish)
        if decided and decided[0][2] is outgoing:  # committed (else the apology came back instead)
            answer, queued, _ = decided[0]
        elif not outgoing:  # a re-delivery: nothing was applied again
            async with self.runtime.sessions.begin() as session:
                queued = await resend_answered(session, incoming.update_key, clock.now())
            answer = self.webhook_answer(update, [])[0]
        else:  # the apology for an update that failed, and was rolled back with its replies
            answer, rest = self.webhook_answer(update, outgoing)
            async with self.runtime.sessions.begin() as session:
                await enqueue_replies(session, f"{incoming.update_key}:failed", rest, clock.now())
            queued = bool(rest)
        if queued:
            self.runtime.outbox_added.set()
        return answer

    def webhook_answer(self, update: Update, outgoing: list[Outgoing]) -> tuple[dict | None, list[Outgoing]]:
        """What to answer the webhook with, and what is left to send the usual way (the outbox).

        Telegram runs one Bot API call given in the webhook's answer, which spares a round trip per
        reply, but tells nobody whether it worked. So it carries only what cannot usefully fail: the
        answer to a button press, or the single text reply to a private message (the person has just
        written, so the chat is open) while the process keeps within its sending limits, counted with
        the pushes. Group replies, which Telegram may refuse under its per-group limit, replies past the
        limits (they wait their turn) and anything with media go the usual way."""
        query = update.callback_query
        if query is not None:
            popup, rest = split_popup(outgoing)
            call = {"method": "answerCallbackQuery", "callback_query_id": query.id}
            if popup is not None:
                call["text"] = popup
            return call, rest
        chat = update.effective_chat
        if len(outgoing) == 1 and chat is not None and chat.type == "private" \
                and outgoing[0].chat.platform == "telegram" and outgoing[0].chat.chat_id == str(chat.id):
            call = self.messenger.as_webhook_answer(outgoing[0].chat, outgoing[0].reply)
            if call is not None and self._within_limits(outgoing[0].chat):
                return call, []
        return None, outgoing

    def _within_limits(self, chat) -> bool:
        """Counts the reply as sent if the process's limits have room for it now."""
        return self.runtime.send_limiter.try_acquire(chat, self.runtime.clock.now()) == 0

    async def answer_polled(self, update: Update) -> None:
        """A polled update: recorded, and its replies written to the outbox in the same transaction, to be sent
        by the delivery worker within the limits pushes keep to, so a crash loses none and a rate limit delays
        one instead of dropping it. Only the answer to a button press is made here, at once: Telegram shows
        it while the button spins and takes it only for a short while after the press."""
        query = update.callback_query
        incoming = to_incoming(update, self.bot.id, self.codec)
        popup, queued, committed = None, False, []
        if incoming is not None:
            clock = self.runtime.clock

            async def finish(session, outgoing: list[Outgoing]) -> list[Outgoing]:
                popup, rest = split_popup(outgoing) if query is not None else (None, outgoing)
                await enqueue_replies(session, incoming.update_key, rest, clock.now())
                committed.append((outgoing, popup, bool(rest)))
                return outgoing

            outgoing = await self.dispatcher.handle(incoming, finish=finish)
            if committed and committed[0][0] is outgoing:
                _, popup, queued = committed[0]
            elif outgoing:  # the apology for an update that failed, and was rolled back with its replies
                popup, rest = split_popup(outgoing) if query is not None else (None, outgoing)
                async with self.runtime.sessions.begin() as session:
                    await enqueue_replies(session, f"{incoming.update_key}:failed", rest, clock.now())
                queued = bool(rest)
        if queued:
            self.runtime.outbox_added.set()
        if query is not None:
            try:  # every press is answered, or the user's button keeps spinning
                await query.answer(popup)
            except TelegramError:
                log.info("could not answer callback query %s", query.id)

    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.answer_polled(update)

    async def register_commands(self) -> None:
        """The command menu, per language. Failing here only costs the menu, so it is logged, not fatal."""
        for language in LANGUAGES:
            described = macros(language, "commands")
            commands = [BotCommand(name, render(language, f"commands.{name}"))
                        for name, command in registry().commands.items() if command.menu and name in described]
            try:
                await self.bot.set_my_commands(commands, language_code=language)
                if language == self.runtime.settings.default_language:
                    await self.bot.set_my_commands(commands)
            except TelegramError as error:
                log.warning("setMyCommands (%s) failed: %s", language, error)

    async def start(self) -> None:
        await self.application.initialize()
        await self.register_commands()
        await self.application.start()
        if self.webhook_url:
            await self.bot.set_webhook(self.webhook_url, secret_token=self.webhook_secret,
                                       allowed_updates=ALLOWED_UPDATES)
        else:
            await self.application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        log.info("Telegram bot @%s is running (%s)", self.bot.username, "webhook" if self.webhook_url else "polling")

    async def stop(self) -> None:
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def start_when_reachable(self, attempts: int = 50, pause: float = 0.1) -> None:
        """For a Bot API server served by this very process: it answers only once startup is over."""
        for _ in range(attempts):
            try:
                await self.start()
                return
            except Exception as error:  # the server is not listening yet
                await self.application.shutdown()
                last = error
                await asyncio.sleep(pause)
        log.error("could not reach the Bot API: %s", last)

    async def __aenter__(self):
        await self.start()
        return self

    async def __aexit__(self, *exc_info):
        await self.stop()

