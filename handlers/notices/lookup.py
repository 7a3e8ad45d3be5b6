"""Finding a notice by its number (`3`, `#3`), the families of a class, and who may see a notice's status:
its creator, or a teacher of its class."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Membership, Role, Student, StudentStatus
from models.notices import Notice


def notice_number(word: str | None) -> int | None:
    digits = (word or "").strip().lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


async def notice_by_ref(ctx: Context, ref: str | None) -> Notice:
    if not ref:
        raise UserError("notices.missing_notice")
    number = notice_number(ref)
    notice = await ctx.session.get(Notice, number) if number is not None else None
    if notice is None:
        raise UserError("notices.unknown_notice", ref=ref)
    return notice


async def role_in(ctx: Context, class_id: int) -> Role | None:
    return await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_id, Membership.person_id == ctx.person.id))


async def require_manager(ctx: Context, notice: Notice) -> None:
    """The creator (while still in the class) or a teacher of the notice's class; else as if there were none."""
    role = await role_in(ctx, notice.class_id)
    if role is None:
        raise UserError("notices.unknown_notice", ref=str(notice.id))
    if role != Role.teacher and notice.created_by != ctx.person.id:
        raise UserError("notices.not_yours")


async def class_children(session: AsyncSession, class_id: int) -> list[Student]:
    """The class's families, one per child on the active roster, in roster order."""
    return list((await session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all())
