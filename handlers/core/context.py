"""What a handler gets for one update: the open session, who is asking, where, the clock and the texts."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.clock import Clock, local_today
from handlers.core.errors import NeedsClass, UserError
from handlers.core.messages import Attachment, Incoming, PersonTarget, Reply
from handlers.core.ports import Platform
from handlers.core.texts import render
from models import AuditEntry, ClassGroup, Identity, Membership, Person, Role


@dataclass
class Defaults:
    timezone: str = "Asia/Shanghai"
    language: str = "zh"


@dataclass
class Context:
    session: AsyncSession
    incoming: Incoming
    clock: Clock
    platform: Platform
    defaults: Defaults
    person: Person
    identity: Identity
    file_sources: Mapping[str, Platform] = field(default_factory=dict)  # every served platform, by name
    dispatcher: Any = None  # runs a command again, for a wait that resumes one ("which class?")
    command: str = ""
    usage: str = ""  # text key of the running command's usage line
    forced_class_id: int | None = None
    has_wait: bool = True  # False only when the dispatcher knows nothing waits for this person's answer
    ended_wait: str | None = None  # the name of the wait this update's command ended (for /cancel's answer)
    replies: list[Reply] = field(default_factory=list)
    _group: list[ClassGroup | None] = field(default_factory=list)  # the group's class, once looked up
    _classes: dict[tuple, tuple[ClassGroup, Membership | None]] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """What the chat reads: a group message is in its class's language, for every member reads it; a
        private message, or a popup only the presser sees, is in the person's own."""
        if not self.is_private and self.incoming.button is None and self._group and self._group[0] is not None:
            return self._group[0].language
        return self.person.language

    @property
    def is_private(self) -> bool:
        return self.incoming.chat.is_private

    def now(self) -> datetime:
        return self.clock.now()

    def today(self, class_group: ClassGroup) -> date:
        return local_today(self.clock, class_group.timezone)

    def text(self, key: str, /, **values) -> str:
        return render(self.language, key, **values)

    def say(self, key: str, /, *, buttons=(), media=(), **values) -> None:
        self.replies.append(Reply(text=self.text(key, **values), buttons=tuple(buttons), media=tuple(media)))

    def tell(self, person: Person, key: str, /, *, buttons=(), **values) -> None:
        """A private message to someone else, in their own language."""
        text = render(person.language, key, **values)
        self.replies.append(Reply(text=text, buttons=tuple(buttons), to=PersonTarget(person.id)))

    async def download(self, platform: str, attachment: Attachment) -> bytes | None:
        """A file sent on `platform`, fetched from there: a file id means something only on its own platform.
        None when that platform is not served by this process."""
        source = self.platform if platform == self.incoming.chat.platform else self.file_sources.get(platform)
        return None if source is None else await source.download(attachment)

    def audit(self, class_group: ClassGroup | None, action: str, **detail) -> None:
        self.session.add(AuditEntry(
            class_id=class_group.id if class_group else None, actor_id=self.person.id,
            action=action, detail=detail, created_at=self.now(),
        ))

    async def group_class(self) -> ClassGroup | None:
        if self.is_private:
            return None
        if not self._group:
            chat = self.incoming.chat
            self._group.append(await self.session.scalar(
                select(ClassGroup).where(ClassGroup.platform == chat.platform, ClassGroup.chat_id == chat.chat_id)
            ))
        return self._group[0]

    async def require_class(self, *roles: Role) -> tuple[ClassGroup, Membership | None]:
        """The class this command is about, checking the caller's role when `roles` are given.
        In a group it is the group's class; in private the caller's class, asking which if several.
        The dispatcher asks first with the command's declared roles; the handler's same question is free."""
        key = (roles, self.forced_class_id)
        if key not in self._classes:
            self._classes[key] = await self._resolve_class(roles)
        return self._classes[key]

    async def _resolve_class(self, roles: tuple[Role, ...]) -> tuple[ClassGroup, Membership | None]:
        if not self.is_private:
            class_group = await self.group_class()
            if class_group is None:
                raise UserError("not_a_class")
            membership = await self._membership(class_group.id)
            self._check_role(membership, roles)
            return class_group, membership
        rows = (await self.session.execute(
            select(ClassGroup, Membership)
            .join(Membership, Membership.class_id == ClassGroup.id)
            .where(Membership.person_id == self.person.id)
            .order_by(ClassGroup.id)
        )).all()
        if self.forced_class_id is not None:
            rows = [row for row in rows if row[0].id == self.forced_class_id]
        if not rows:
            raise UserError("no_class")
        allowed = [row for row in rows if not roles or row[1].role in roles]
        if not allowed:
            self._check_role(rows[0][1], roles)
        if len(allowed) > 1:
            raise NeedsClass([row[0].id for row in allowed])
        return allowed[0][0], allowed[0][1]

    async def check_roles(self, roles: tuple[Role, ...]) -> None:
        """A command's declared roles: in a group, the caller's role in its class; privately, a role the
        caller holds in any class (the handler then picks the class, asking which when several fit)."""
        if not self.is_private:
            class_group = await self.group_class()
            if class_group is None:
                raise UserError("not_a_class")
            self._check_role(await self._membership(class_group.id), roles)
            return
        held = set((await self.session.scalars(select(Membership.role).where(
            Membership.person_id == self.person.id))).all())
        if not held:
            raise UserError("no_class")
        if not held & set(roles):
            raise UserError("not_allowed", roles=[role.value for role in roles], command=self.command)

    async def _membership(self, class_id: int) -> Membership | None:
        return await self.session.scalar(
            select(Membership).where(Membership.class_id == class_id, Membership.person_id == self.person.id)
        )

    def _check_role(self, membership: Membership | None, roles: tuple[Role, ...]) -> None:
        if roles and (membership is None or membership.role not in roles):
            raise UserError("not_allowed", roles=[role.value for role in roles], command=self.command)

    def require_private(self) -> None:
        if not self.is_private:
            raise UserError("private_only", command=self.command)

    def require_group(self) -> None:
        if self.is_private:
            raise UserError("group_only", command=self.command)
