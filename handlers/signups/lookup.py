"""Finding a sign-up list by its number (`3`, `#3`), the caller's role in its class, and who may close it:
its creator, or a teacher of its class."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Membership, Role
from models.signups import SignupList


def number(word: str | None) -> int | None:
    digits = (word or "").strip().lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


async def list_by_ref(ctx: Context, ref: str | None) -> SignupList:
    if not ref:
        raise UserError("signups.missing_list")
    found = number(ref)
    signup = await ctx.session.get(SignupList, found) if found is not None else None
    if signup is None or await role_in(ctx, signup.class_id) is None:
        raise UserError("signups.unknown_list", ref=ref)
    return signup


async def role_in(ctx: Context, class_id: int) -> Role | None:
    return await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_id, Membership.person_id == ctx.person.id))


async def require_manager(ctx: Context, signup: SignupList) -> None:
    role = await role_in(ctx, signup.class_id)
    if role != Role.teacher and signup.created_by != ctx.person.id:
        raise UserError("signups.not_yours")
