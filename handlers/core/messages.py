"""The neutral shapes every platform adapter speaks: what comes in, and what goes out."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChatRef:
    platform: str
    chat_id: str
    is_private: bool


@dataclass(frozen=True)
class Sender:
    external_id: str
    display_name: str
    username: str | None = None
    language: str | None = None  # the platform's language code, e.g. "zh-hans" or "en"


@dataclass(frozen=True)
class Attachment:
    kind: str  # "photo" | "document" | "voice"
    file_id: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class ButtonPress:
    action: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Incoming:
    update_key: str  # unique per delivery source, e.g. "telegram:bot42:update:1007"
    chat: ChatRef
    sender: Sender
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    button: ButtonPress | None = None
    message_id: str | None = None  # the message sent, or for a button the message it sits under
    media_group: str | None = None  # a Telegram album: its photos arrive as updates sharing this id


@dataclass(frozen=True)
class Button:
    text: str
    action: str = ""
    args: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class Media:
    kind: str  # "photo" | "document"
    data: bytes
    file_name: str
    caption: str | None = None


@dataclass(frozen=True)
class PersonTarget:
    """A private message to a person; the dispatcher turns it into their private chat, if reachable."""

    person_id: int


@dataclass(frozen=True)
class Reply:
    text: str = ""  # HTML subset (b, i, code, a): every user-supplied string is escaped by the templates
    buttons: tuple[tuple[Button, ...], ...] = ()
    media: tuple[Media, ...] = ()
    to: ChatRef | PersonTarget | None = None  # None: the chat the update came from
    edit_message_id: str | None = None  # edit this message of the bot's instead of sending a new one
    popup: bool = False  # for a button press: a short notice to the presser only, where the platform has one
    # React with this emoji to message `react_to` of the chat instead of sending `text`. `text` is still
    # given: a platform without reactions (WeChat), or a chat that refuses this one, gets it instead.
    reaction: str | None = None
    react_to: str | None = None


@dataclass(frozen=True)
class Outgoing:
    chat: ChatRef
    reply: Reply
    person_id: int | None = field(default=None, compare=False)  # set when sent to a person privately
