"""Neutral `Reply` → WeChat messages to one person: customer-service messages on the Official Account,
app messages in WeCom. Buttons become numbered choices; photos are uploaded and sent as images."""
from __future__ import annotations

import io
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wechat.api_calls import OfficialAccountClient, WeComClient, call
from bot.wechat.numbered_choices import as_text
from handlers.core.clock import Clock
from handlers.core.messages import ChatRef, Media, Reply
from handlers.core.ports import Unreachable

log = logging.getLogger(__name__)

# WeChat cuts text messages at 2048 bytes; long answers (a class's progress) are split between lines.
TEXT_BYTES = 2000


def _short_lines(text: str, limit: int):
    for line in text.split("\n"):
        while len(line.encode()) > limit:  # one very long line: cut it, keeping characters whole
            cut = len(line.encode()[:limit].decode(errors="ignore"))
            yield line[:cut]
            line = line[cut:]
        yield line


def pieces(text: str, limit: int = TEXT_BYTES) -> list[str]:
    parts, current = [], ""
    for line in _short_lines(text, limit):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode()) > limit:
            parts.append(current)
            candidate = line
        current = candidate
    return [part for part in [*parts, current] if part.strip()]


def _upload(item: Media) -> tuple[str, io.BytesIO]:
    return item.file_name, io.BytesIO(item.data)


class _PersonMessenger:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock):
        self.sessions, self.clock = sessions, clock

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        # WeChat cannot edit a sent message: an edit arrives as a new message.
        text, message_id = await as_text(self.sessions, self.clock, chat, reply)
        by_template = False
        for part in pieces(text):
            by_template = await self.send_text(chat.chat_id, part) or by_template
        if by_template and reply.media:
            # Outside the 48-hour window only a template message gets through, and it carries no picture:
            # the text arrived, so the send is done (retrying or giving up on the person would be wrong).
            log.info("%s: %d photos or files not sent, only a template message reaches them now",
                     chat.chat_id, len(reply.media))
            return message_id
        for item in reply.media:
            await self.send_media(chat.chat_id, item)
        return message_id

    async def send_text(self, to: str, text: str) -> bool:
        """Sends one text; True when it went as a template message (the person is outside the window)."""
        raise NotImplementedError

    async def send_media(self, to: str, item: Media) -> None:
        raise NotImplementedError


# 45015: more than 48 hours since the person last wrote to the account, so customer-service messages are
# refused; only a template message (模板消息), approved by WeChat in advance, may still reach them.
OUTSIDE_WINDOW = "45015"


class OfficialAccountMessenger(_PersonMessenger):
    def __init__(self, client: OfficialAccountClient, sessions, clock, *, template_id: str | None = None,
                 template_field: str = "content"):
        super().__init__(sessions, clock)
        self.client = client
        self.template_id, self.template_field = template_id, template_field

    async def send_text(self, openid: str, text: str) -> bool:
        try:
            await call(self.client, self.client.message.send_text, openid, text)
            return False
        except Unreachable as error:
            if not self.template_id or not str(error).startswith(OUTSIDE_WINDOW):
                raise
            data = {self.template_field: {"value": text}}
            await call(self.client, self.client.message.send_template, openid, self.template_id, data)
            return True

    async def send_media(self, openid: str, item: Media) -> None:
        if item.kind != "photo":  # customer-service messages carry no files: say what it was
            await self.send_text(openid, f"📎 {item.file_name}")
            return
        uploaded = await call(self.client, self.client.media.upload, "image", _upload(item))
        await call(self.client, self.client.message.send_image, openid, uploaded["media_id"])


class WeComMessenger(_PersonMessenger):
    def __init__(self, client: WeComClient, agent_id: str, sessions, clock):
        super().__init__(sessions, clock)
        self.client, self.agent_id = client, agent_id

    async def send_text(self, user_id: str, text: str) -> bool:
        await call(self.client, self.client.message.send_text, self.agent_id, user_id, text)
        return False

    async def send_media(self, user_id: str, item: Media) -> None:
        kind = "image" if item.kind == "photo" else "file"
        uploaded = await call(self.client, self.client.media.upload, kind, _upload(item))
        send = self.client.message.send_image if kind == "image" else self.client.message.send_file
        await call(self.client, send, self.agent_id, user_id, uploaded["media_id"])
