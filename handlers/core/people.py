"""Who sent an update: the person and their identity on that platform, created on first contact."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.clock import Clock
from handlers.core.messages import ChatRef, Incoming
from handlers.core.texts import normalize_language
from models import Identity, Person, Wait


@dataclass
class KnownSender:
    """The sender as the store knows them: their person, this platform's identity, and whether a wait is open."""

    person: Person
    identity: Identity
    waiting: bool  # whether the bot waits for this person's answer, so callers can skip looking


# The identity, the person and whether the bot waits for them, in one query built once: it runs for every update.
_SENDER = (
    select(Identity, Person,
           select(Wait.id).where(Wait.person_id == Identity.person_id, Wait.expires_at > bindparam("now")).exists())
    .join(Person, Person.id == Identity.person_id)
    .where(Identity.platform == bindparam("platform"), Identity.external_id == bindparam("external_id"))
)


async def resolve_sender(session: AsyncSession, incoming: Incoming, clock: Clock, defaults) -> KnownSender:
    sender, chat = incoming.sender, incoming.chat
    row = (await session.execute(_SENDER, {"platform": chat.platform, "external_id": sender.external_id,
                                          "now": clock.now()})).first()
    if row is None:
        person = Person(display_name=sender.display_name[:128],
                        language=normalize_language(sender.language, defaults.language),
                        created_at=clock.now())
        identity = Identity(person=person, platform=chat.platform, external_id=sender.external_id, reachable=False)
        session.add_all([person, identity])
        has_waiting = False
    else:
        identity, person, has_waiting = row
        if sender.display_name and person.display_name != sender.display_name[:128]:
            person.display_name = sender.display_name[:128]
    changes = {"username": sender.username}
    if chat.is_private:
        # Writing to the bot privately is what lets the bot write back: remember the chat.
        changes.update(private_chat_id=chat.chat_id, reachable=True)
    for name, value in changes.items():
        if getattr(identity, name) != value:  # an unchanged assignment would still make every later query flush
            setattr(identity, name, value)
    if session.new or session.dirty:
        await session.flush()
    return KnownSender(person, identity, bool(has_waiting))


async def private_chat_of(session: AsyncSession, person_id: int, prefer: str | None = None):
    identities = (await session.scalars(
        select(Identity).where(Identity.person_id == person_id, Identity.reachable.is_(True),
                               Identity.private_chat_id.is_not(None))
    )).all()
    identities = sorted(identities, key=lambda i: i.platform != prefer)
    if not identities:
        return None
    return ChatRef(identities[0].platform, identities[0].private_chat_id, True)


# Platforms where people type words for commands (提交, 打卡), for there is no "/" menu: WeChat's two.
WORD_PLATFORMS = frozenset({"wechat_oa", "wecom"})


async def types_words(session: AsyncSession, person_id: int, prefer: str | None = None) -> bool:
    """Whether the private chat a message to this person goes to is on WeChat, so its text should say
    提交 rather than /submit."""
    chat = await private_chat_of(session, person_id, prefer)
    return chat is not None and chat.platform in WORD_PLATFORMS


async def mark_unreachable(session: AsyncSession, chat: ChatRef) -> None:
    """The platform refused a private message (blocked, never started): stop planning private messages."""
    identities = (await session.scalars(select(Identity).where(
        Identity.platform == chat.platform, Identity.private_chat_id == chat.chat_id))).all()
    for identity in identities:
        identity.reachable = False
