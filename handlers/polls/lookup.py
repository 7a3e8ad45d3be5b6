"""Finding a poll by its number (`3`, `#3`) and who may see its status or close it: its creator, or a
teacher of its class."""
from __future__ import annotations

from handlers.core import class_items
from handlers.core.class_items import item_by_ref, item_number
from handlers.core.context import Context
from models.polls import Poll


def poll_number(word: str | None) -> int | None:
    return item_number(word)


async def poll_by_ref(ctx: Context, ref: str | None) -> Poll:
    return await item_by_ref(ctx, Poll, ref, missing="polls.missing_poll", unknown="polls.unknown_poll")


async def require_manager(ctx: Context, poll: Poll) -> None:
    """The creator (while still in the class) or a teacher of the poll's class; else as if there were none."""
    await class_items.require_manager(ctx, poll, unknown="polls.unknown_poll", not_yours="polls.not_yours")
