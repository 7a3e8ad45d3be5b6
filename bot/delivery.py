"""Sending what the dispatcher decided, after the transaction that recorded it has committed."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.send_outcomes import Action, classify
from handlers.core.messages import ChatRef, Outgoing, Reply
from handlers.core.people import mark_unreachable
from handlers.core.ports import Messenger, SendError

log = logging.getLogger(__name__)


class MessengerRouter:
    """Sends each reply on the platform of its chat: one class can live on Telegram and WeChat at once, so
    a WeChat parent's /join asks a teacher on Telegram to approve, and the teacher's tap answers on WeChat."""

    def __init__(self, messengers: dict[str, Messenger]):
        self.messengers = messengers

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        messenger = self.messengers.get(chat.platform)
        if messenger is None:
            raise SendError(f"this process cannot send on {chat.platform}")
        return await messenger.send(chat, reply)


async def deliver(messenger: Messenger, outgoing: list[Outgoing],
                  sessions: async_sessionmaker[AsyncSession] | None = None) -> list[str | None]:
    """Sends in order; one failed send is logged and does not stop the others. A private chat the platform
    refuses is marked unreachable (when `sessions` is given), so nobody plans private messages to it."""
    ids: list[str | None] = []
    for item in outgoing:
        try:
            ids.append(await messenger.send(item.chat, item.reply))
        except Exception as error:
            action = classify(error).action
            if action is Action.DONE:
                ids.append(item.reply.edit_message_id)
            elif action is Action.UNREACHABLE:
                log.info("%s:%s is unreachable: %s", item.chat.platform, item.chat.chat_id, error)
                ids.append(None)
                if sessions is not None and item.chat.is_private:
                    async with sessions.begin() as session:
                        await mark_unreachable(session, item.chat)
            else:  # a reply has one attempt and cannot wait: a rate limit too is logged and dropped
                log.exception("could not send to %s:%s", item.chat.platform, item.chat.chat_id)
                ids.append(None)
    return ids
