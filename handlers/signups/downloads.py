"""The volunteer points of /signup stats as a download (handlers.core.exports), for the class's teachers and
reps: every family with its points of the current term and the places it holds."""
from __future__ import annotations

from sqlalchemy import select

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.exports import ExportList
from handlers.signups.stats import POINTS_EXPORT, file_stem, points_table, term_points
from handlers.signups.terms import term_of
from models import ClassGroup, Membership, Role

POINTS = POINTS_EXPORT


async def points_list(ctx: Context, args: tuple[str, ...]) -> ExportList:
    class_group = await ctx.session.get(ClassGroup, int(args[0])) if args and args[0].isdecimal() else None
    if class_group is None:
        raise UserError("stale_button")
    role = await ctx.session.scalar(select(Membership.role).where(
        Membership.class_id == class_group.id, Membership.person_id == ctx.person.id))
    if role not in (Role.teacher, Role.rep):
        raise UserError("not_allowed", roles=["teacher", "rep"], command="signup")
    today = ctx.today(class_group)
    term = term_of(today)
    families = await term_points(ctx, class_group.id, class_group.timezone, today)
    return ExportList(class_group, [points_table(ctx, term, families)], file_stem(class_group, term))
