"""Finding a notice by its number (`3`, `#3`), the families of a class, and who may see a notice's status:
its creator, or a teacher of its class."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from handlers.core import class_items
from handlers.core.class_items import item_by_ref, item_number
from handlers.core.context import Context
from models import Student, StudentStatus
from models.notices import Notice


def notice_number(word: str | None) -> int | None:
    return item_number(word)


async def notice_by_ref(ctx: Context, ref: str | None) -> Notice:
    return await item_by_ref(ctx, Notice, ref, missing="notices.missing_notice", unknown="notices.unknown_notice")


async def require_manager(ctx: Context, notice: Notice) -> None:
    """The creator (while still in the class) or a teacher of the notice's class; else as if there were none."""
    await class_items.require_manager(ctx, notice, unknown="notices.unknown_notice", not_yours="notices.not_yours")


async def class_children(session: AsyncSession, class_id: int) -> list[Student]:
    """The class's families, one per child on the active roster, in roster order."""
    return list((await session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all())
