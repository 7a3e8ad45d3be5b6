"""Finding a survey by its number (`3`, `#3`), and who may do what with it: results, export and status
are for the teachers and reps of its class; closing is for its creator or a teacher, as for polls."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from handlers.core import class_items
from handlers.core.class_items import item_by_ref, role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from models import Membership, Role
from models.surveys import Survey


def is_open(survey: Survey, now: datetime) -> bool:
    return survey.closed_at is None and (survey.until is None or survey.until > now)


async def survey_by_ref(ctx: Context, ref: str | None) -> Survey:
    return await item_by_ref(ctx, Survey, ref, missing="surveys.missing_survey", unknown="surveys.unknown_survey")


async def require_reader(ctx: Context, survey: Survey) -> None:
    """Teachers and reps of the survey's class; a member of another class is told there is no such survey."""
    role = await role_in(ctx, survey.class_id)
    if role is None:
        raise UserError("surveys.unknown_survey", ref=str(survey.id))
    if role not in (Role.teacher, Role.rep):
        raise UserError("surveys.not_yours")


async def require_manager(ctx: Context, survey: Survey) -> None:
    await class_items.require_manager(ctx, survey, unknown="surveys.unknown_survey", not_yours="surveys.not_yours")


async def open_surveys(ctx: Context) -> list[Survey]:
    """Open surveys of the person's classes, the latest first."""
    now = ctx.now()
    return list((await ctx.session.scalars(select(Survey).join(Membership, Membership.class_id == Survey.class_id)
                                           .where(Membership.person_id == ctx.person.id, Survey.closed_at.is_(None),
                                                  (Survey.until.is_(None)) | (Survey.until > now))
                                           .order_by(Survey.created_at.desc(), Survey.id.desc()))).all())
