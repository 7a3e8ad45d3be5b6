"""Photos as check-in evidence on WeChat, where an image never has a caption.

Both orders work: "打卡" first, and the bot (waiting for a photo) takes the next image; or the image
first, and the bot holds it for HOLD_MINUTES, telling the parent to reply "打卡" (or "补卡 <date>"),
which then checks in with it. Only the latest photo is held, so the evidence is the one just sent. Both
run inside the update's own transaction (a step of the dispatcher)."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import delete, select

from handlers.core import waits
from handlers.core.context import Context
from handlers.core.messages import Attachment, Reply
from handlers.core.registry import registry
from models import HeldPhoto

HOLD_MINUTES = 10


def takes_photo(command: str | None) -> bool:
    """Whether a held photo is evidence for this command, as its feature's manifest declares."""
    declared = registry().commands.get(command or "")
    return declared is not None and declared.takes_photo


async def hold_unless_awaited(ctx: Context) -> bool:
    """Holds a photo nobody asked for and says how to use it; False when a wait takes it, so the
    dispatcher hands it over."""
    if await waits.awaits(ctx.session, ctx.person.id, "photo", ctx.now()):
        return False
    chat = ctx.incoming.chat
    await ctx.session.execute(delete(HeldPhoto).where(HeldPhoto.platform == chat.platform,
                                                      HeldPhoto.chat_id == chat.chat_id))
    ctx.session.add(HeldPhoto(platform=chat.platform, chat_id=chat.chat_id,
                              file_id=ctx.incoming.attachments[0].file_id, held_at=ctx.now()))
    ctx.replies.append(Reply(text=ctx.text("wechat.photo_held", minutes=HOLD_MINUTES)))
    return True


async def attach_held_photo(ctx: Context) -> None:
    """A command that takes a photo, sent within HOLD_MINUTES of one: the photo goes with it, and is used up."""
    chat = ctx.incoming.chat
    photo = await ctx.session.scalar(select(HeldPhoto).where(
        HeldPhoto.platform == chat.platform, HeldPhoto.chat_id == chat.chat_id,
        HeldPhoto.held_at >= ctx.now() - timedelta(minutes=HOLD_MINUTES)).order_by(HeldPhoto.id.desc()))
    if photo is None:
        return
    ctx.incoming = replace(ctx.incoming, attachments=(Attachment("photo", photo.file_id, None, "image/jpeg"),))
    await ctx.session.delete(photo)

