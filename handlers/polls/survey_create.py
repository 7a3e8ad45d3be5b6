"""/survey new + the §7 text block (teacher or rep), in the same message or the next one. The whole block
is checked first: every mistake is answered with its line number and reason, and nothing is written or
posted until the block is right. Then the survey's card goes to the class group."""
from __future__ import annotations

from markupsafe import Markup
from pydantic import BaseModel

from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.clock import local_today
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.outbox import enqueue
from handlers.polls import survey_responses
from handlers.polls.survey_block import BlockErrors, SurveyPlan, block_lines, parse_block
from handlers.polls.survey_card import card_push
from models import ClassGroup, Role
from models.surveys import Survey

BLOCK_WAIT = "surveys.block"
BLOCK = "block"  # the block rides in the command's options when "which class?" runs the command again
OPTIONS = ("per", BLOCK)
ASKERS = (Role.teacher, Role.rep)


class WaitingBlock(BaseModel):
    class_id: int
    per_family: bool = False


def _per_family(args: Args) -> bool:
    value = args.options.get("per", "person").lower()
    if value not in ("family", "person", "家庭", "个人"):
        raise UserError("surveys.bad_per", value=value)
    return value in ("family", "家庭")


async def new_survey(ctx: Context, args: Args) -> None:
    unknown = [key for key in args.options if key not in OPTIONS]
    if unknown:
        raise UserError("surveys.unknown_option", name=unknown[0])
    per_family = _per_family(args)
    text = args.options.get(BLOCK) if ctx.incoming.button is not None else ctx.incoming.text
    lines = block_lines(text or "")
    if lines:
        # Checked before the class is asked for: a block that is wrong is wrong in every class.
        _plan(ctx, lines, await ctx.group_class(), per_family)
        args.options[BLOCK] = text
        class_group, _ = await ctx.require_class(*ASKERS)
        await _create(ctx, class_group, _plan(ctx, lines, class_group, per_family))
        return
    class_group, _ = await ctx.require_class(*ASKERS)
    await waits.begin(ctx, BLOCK_WAIT, WaitingBlock(class_id=class_group.id, per_family=per_family))
    ctx.say("surveys.send_block")


async def block_sent(ctx: Context, data: WaitingBlock, answer: waits.Answer) -> None:
    class_group = await ctx.session.get(ClassGroup, data.class_id)
    if class_group is None:
        raise UserError("stale_button")
    try:
        plan = _plan(ctx, block_lines(answer.text), class_group, data.per_family)
    except UserError as error:  # answered, not raised: the wait for a corrected block must survive
        await waits.begin(ctx, BLOCK_WAIT, data)
        ctx.say(error.key, **error.values)
        return
    await _create(ctx, class_group, plan)


def _plan(ctx: Context, lines, class_group: ClassGroup | None, per_family: bool):
    timezone = class_group.timezone if class_group else ctx.defaults.timezone
    today = local_today(ctx.clock, timezone)
    try:
        return parse_block(lines, today=today, timezone=timezone, now=ctx.now(), per_family=per_family)
    except BlockErrors as errors:
        found = [(problem.line, Markup(ctx.text("surveys." + problem.key, **problem.values)))
                 for problem in errors.problems]
        raise UserError("surveys.block_errors", problems=found) from None


async def _create(ctx: Context, class_group: ClassGroup, plan: SurveyPlan) -> None:
    now = ctx.now()
    same_platform = class_group.platform == ctx.incoming.chat.platform
    survey = Survey(class_id=class_group.id, created_by=ctx.person.id, title=plan.title, questions=plan.questions,
                    anonymous=plan.anonymous, per_family=plan.per_family, created_at=now, until=plan.until,
                    bot_username=ctx.platform.bot_username if same_platform else None)
    ctx.session.add(survey)
    await ctx.session.flush()
    if survey.anonymous:
        ctx.session.add(survey_responses.new_salt(survey))
    await enqueue(ctx.session, await card_push(ctx.session, survey, class_group, now), now)
    ctx.audit(class_group, "survey_new", survey_id=survey.id)
    if ctx.is_private:  # in the group the card itself is the answer
        ctx.say("surveys.created", survey=survey)
