"""Photos as check-in evidence on WeChat, where an image never has a caption.

Both orders work: "打卡" first, and the bot (waiting for a photo) takes the next image; or the image
first, and the bot holds it for HOLD_MINUTES, telling the parent to reply "打卡" (or "补卡 <date>"),
which then checks in with it. Only the latest photo is held, so the evidence is the one just sent."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wechat.numbered_choices import language_of
from handlers.clock import Clock
from handlers.messages import Attachment, Incoming, Outgoing, Reply
from handlers.texts import render
from models import HeldPhoto, Identity, PendingCommand, ProcessedUpdate

HOLD_MINUTES = 10
# The commands a held photo is evidence for.
USES = ("checkin", "makeup")


async def _waits_for_file(session: AsyncSession, incoming: Incoming) -> bool:
    person_id = await session.scalar(select(Identity.person_id).where(
        Identity.platform == incoming.chat.platform, Identity.external_id == incoming.sender.external_id))
    if person_id is None:
        return False
    return await session.scalar(select(PendingCommand.id).where(
        PendingCommand.person_id == person_id, PendingCommand.kind == "file").limit(1)) is not None


async def hold_unless_awaited(sessions: async_sessionmaker[AsyncSession], clock: Clock,
                              incoming: Incoming) -> list[Outgoing] | None:
    """Holds a photo nobody asked for and says how to use it; None when a command waits for it, so the
    dispatcher hands it to that command. Recorded under the update's key, so a retry holds it once."""
    async with sessions() as session:
        if await _waits_for_file(session, incoming):
            return None
        session.add(ProcessedUpdate(key=incoming.update_key, processed_at=clock.now()))
        try:
            await session.flush()
        except IntegrityError:
            return []
        chat = incoming.chat
        await session.execute(delete(HeldPhoto).where(HeldPhoto.platform == chat.platform,
                                                      HeldPhoto.chat_id == chat.chat_id))
        session.add(HeldPhoto(platform=chat.platform, chat_id=chat.chat_id,
                              file_id=incoming.attachments[0].file_id, held_at=clock.now()))
        language = await language_of(session, chat)
        await session.commit()
    return [Outgoing(chat, Reply(text=render(language, "wechat.photo_held", minutes=HOLD_MINUTES)))]


async def held_photo(sessions: async_sessionmaker[AsyncSession], clock: Clock, incoming: Incoming) -> HeldPhoto | None:
    async with sessions() as session:
        return await session.scalar(select(HeldPhoto).where(
            HeldPhoto.platform == incoming.chat.platform, HeldPhoto.chat_id == incoming.chat.chat_id,
            HeldPhoto.held_at >= clock.now() - timedelta(minutes=HOLD_MINUTES)).order_by(HeldPhoto.id.desc()))


def with_photo(incoming: Incoming, photo: HeldPhoto) -> Incoming:
    return Incoming(incoming.update_key, incoming.chat, incoming.sender, incoming.text,
                    (Attachment("photo", photo.file_id, None, "image/jpeg"),), incoming.button, incoming.message_id)


async def release(sessions: async_sessionmaker[AsyncSession], photo: HeldPhoto) -> None:
    async with sessions.begin() as session:
        await session.execute(delete(HeldPhoto).where(HeldPhoto.id == photo.id))
