"""✅ 收到: a press under the notice in the group (or under its private reminder) confirms it for the presser's
family, answered with a popup only they see; a second press says it is confirmed already. `收到` / `/ack`
privately does the same for chats without buttons (WeChat): the latest notice of the person's classes that
asks for confirmation, or `收到 <id>` for an older one."""
from __future__ import annotations

from sqlalchemy import select

from handlers.classes.families import children_of
from handlers.core.arguments import Args
from handlers.core.class_items import role_in
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.notices import confirmations, lookup
from handlers.notices.post import refresh
from models import Membership
from models.notices import Notice


async def _confirm(ctx: Context, notice: Notice) -> str:
    if await role_in(ctx, notice.class_id) is None:
        raise UserError("notices.not_a_member")
    children = await children_of(ctx.session, ctx.person.id, notice.class_id)
    if not children:
        raise UserError("notices.not_a_family")
    added = await confirmations.confirm(ctx.session, notice, ctx.person.id, [child.id for child in children],
                                        ctx.now())
    if not added:
        return ctx.text("notices.already_confirmed", notice=notice)
    await refresh(ctx.session, notice, ctx.now())
    return ctx.text("notices.confirmed", notice=notice, children=[child.name for child in children])


async def ack_button(ctx: Context, press: ButtonPress) -> None:
    number = lookup.notice_number(press.args[0]) if len(press.args) == 1 else None
    notice = await ctx.session.get(Notice, number) if number is not None else None
    if notice is None or not notice.ack or notice.posted_at is None:
        raise UserError("stale_button")
    ctx.replies.append(Reply(text=await _confirm(ctx, notice), popup=True))


async def _latest(ctx: Context) -> Notice:
    notice = await ctx.session.scalar(select(Notice).join(Membership, Membership.class_id == Notice.class_id).where(
        Membership.person_id == ctx.person.id, Notice.ack.is_(True), Notice.posted_at.is_not(None))
        .order_by(Notice.posted_at.desc(), Notice.id.desc()).limit(1))
    if notice is None:
        raise UserError("notices.nothing_to_confirm")
    return notice


async def ack_command(ctx: Context, args: Args) -> None:
    if len(args.words) > 1:
        raise UserError("notices.bad_ack", value=args.rest(0))
    if args.words:
        number = lookup.notice_number(args.words[0])
        notice = await ctx.session.get(Notice, number) if number is not None else None
        if number is None:
            raise UserError("notices.bad_ack", value=args.words[0])
        if (notice is None or not notice.ack or notice.posted_at is None
                or await role_in(ctx, notice.class_id) is None):
            raise UserError("notices.unknown_notice", ref=args.words[0])
    else:
        notice = await _latest(ctx)
    ctx.replies.append(Reply(text=await _confirm(ctx, notice)))
