"""Waiting for a person's next message or choice (PRODUCT.md §2 rule 8), one mechanism for every feature.

A wait has a name (declared in a feature's manifest), typed data (a pydantic model, stored as JSON and
validated again when it is read back), the person and chat, and an expiry. The dispatcher resumes it with
the person's next message in that chat, or with a button made by `choice`. What the person writes reaches
the resume function as data: it is never pasted into a command and parsed again. A person has at most one
wait: a new one replaces the last; any command, `/cancel`, or 30 minutes end it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.messages import Attachment, Button, ChatRef
from models import Wait

if TYPE_CHECKING:
    from handlers.core.context import Context

LIFETIME = timedelta(minutes=30)
CHOICE = "wait"  # the button action that answers a wait


@dataclass(frozen=True)
class Answer:
    """What resumed the wait: a message (its text and attachments) or a button's values."""

    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    choice: tuple[str, ...] | None = None

    @property
    def kinds(self) -> set[str]:
        if self.choice is not None:
            return {"choice"}
        kinds = {attachment.kind for attachment in self.attachments}
        return kinds | {"text"} if self.text.strip() else kinds

    def file(self, kind: str) -> Attachment | None:
        found = [attachment for attachment in self.attachments if attachment.kind == kind]
        return found[-1] if found else None


async def begin(ctx: Context, name: str, data: BaseModel, *, chat: ChatRef | None = None) -> int:
    """Starts waiting for this person in this chat, or in `chat` (their private chat, when a group button
    needs what only a private chat should carry); returns the wait's id for `choice` buttons."""
    from handlers.core.registry import registry  # the registry imports feature code that imports this module

    kind = registry().waits.get(name)
    if kind is None or not isinstance(data, kind.data):
        raise ValueError(f"wait {name!r} is not declared with data {type(data).__name__}")
    await end(ctx.session, ctx.person.id)
    chat = chat or ctx.incoming.chat
    wait = Wait(person_id=ctx.person.id, name=name, platform=chat.platform, chat_id=chat.chat_id,
                data=data.model_dump(mode="json"), created_at=ctx.now(), expires_at=ctx.now() + LIFETIME)
    ctx.session.add(wait)
    await ctx.session.flush()
    ctx.has_wait = True
    return wait.id


def choice(wait_id: int, label: str, *values: str) -> Button:
    """A button that answers wait `wait_id` with `values`."""
    return Button(label, CHOICE, (str(wait_id), *values))


async def current(session: AsyncSession, person_id: int, now: datetime) -> Wait | None:
    return await session.scalar(select(Wait).where(Wait.person_id == person_id, Wait.expires_at > now)
                                .order_by(Wait.id.desc()).limit(1))


async def end(session: AsyncSession, person_id: int) -> int:
    """Ends every wait of this person; returns how many were live or expired."""
    return (await session.execute(delete(Wait).where(Wait.person_id == person_id))).rowcount


async def awaits(session: AsyncSession, person_id: int, kind: str, now: datetime) -> bool:
    """Whether a live wait of this person would take an answer of `kind` ("photo", "text", …)."""
    from handlers.core.registry import registry

    wait = await current(session, person_id, now)
    declared = registry().waits.get(wait.name) if wait is not None else None
    return declared is not None and kind in declared.accepts


async def remove_expired(session: AsyncSession, now: datetime) -> int:
    return (await session.execute(delete(Wait).where(Wait.expires_at <= now))).rowcount
