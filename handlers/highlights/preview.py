"""`/highlights` (the teacher, privately): this week's digest exactly as the group will read it, when it
goes out, the thank-yous of the last one, and the coverage check. `/highlights publish` posts the week now;
`/highlights skip` lets it pass without a post."""
from __future__ import annotations

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.outbox import enqueue
from handlers.highlights import coverage
from handlers.highlights.digest import albums, decide, digest_text, publish, week_of_children
from handlers.highlights.thanks import thanks_count
from handlers.highlights.weeks import digest_at, last_day, local_time, open_week, week_of
from models import Role
from models.habit_schedule import local_day
from models.highlights import DigestState


async def preview_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    week = await open_week(ctx.session, class_group, ctx.now())
    children = await week_of_children(ctx.session, class_group.id, week)
    photos = [photo for entry in children for photo in entry.photos]
    last_digest, thanks = await thanks_count(ctx.session, class_group.id)
    text = digest_text(class_group.language, class_group, week, children) if children else ""
    ctx.say("highlights.preview", text=text, photos=len(photos), albums=len(albums(photos)),
            at=local_time(class_group, digest_at(class_group, week)), week_from=week,
            week_to=last_day(class_group, week), thanks=thanks,
            thanked_week=last_digest.week_start if last_digest else None)
    await coverage.show(ctx, class_group, week_of(local_day(ctx.now(), class_group.timezone)))


async def publish_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    week = await open_week(ctx.session, class_group, ctx.now())
    if not await week_of_children(ctx.session, class_group.id, week):
        raise UserError("highlights.nothing_to_publish")
    pushes = await publish(ctx.session, class_group, week, ctx.now(), ctx.now(), by=ctx.person.id)
    for push in pushes:
        await enqueue(ctx.session, push, ctx.now())
    families = len({push.target for push in pushes if push.kind == "highlight_copy"})
    ctx.audit(class_group, "highlights.publish", week=week.isoformat())
    ctx.say("highlights.published", week_from=week, week_to=last_day(class_group, week), families=families,
            albums=sum(1 for push in pushes if push.kind == "highlight_digest" and push.media))


async def skip_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    week = await open_week(ctx.session, class_group, ctx.now())
    await decide(ctx.session, class_group, week, DigestState.skipped, ctx.now(), ctx.person.id)
    ctx.audit(class_group, "highlights.skip", week=week.isoformat())
    ctx.say("highlights.skipped", week_from=week, week_to=last_day(class_group, week))
