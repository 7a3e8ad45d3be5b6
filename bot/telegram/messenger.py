"""Neutral `Reply` → Bot API calls, with Telegram's errors turned into the `SendError` kinds."""
from __future__ import annotations

import asyncio
import warnings
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    ReactionTypeEmoji,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.telegram.buttons import ButtonCodec
from bot.telegram.long_texts import cut, parts
from handlers.core.messages import ChatRef, Media, Reply
from handlers.core.ports import (
    NotModified,
    RetryLater,
    SendError,
    TransientError,
    Unreachable,
)

CAPTION_LIMIT = 1024
ALBUM_SIZE = 10
# Once one part of a reply is out, a 429 on a later part is waited out here, up to this long: sent back to the
# outbox, the reply would go again whole, repeating the parts already shown.
LATER_PART_WAIT = 5.0
LATER_PART_TRIES = 4
_GONE = ("chat not found", "bot was kicked", "user is deactivated", "have no rights to send", "not enough rights")


def retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that the type will change; both types are handled here
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        retry = error.retry_after
    return retry.total_seconds() if hasattr(retry, "total_seconds") else float(retry)


@contextmanager
def telegram_errors() -> Iterator[None]:
    try:
        yield
    except RetryAfter as error:
        raise RetryLater(retry_seconds(error)) from error
    except Forbidden as error:
        raise Unreachable(error.message) from error
    except BadRequest as error:
        text = error.message.lower()
        if "message is not modified" in text:
            raise NotModified(error.message) from error
        if any(reason in text for reason in _GONE):
            raise Unreachable(error.message) from error
        raise SendError(error.message) from error
    except (TimedOut, NetworkError) as error:  # NetworkError covers 5xx answers and dropped connections
        raise TransientError(str(error)) from error
    except TelegramError as error:
        raise SendError(str(error)) from error


class _Sent:
    """The Bot API calls of one reply: the first is tried once, a later one waits out a short 429."""

    def __init__(self):
        self.any = False

    async def part(self, call: Callable[..., Awaitable], *args, **kwargs):
        for attempt in range(LATER_PART_TRIES):
            try:
                result = await call(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_seconds(error)
                if not self.any or attempt == LATER_PART_TRIES - 1 or wait > LATER_PART_WAIT:
                    raise
                await asyncio.sleep(wait)
            else:
                self.any = True
                return result
        raise AssertionError("unreachable")


class TelegramMessenger:
    def __init__(self, bot: Bot, codec: ButtonCodec):
        self.bot = bot
        self.codec = codec

    def keyboard(self, reply: Reply) -> InlineKeyboardMarkup | None:
        if not reply.buttons:
            return None
        return InlineKeyboardMarkup([
            [InlineKeyboardButton(b.text, url=b.url) if b.url else
             InlineKeyboardButton(b.text, callback_data=self.codec.encode(b.action, b.args)) for b in row]
            for row in reply.buttons
        ])

    def as_webhook_answer(self, chat: ChatRef, reply: Reply) -> dict | None:
        """The reply as the one Bot API call a webhook may answer with, or None when it does not fit in one
        (media, an edit, no text, or a text that takes several messages)."""
        if (reply.media or reply.edit_message_id is not None or reply.reaction is not None or not reply.text
                or len(parts(reply.text)) > 1):
            return None
        call = {"method": "sendMessage", "chat_id": int(chat.chat_id), "text": reply.text, "parse_mode": ParseMode.HTML}
        keyboard = self.keyboard(reply)
        if keyboard is not None:
            call["reply_markup"] = keyboard.to_dict()
        return call

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        if reply.reaction is not None and reply.react_to is not None:
            return await self._react(chat, reply)
        with telegram_errors():
            if reply.edit_message_id is not None:
                await self.bot.edit_message_text(cut(reply.text), chat_id=chat.chat_id,
                                                 message_id=int(reply.edit_message_id),
                                                 parse_mode=ParseMode.HTML, reply_markup=self.keyboard(reply))
                return reply.edit_message_id
            first_id, sent = None, _Sent()
            caption = reply.text if reply.media and len(reply.text) <= CAPTION_LIMIT and not reply.buttons else None
            if reply.text and caption is None:
                first_id = await self._send_text(chat, reply, sent)
            for kind in ("photo", "document"):
                items = [m for m in reply.media if m.kind == kind]
                for start in range(0, len(items), ALBUM_SIZE):
                    album = items[start:start + ALBUM_SIZE]
                    message_id = await sent.part(self._send_media, chat, album, caption)
                    caption = None
                    first_id = first_id or message_id
            return first_id

    async def _react(self, chat: ChatRef, reply: Reply) -> str | None:
        """A reaction on the message that came in. A group may allow only some reactions, or none: then the
        text goes instead, so the person is still told. Limits, time-outs and a gone chat are raised as such."""
        try:
            with telegram_errors():
                await self.bot.set_message_reaction(chat.chat_id, int(reply.react_to),
                                                    reaction=[ReactionTypeEmoji(reply.reaction)])
            return None
        except (RetryLater, TransientError, Unreachable):
            raise
        except SendError:
            if not reply.text:
                raise
        return await self.send(chat, replace(reply, reaction=None, react_to=None))

    async def _send_text(self, chat: ChatRef, reply: Reply, sent: _Sent) -> str:
        """A long text goes as several messages, the buttons under the last. Its id is the last one's:
        that is the message whose buttons are pressed, and which a later edit (with its buttons) replaces."""
        texts = parts(reply.text) or [reply.text]
        for index, text in enumerate(texts):
            last = index == len(texts) - 1
            message = await sent.part(self.bot.send_message, chat.chat_id, text, parse_mode=ParseMode.HTML,
                                      reply_markup=self.keyboard(reply) if last else None)
        return str(message.message_id)

    async def _send_media(self, chat: ChatRef, items: list[Media], caption: str | None) -> str:
        if len(items) == 1:
            item = items[0]
            if item.kind == "photo":
                message = await self.bot.send_photo(chat.chat_id, item.data, caption=caption or item.caption,
                                                    parse_mode=ParseMode.HTML, filename=item.file_name)
            else:
                message = await self.bot.send_document(chat.chat_id, item.data, filename=item.file_name,
                                                       caption=caption or item.caption, parse_mode=ParseMode.HTML)
            return str(message.message_id)
        album = [
            (InputMediaPhoto if item.kind == "photo" else InputMediaDocument)(
                item.data, filename=item.file_name, parse_mode=ParseMode.HTML,
                caption=(caption if index == 0 else None) or item.caption)
            for index, item in enumerate(items)
        ]
        messages = await self.bot.send_media_group(chat.chat_id, album)
        return str(messages[0].message_id)
