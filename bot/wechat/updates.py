"""A WeChat message or event (parsed by wechatpy) → neutral `Incoming`.

The Official Account and the WeCom app are private chats with one person: the chat id is their openid
(or WeCom user id). Following the account is "/start" (with the join code of a QR code, if any), a menu
click is the text of its key, and the texts people type are normalised so that "/打卡" works like "打卡"."""
from __future__ import annotations

from dataclasses import dataclass

from handlers.core.messages import Attachment, ChatRef, Incoming, Sender
from handlers.core.registry import registry


@dataclass(frozen=True)
class Unfollowed:
    """The person unfollowed the account: nothing to answer, but no more private messages either."""

    update_key: str
    chat: ChatRef


class Malformed(ValueError):
    """A field WeChat always fills with a number (MsgId, CreateTime) holds something else: not from WeChat."""


def update_key(platform: str, account: str, message) -> str:
    """WeChat retries a message three times with the same MsgId; events have none, so WeChat's own advice
    is to recognise them by sender and time."""
    try:  # wechatpy converts a field when it is read
        moment = int(message.create_time.timestamp())
        message_id = None if message.type == "event" else int(message.id)
    except (ValueError, TypeError, OverflowError, OSError):
        raise Malformed("MsgId and CreateTime are numbers") from None
    if message.type == "event":
        return f"{platform}:{account}:event:{message.source}:{moment}:{message.event}"[:128]
    if message_id <= 0:  # wechatpy reads a missing MsgId as 0, which would make every such message one
        raise Malformed("MsgId is a positive number")
    return f"{platform}:{account}:msg:{message_id}"[:128]


def command_text(text: str) -> str:
    """Keywords also work with a slash ("/打卡 小明"), which the dispatcher would not recognise."""
    text = text.strip()
    if text.startswith(("/", "／")):
        first = text[1:].split(maxsplit=1)[0] if len(text) > 1 else ""
        if first in registry().keywords:
            return text[1:]
    return text


def command_of(text: str) -> str | None:
    """The command a text runs: "打卡 …" and "/checkin …" are both "checkin"."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first.startswith("/"):
        return first[1:].split("@")[0].lower() or None
    return registry().keywords.get(first)


def to_incoming(platform: str, account: str, message, display_name: str) -> Incoming | Unfollowed | None:
    """None for what ClassBridge does not act on (locations, links, menu views…)."""
    key = update_key(platform, account, message)
    chat = ChatRef(platform, message.source, True)
    sender = Sender(message.source, display_name, None, None)
    if message.type == "text":
        return Incoming(key, chat, sender, text=command_text(message.content or ""), message_id=str(message.id))
    if message.type == "image":
        photo = Attachment("photo", message.media_id, None, "image/jpeg")
        return Incoming(key, chat, sender, attachments=(photo,), message_id=str(message.id))
    if message.type == "voice":
        # With speech recognition switched on, WeChat sends the words too: "打卡" said aloud works.
        words = command_text(getattr(message, "recognition", None) or "")
        voice = Attachment("voice", message.media_id, None, None)
        return Incoming(key, chat, sender, text=words, attachments=(voice,), message_id=str(message.id))
    if message.type != "event":
        return None
    event = message.event
    if event == "unsubscribe":
        return Unfollowed(key, chat)
    if event in ("subscribe", "subscribe_scan", "scan"):
        scene = str(getattr(message, "scene_id", "") or "")
        return Incoming(key, chat, sender, text=f"/start {scene}".strip())
    if event == "click" and message.key:
        return Incoming(key, chat, sender, text=command_text(message.key))
    return None
