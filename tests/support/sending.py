"""Sending a dispatcher's answers straight to a messenger, in order, for dialog tests: the running bot writes
them to the outbox and its worker sends them (tests/bot/test_reply_delivery.py covers that path)."""
from __future__ import annotations

import logging

from handlers.core.messages import ChatRef, Outgoing, Reply
from handlers.core.ports import Messenger, NotModified, SendError

log = logging.getLogger(__name__)


async def deliver(messenger: Messenger, outgoing: list[Outgoing]) -> list[str | None]:
    """Sends in order; a failed send is logged and does not stop the others, as in the worker's pass."""
    ids: list[str | None] = []
    for item in outgoing:
        try:
            ids.append(await messenger.send(item.chat, item.reply))
        except NotModified:
            ids.append(item.reply.edit_message_id)
        except Exception:
            log.info("could not send to %s:%s", item.chat.platform, item.chat.chat_id, exc_info=True)
            ids.append(None)
    return ids


class MessengerRouter:
    """Sends each answer on the platform of its chat, as the worker does with its messengers by name: one class
    can live on Telegram and WeChat at once."""

    def __init__(self, messengers: dict[str, Messenger]):
        self.messengers = messengers

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        messenger = self.messengers.get(chat.platform)
        if messenger is None:
            raise SendError(f"this process cannot send on {chat.platform}")
        return await messenger.send(chat, reply)
