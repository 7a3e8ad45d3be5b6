"""What handlers may ask WeChat while handling an update. Both WeChat entry points are one-to-one chats:
nobody is a group admin there, and joining goes by the class's code (or a QR code carrying it)."""
from __future__ import annotations

from wechatpy.client import WeChatClient

from bot.wechat.api_calls import call, fetch_media
from handlers.core.messages import Attachment, ChatRef


class WeChatPlatform:
    bot_username: str | None = None

    def __init__(self, client: WeChatClient):
        self.client = client

    async def is_group_admin(self, chat: ChatRef, external_id: str) -> bool:
        return False

    async def download(self, attachment: Attachment) -> bytes:
        return await call(self.client, fetch_media, self.client, attachment.file_id)

    def join_link(self, code: str) -> str | None:
        return None

    def start_link(self, payload: str) -> str | None:
        return None
