"""Who is in the sandbox: everyone the store knows on Telegram, plus a starting cast so that a fresh
install has a teacher, a class rep and parents in a group that is not a class yet."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.demo import DEMO_GROUP_ID, REP, TEACHER
from bot.sandbox.world import World
from models import ClassGroup, Identity, Membership, Person, Role

PLATFORM = "telegram"
GROUP_TITLE = "三年级二班 家长群"
PARENTS = [(2101, "张妈妈", "zhang_mum"), (2102, "刘爸爸", "liu_dad"), (2103, "陈奶奶", None)]


def add_starting_cast(world: World) -> None:
    group = int(DEMO_GROUP_ID)
    if group not in world.chats:
        world.add_group(GROUP_TITLE, chat_id=group)
    for user_id, name, username in (TEACHER, REP, *PARENTS):
        if user_id not in world.users:
            world.add_user(name, username=username, language_code="zh", user_id=user_id)
        world.add_member(group, user_id, admin=(user_id == TEACHER[0]), owner=(user_id == TEACHER[0]))


async def add_people_from_store(world: World, sessions: async_sessionmaker[AsyncSession]) -> None:
    """Rebuilds users, groups and memberships from the store, so the page survives a restart."""
    async with sessions() as session:
        people = (await session.execute(
            select(Identity, Person).join(Person, Person.id == Identity.person_id)
            .where(Identity.platform == PLATFORM))).all()
        for identity, person in people:
            user_id = int(identity.external_id)
            if user_id not in world.users:
                world.add_user(person.display_name, username=identity.username, language_code=person.language,
                               user_id=user_id, started=identity.reachable)
        classes = (await session.scalars(select(ClassGroup).where(ClassGroup.platform == PLATFORM))).all()
        for class_group in classes:
            chat_id = int(class_group.chat_id)
            if chat_id not in world.chats:
                world.add_group(class_group.name, chat_id=chat_id)
            members = (await session.execute(
                select(Identity.external_id, Membership.role)
                .join(Membership, Membership.person_id == Identity.person_id)
                .where(Membership.class_id == class_group.id, Identity.platform == PLATFORM))).all()
            for external_id, role in members:
                world.add_member(chat_id, int(external_id), admin=role == Role.teacher)


async def populate(world: World, sessions: async_sessionmaker[AsyncSession]) -> None:
    add_starting_cast(world)
    await add_people_from_store(world, sessions)


async def roles_by_user(sessions: async_sessionmaker[AsyncSession]) -> dict[int, str]:
    async with sessions() as session:
        rows = (await session.execute(
            select(Identity.external_id, Membership.role)
            .join(Membership, Membership.person_id == Identity.person_id)
            .where(Identity.platform == PLATFORM).order_by(Membership.id))).all()
    roles: dict[int, str] = {}
    for external_id, role in rows:
        roles.setdefault(int(external_id), role.value)
    return roles


async def class_zones(sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    """The time zones of the sandbox's classes, oldest class first; empty while there is no class."""
    async with sessions() as session:
        return list((await session.scalars(select(ClassGroup.timezone).where(ClassGroup.platform == PLATFORM)
                                           .order_by(ClassGroup.id))).all())
