""""Which class?": a command that could mean several of the caller's classes asks with buttons, and the
chosen button runs the same command, with the same arguments, for that class."""
from __future__ import annotations

from dataclasses import replace

from pydantic import BaseModel
from sqlalchemy import select

from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Attachment, Reply
from handlers.core.registry import registry
from models import ClassGroup

WAIT = "core.class"


class ClassChoice(BaseModel):
    command: str
    words: list[str]
    options: dict[str, str]
    attachments: list[dict]  # a file sent with the command (a roster to import) goes with it


async def ask_class(ctx: Context, class_ids: list[int], command: str, args: Args) -> None:
    data = ClassChoice(command=command, words=args.words, options=args.options,
                       attachments=[vars(a) for a in ctx.incoming.attachments])
    wait_id = await waits.begin(ctx, WAIT, data)
    classes = (await ctx.session.scalars(select(ClassGroup).where(ClassGroup.id.in_(class_ids))
                                         .order_by(ClassGroup.id))).all()
    ctx.say("help.which_class", buttons=[(waits.choice(wait_id, c.name, str(c.id)),) for c in classes])


async def class_chosen(ctx: Context, data: ClassChoice, answer: waits.Answer) -> None:
    command = registry().commands.get(data.command)
    if command is None or not answer.choice or not answer.choice[0].isdecimal():
        raise UserError("stale_button")
    ctx.forced_class_id = int(answer.choice[0])
    if ctx.incoming.message_id:
        ctx.replies.append(Reply(text=ctx.text("help.class_chosen"), edit_message_id=ctx.incoming.message_id))
    ctx.incoming = replace(ctx.incoming, attachments=tuple(Attachment(**a) for a in data.attachments))
    await ctx.dispatcher.run_parsed(ctx, command, Args(data.words, data.options))
