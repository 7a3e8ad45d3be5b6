"""Buttons on a platform without buttons: a reply's buttons become "回复数字：1 同意  2 拒绝", stored per chat,
and a later message that is just one of those numbers presses that button.

Numbers keep counting up while earlier offers are recent, so two approval requests in a row can both be
answered; an offer older than MENU_LIFETIME is forgotten and counting starts at 1 again."""
from __future__ import annotations

import html
import re
import secrets
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wechat.plain_text import plain_text
from handlers.core.clock import Clock
from handlers.core.messages import ButtonPress, ChatRef, Reply
from handlers.core.texts import render
from models import Identity, NumberedChoice, Person

MENU_LIFETIME = timedelta(hours=1)
_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")


async def language_of(session: AsyncSession, chat: ChatRef, default: str = "zh") -> str:
    language = await session.scalar(select(Person.language).join(Identity, Identity.person_id == Person.id).where(
        Identity.platform == chat.platform, Identity.private_chat_id == chat.chat_id))
    return language or default


async def as_text(sessions: async_sessionmaker[AsyncSession], clock: Clock, chat: ChatRef,
                  reply: Reply) -> tuple[str, str]:
    """The reply as WeChat text, and the message id that its numbers press buttons under."""
    message_id = secrets.token_hex(8)
    buttons = [button for row in reply.buttons for button in row]
    if not buttons:
        return plain_text(reply.text), message_id
    for attempt in range(3):  # two replicas numbering the same chat at once: the loser counts again
        try:
            async with sessions.begin() as session:
                return await _offer(session, clock, chat, reply, message_id), message_id
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def numbered(session: AsyncSession, clock: Clock, chat: ChatRef, reply: Reply) -> Reply:
    """The reply with its buttons turned into numbered lines, offered in the caller's transaction (the
    update's own, so a number is remembered exactly when the answer that shows it is committed)."""
    if not any(row for row in reply.buttons):
        return reply
    message_id = secrets.token_hex(8)
    for attempt in range(3):  # two replicas numbering the same chat at once: the loser counts again
        try:
            async with session.begin_nested():
                text = await _offer(session, clock, chat, reply, message_id)
            # Kept as HTML like every reply, so the messenger's plain_text gives back exactly these lines.
            return replace(reply, text=html.escape(text, quote=False), buttons=())
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


async def _offer(session: AsyncSession, clock: Clock, chat: ChatRef, reply: Reply, message_id: str) -> str:
    now = clock.now()
    await session.execute(delete(NumberedChoice).where(
        NumberedChoice.platform == chat.platform, NumberedChoice.chat_id == chat.chat_id,
        NumberedChoice.offered_at < now - MENU_LIFETIME))
    last = await session.scalar(select(func.max(NumberedChoice.number)).where(
        NumberedChoice.platform == chat.platform, NumberedChoice.chat_id == chat.chat_id)) or 0
    language = await language_of(session, chat)
    lines, numbered = [plain_text(reply.text)], []
    for button in (b for row in reply.buttons for b in row):
        if button.url:
            lines.append(plain_text(render(language, "wechat.link", label=button.text, url=button.url)))
            continue
        last += 1
        numbered.append((last, button.text))
        session.add(NumberedChoice(platform=chat.platform, chat_id=chat.chat_id, number=last,
                                   label=button.text[:128], action=button.action, args=list(button.args),
                                   message_id=message_id, offered_at=now))
    if numbered:
        lines.append(plain_text(render(language, "wechat.choices", numbered=numbered)))
    await session.flush()
    return "\n".join(line for line in lines if line)


async def press_of(session: AsyncSession, clock: Clock, chat: ChatRef, text: str) -> tuple[ButtonPress, str] | None:
    """The button a bare number stands for, if one was offered in this chat and is still fresh. The offer is
    used up: its other numbers must not press a second button under it."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    choice = await session.scalar(select(NumberedChoice).where(
        NumberedChoice.platform == chat.platform, NumberedChoice.chat_id == chat.chat_id,
        NumberedChoice.number == int(match.group(1)),
        NumberedChoice.offered_at >= clock.now() - MENU_LIFETIME))
    if choice is None:
        return None
    await session.execute(delete(NumberedChoice).where(
        NumberedChoice.platform == chat.platform, NumberedChoice.chat_id == chat.chat_id,
        NumberedChoice.message_id == choice.message_id))
    return ButtonPress(choice.action, tuple(choice.args)), choice.message_id
