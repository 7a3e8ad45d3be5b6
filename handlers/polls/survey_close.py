"""Closing a survey: at its `until` (schedules/polls.py) or by `/survey close <id>` (its creator or a
teacher). The card reads as closed without its button, a short result goes to the group (how many
answered and, per choice question, the most chosen option; no texts, no names), unfinished drafts go, and
an anonymous survey's salt is erased."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ChatRef
from handlers.core.outbox import enqueue
from handlers.core.pushes import Push
from handlers.core.texts import render
from handlers.polls import survey_lookup, survey_responses
from handlers.polls.survey_card import refresh
from handlers.polls.survey_figures import figures, respondents
from models import ClassGroup
from models.surveys import Survey


def _top(question) -> list[str]:
    """The most chosen options (ties all shown), or a rating's mean."""
    if question.mean is not None:
        return [f"{question.mean:.1f}"]
    most = max(question.counts, default=0)
    return [label for label, count in zip(question.labels, question.counts, strict=True) if most and count == most]


async def close_survey(session: AsyncSession, survey: Survey, now: datetime) -> Push:
    """Marks the survey closed and returns the short result's push; the caller enqueues it."""
    class_group = await session.get(ClassGroup, survey.class_id)
    found = await respondents(session, survey)
    shown = [(question, _top(question)) for question in figures(survey, found) if question.question["kind"] != "text"]
    survey.closed_at = now
    await survey_responses.forget_salt(session, survey)
    await refresh(session, survey, now)
    return Push(dedup_key=f"survey-result:id={survey.id}", kind="survey_result", due_at=now,
                class_id=class_group.id, target=ChatRef(class_group.platform, class_group.chat_id, False),
                text=render(class_group.language, "surveys.closing", survey=survey, respondents=len(found),
                            tops=shown))


async def close_command(ctx: Context, args: Args) -> None:
    survey = await survey_lookup.survey_by_ref(ctx, args.word(0))
    await survey_lookup.require_manager(ctx, survey)
    if survey.closed_at is not None:
        raise UserError("surveys.already_closed", survey=survey)
    now = ctx.now()
    await enqueue(ctx.session, await close_survey(ctx.session, survey, now), now)
    ctx.audit(await ctx.session.get(ClassGroup, survey.class_id), "survey_close", survey_id=survey.id)
    ctx.say("surveys.closed_now", survey=survey)
