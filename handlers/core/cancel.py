"""/cancel: the person stops whatever the bot was waiting for from them (the dispatcher has already ended it)."""
from __future__ import annotations

from handlers.core.arguments import Args
from handlers.core.context import Context


async def cancel(ctx: Context, args: Args) -> None:
    ctx.say("help.cancelled" if ctx.ended_wait else "help.nothing_to_cancel")
