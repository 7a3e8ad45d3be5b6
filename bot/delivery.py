"""Sending what the dispatcher decided, after the transaction that recorded it has committed."""
from __future__ import annotations

import logging

from handlers.messages import Outgoing
from handlers.ports import Messenger

log = logging.getLogger(__name__)


async def deliver(messenger: Messenger, outgoing: list[Outgoing]) -> list[str | None]:
    """Sends in order; one failed send is logged and does not stop the others."""
    ids = []
    for item in outgoing:
        try:
            ids.append(await messenger.send(item.chat, item.reply))
        except Exception:
            log.exception("could not send to %s:%s", item.chat.platform, item.chat.chat_id)
            ids.append(None)
    return ids
