"""What the use cases need from a chat platform, and what delivery needs to send. Adapters in bot/ implement them."""
from __future__ import annotations

from typing import Protocol

from handlers.core.messages import Attachment, ChatRef, Reply


class Platform(Protocol):
    """Questions a handler may ask the platform while it handles an update."""

    bot_username: str | None

    async def is_group_admin(self, chat: ChatRef, external_id: str) -> bool: ...

    async def download(self, attachment: Attachment) -> bytes: ...

    def join_link(self, code: str) -> str | None: ...

    def start_link(self, payload: str) -> str | None:
        """A link that opens the private chat with the bot (None where a platform has none)."""
        ...


class Messenger(Protocol):
    """Sends replies. Returns the platform's message id so the bot can edit its own messages later."""

    async def send(self, chat: ChatRef, reply: Reply) -> str | None: ...


class SendError(Exception):
    """A send failed. Adapters raise one of the kinds below so delivery can decide what to do."""


class RetryLater(SendError):
    """The platform asked us to slow down (Telegram 429): wait `retry_after` seconds, then try again."""

    def __init__(self, retry_after: float, message: str = "rate limited"):
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(SendError):
    """A 5xx, a time-out, a dropped connection: worth retrying with backoff."""


class Unreachable(SendError):
    """Permanent for this chat: the user blocked the bot or never started it, the chat is gone, the bot
    was removed. Retrying will not help; the person is marked unreachable privately."""


class NotModified(SendError):
    """An edit that would change nothing (Telegram 400 "message is not modified"): harmless."""
