"""What a handler gets for one update: the open session, who is asking, where, the clock and the texts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.clock import Clock, local_today
from handlers.errors import NeedsClass, UserError
from handlers.messages import Incoming, PersonTarget, Reply
from handlers.ports import Platform
from handlers.texts import render
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
    command: str = ""
    usage: str = ""  # text key of the running command's usage line
    forced_class_id: int | None = None
    has_waiting_command: bool = True  # False only when the dispatcher knows no command waits for this person
    replies: list[Reply] = field(default_factory=list)

    @property
    def language(self) -> str:
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

    def audit(self, class_group: ClassGroup | None, action: str, **detail) -> None:
        self.session.add(AuditEntry(
            class_id=class_group.id if class_group else None, actor_id=self.person.id,
            action=action, detail=detail, created_at=self.now(),
        ))

    async def group_class(self) -> ClassGroup | None:
        if self.is_private:
            return None
        chat = self.incoming.chat
        return await self.session.scalar(
            select(ClassGroup).where(ClassGroup.platform == chat.platform, ClassGroup.chat_id == chat.chat_id)
        )

    async def require_class(self, *roles: Role) -> tuple[ClassGroup, Membership | None]:
        """The class this command is about, checking the caller's role when `roles` are given.
        In a group it is the group's class; in private the caller's class, asking which if several."""
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
