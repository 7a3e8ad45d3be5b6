"""A platform that lives in memory: it records a transcript of everything the bot sends.

Dialog tests use it to say "this person sends this, the bot answers that" without any network."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from handlers.messages import Attachment, ChatRef, Reply


@dataclass
class SentMessage:
    chat: ChatRef
    message_id: str
    reply: Reply
    edits: list[Reply] = field(default_factory=list)

    @property
    def text(self) -> str:
        """What the chat shows now: the latest edit, if any."""
        return (self.edits[-1] if self.edits else self.reply).text

    @property
    def buttons(self):
        return (self.edits[-1] if self.edits else self.reply).buttons


class FakePlatform:
    """Answers the handlers' questions about the platform from dictionaries a test fills in."""

    def __init__(self, platform: str = "fake", bot_username: str | None = "ClassBridgeBot"):
        self.platform = platform
        self.bot_username = bot_username
        self.admins: set[tuple[str, str]] = set()
        self.files: dict[str, bytes] = {}
        self._ids = itertools.count(1)

    async def is_group_admin(self, chat: ChatRef, external_id: str) -> bool:
        return (chat.chat_id, external_id) in self.admins

    async def download(self, attachment: Attachment) -> bytes:
        return self.files[attachment.file_id]

    def join_link(self, code: str) -> str | None:
        return f"https://t.me/{self.bot_username}?start=join-{code}" if self.bot_username else None

    def store_file(self, data: bytes) -> str:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = data
        return file_id


class FakeMessenger:
    """Keeps every message the bot sends, and applies edits to the messages they change."""

    def __init__(self):
        self.transcript: list[SentMessage] = []
        self._ids = itertools.count(1)

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        if reply.edit_message_id is not None:
            for message in self.transcript:
                if message.chat == chat and message.message_id == reply.edit_message_id:
                    message.edits.append(reply)
                    return message.message_id
        message = SentMessage(chat, str(next(self._ids)), reply)
        self.transcript.append(message)
        return message.message_id

    def in_chat(self, chat_id: str) -> list[SentMessage]:
        return [m for m in self.transcript if m.chat.chat_id == chat_id]
