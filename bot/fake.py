"""A platform that lives in memory: it records a transcript of everything the bot sends.

Dialog tests use it to say "this person sends this, the bot answers that" without any network."""
from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from handlers.core.clock import Clock
from handlers.core.messages import Attachment, ChatRef, Reply
from handlers.core.ports import RetryLater, SendError, TransientError


@dataclass
class SentMessage:
    chat: ChatRef
    message_id: str
    reply: Reply
    edits: list[Reply] = field(default_factory=list)
    sent_at: datetime | None = None  # by the messenger's clock, when it has one
    edited_at: list[datetime] = field(default_factory=list)

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
        return self.start_link(f"join-{code}")

    def start_link(self, payload: str) -> str | None:
        return f"https://t.me/{self.bot_username}?start={payload}" if self.bot_username else None

    def store_file(self, data: bytes) -> str:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = data
        return file_id


@dataclass(frozen=True)
class Reaction:
    chat: ChatRef
    message_id: str
    emoji: str
    fallback: str = ""  # the text a platform without reactions would have sent


Fault = Callable[[ChatRef, Reply], SendError | None]


class FakeMessenger:
    """Keeps every message the bot sends, and applies edits to the messages they change.

    Faults make it fail like a real platform: `fail_next` queues errors for one chat's next sends, and
    `fault` (e.g. `random_faults`) may return an error for any send. A failed send delivers nothing.
    Reactions are kept apart from the transcript (they are no message); `reactions=False` makes it a
    platform without them, which sends the reply's text instead."""

    def __init__(self, clock: Clock | None = None, fault: Fault | None = None, *, reactions: bool = True):
        self.transcript: list[SentMessage] = []
        self.reactions: list[Reaction] = []
        self.has_reactions = reactions
        self.clock = clock
        self.fault = fault
        self.queued_faults: dict[str, list[SendError]] = {}
        self.attempts = 0
        self._ids = itertools.count(1)

    def fail_next(self, chat_id: str, *errors: SendError) -> None:
        self.queued_faults.setdefault(chat_id, []).extend(errors)

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        self.attempts += 1
        if self.queued_faults.get(chat.chat_id):
            raise self.queued_faults[chat.chat_id].pop(0)
        error = self.fault(chat, reply) if self.fault is not None else None
        if error is not None:
            raise error
        if reply.reaction is not None and reply.react_to is not None:
            if self.has_reactions:
                self.reactions.append(Reaction(chat, reply.react_to, reply.reaction, reply.text))
                return None
            reply = replace(reply, reaction=None, react_to=None)
        if reply.edit_message_id is not None:
            for message in self.transcript:
                if message.chat == chat and message.message_id == reply.edit_message_id:
                    message.edits.append(reply)
                    if self.clock is not None:
                        message.edited_at.append(self.clock.now())
                    return message.message_id
        message = SentMessage(chat, str(next(self._ids)), reply,
                              sent_at=self.clock.now() if self.clock is not None else None)
        self.transcript.append(message)
        return message.message_id

    def in_chat(self, chat_id: str) -> list[SentMessage]:
        return [m for m in self.transcript if m.chat.chat_id == chat_id]


def random_faults(seed: int, *, transient: float = 0.1, timeouts: float = 0.02, bursts: float = 0.02,
                  retry_after: float = 3.0) -> Fault:
    """Seeded failures at the given rates: 5xx-like errors, time-outs, and 429 answers."""
    rng = random.Random(seed)

    def fault(_chat: ChatRef, _reply: Reply) -> SendError | None:
        roll = rng.random()
        if roll < transient:
            return TransientError("502 Bad Gateway")
        if roll < transient + timeouts:
            return TransientError("timed out")
        if roll < transient + timeouts + bursts:
            return RetryLater(retry_after)
        return None

    return fault
