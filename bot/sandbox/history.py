"""What a class group had been sent before the sandbox started: its pushes that the outbox records as sent
(daily posts with their last counts, weekly stars, scheduled texts), put back into the stand-in's group chats
with their dates and buttons. This is how a restart keeps the group's posts, and how `classbridge demo`,
which runs as a process of its own, shows the days its plan has already had."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.formatting import render
from bot.sandbox.world import World
from bot.telegram.messenger import TelegramMessenger
from handlers.core.messages import Reply
from handlers.core.outbox import buttons_from_rows
from handlers.core.pushes import REPLY_IN_ANSWER, REPLY_KIND
from models import OutboxMedia, OutboxMessage, OutboxStatus, TallyEdit

PLATFORM = "telegram"


async def add_history_from_store(world: World, sessions: async_sessionmaker[AsyncSession],
                                 messenger: TelegramMessenger) -> int:
    """Fills group chats that have no messages yet; returns how many messages were put back. Only texts:
    pictures and files go to people privately, whose chats start empty after a restart."""
    async with sessions.begin() as session:
        with_media = select(OutboxMedia.outbox_id)
        rows = (await session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.sent, OutboxMessage.platform == PLATFORM,
                                        OutboxMessage.is_private.is_(False), OutboxMessage.id.not_in(with_media),
                                        OutboxMessage.kind.not_in((REPLY_KIND, REPLY_IN_ANSWER)))
            .order_by(OutboxMessage.sent_at, OutboxMessage.id))).all()
        keys = [row.tally_key for row in rows if row.tally_key]
        edits = {edit.tally_key: edit for edit in (await session.scalars(
            select(TallyEdit).where(TallyEdit.tally_key.in_(keys), TallyEdit.applied_version > 0))).all()} \
            if keys else {}
        empty = {chat.id for chat in world.chats.values() if chat.is_group and not chat.entries}
        count = 0
        for row in rows:
            chat_id = int(row.chat_id or 0)
            if chat_id not in empty or not row.text:
                continue
            edit = edits.get(row.tally_key)  # the group saw the count as last edited
            text, buttons = (edit.text, edit.buttons) if edit is not None else (row.text, row.buttons)
            shown, entities = render(text, "HTML", None)
            content = {"text": shown, **({"entities": entities} if entities else {})}
            keyboard = messenger.keyboard(Reply(text=text, buttons=buttons_from_rows(buttons)))
            if keyboard is not None:
                content["reply_markup"] = keyboard.to_dict()
            entry = world.post(world.chat(chat_id), world.bot, content, html=text)
            entry.message["date"] = int(row.sent_at.timestamp())
            # A later check-in edits the post by this id, as it would on Telegram.
            await session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id)
                                  .values(message_id=str(entry.message_id)))
            count += 1
    return count
