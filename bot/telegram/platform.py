"""What handlers may ask Telegram while handling an update."""
from __future__ import annotations

from telegram import Bot, ChatMember

from bot.telegram.messenger import telegram_errors
from handlers.core.messages import Attachment, ChatRef

ADMIN_STATUSES = (ChatMember.OWNER, ChatMember.ADMINISTRATOR)


class TelegramPlatform:
    def __init__(self, bot: Bot, username: str | None = None):
        self.bot = bot
        self._username = username

    @property
    def bot_username(self) -> str | None:
        return self._username or self.bot.username

    async def is_group_admin(self, chat: ChatRef, external_id: str) -> bool:
        with telegram_errors():
            member = await self.bot.get_chat_member(chat.chat_id, int(external_id))
        return member.status in ADMIN_STATUSES

    async def download(self, attachment: Attachment) -> bytes:
        with telegram_errors():
            file = await self.bot.get_file(attachment.file_id)
            return bytes(await file.download_as_bytearray())

    def join_link(self, code: str) -> str | None:
        return self.start_link(f"join-{code}")

    def start_link(self, payload: str) -> str | None:
        username = self.bot_username
        return f"https://t.me/{username}?start={payload}" if username else None
