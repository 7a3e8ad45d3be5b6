"""Making a group chat a class (/setup): the caller becomes its teacher, and the class gets a join code."""
from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from handlers.classes.families import teachers_of
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button
from models import ClassGroup, Membership, Role

# No 0/O or 1/I/L: codes are read aloud and typed from paper notices.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_CLASS_NAME = 64


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError("bad_timezone", value=value) from None
    return value


def check_language(value: str) -> str:
    if value not in ("zh", "en"):
        raise UserError("bad_language", value=value)
    return value


async def setup(ctx: Context, args: Args) -> None:
    existing = await ctx.group_class()
    if existing is not None and await teachers_of(ctx.session, existing.id):
        ctx.say("joining.already_set_up", name=existing.name)
        return
    if not await ctx.platform.is_group_admin(ctx.incoming.chat, ctx.incoming.sender.external_id):
        raise UserError("admins_only")
    if existing is not None:
        await take_over(ctx, existing)
        return
    name = args.rest(0).strip()
    if not name:
        raise UserError("missing", what="class_name")
    if len(name) > MAX_CLASS_NAME:
        raise UserError("too_long", what="class_name", limit=MAX_CLASS_NAME)
    timezone = check_timezone(args.options.get("tz", ctx.defaults.timezone))
    language = check_language(args.options.get("lang", ctx.person.language or ctx.defaults.language))
    code = new_join_code()
    while await ctx.session.scalar(select(ClassGroup.id).where(ClassGroup.join_code == code)):
        code = new_join_code()
    class_group = ClassGroup(
        name=name, platform=ctx.incoming.chat.platform, chat_id=ctx.incoming.chat.chat_id, join_code=code,
        timezone=timezone, language=language, created_at=ctx.now(),
    )
    ctx.session.add(class_group)
    await ctx.session.flush()
    ctx.session.add(Membership(class_id=class_group.id, person_id=ctx.person.id, role=Role.teacher,
                               joined_at=ctx.now()))
    ctx.audit(class_group, "setup", timezone=timezone, language=language)
    link = ctx.platform.join_link(code)
    buttons = [(Button(ctx.text("joining.join_button"), url=link),)] if link else []
    private = private_chat_buttons(ctx)
    ctx.say("joining.setup_done", name=name, code=code, link=link, private=bool(private), buttons=buttons + private)


def private_chat_buttons(ctx: Context) -> list[tuple[Button]]:
    """A button that opens the private chat, where requests wait for the teacher: until the teacher has
    opened it, the bot cannot write to them there."""
    link = ctx.platform.start_link(PRIVATE_CHAT_PAYLOAD)
    return [(Button(ctx.text("joining.private_chat_button"), url=link),)] if link else []


PRIVATE_CHAT_PAYLOAD = "teacher"


async def take_over(ctx: Context, class_group: ClassGroup) -> None:
    """A class left with no teacher (the last one erased themself): a group admin becomes its teacher."""
    membership = await ctx.session.scalar(select(Membership).where(
        Membership.class_id == class_group.id, Membership.person_id == ctx.person.id))
    if membership is None:
        ctx.session.add(Membership(class_id=class_group.id, person_id=ctx.person.id, role=Role.teacher,
                                   joined_at=ctx.now()))
    else:
        membership.role = Role.teacher
    ctx.audit(class_group, "take_over")
    ctx.say("joining.taken_over", name=class_group.name, buttons=private_chat_buttons(ctx))
