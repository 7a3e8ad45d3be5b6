"""What the use cases need from a chat platform, and what delivery needs to send. Adapters in bot/ implement them."""
from __future__ import annotations

from typing import Protocol

from handlers.messages import Attachment, ChatRef, Reply


class Platform(Protocol):
    """Questions a handler may ask the platform while it handles an update."""

    bot_username: str | None

    async def is_group_admin(self, chat: ChatRef, external_id: str) -> bool: ...

    async def download(self, attachment: Attachment) -> bytes: ...

    def join_link(self, code: str) -> str | None: ...


class Messenger(Protocol):
    """Sends replies. Returns the platform's message id so the bot can edit its own messages later."""

    async def send(self, chat: ChatRef, reply: Reply) -> str | None: ...
