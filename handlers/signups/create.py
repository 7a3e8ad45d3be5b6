"""/signup "<title>" <slot> xN | <slot> xN … (teacher or rep): the list goes to the class group with a button
per slot. Everything is checked before anything is written."""
from __future__ import annotations

import re

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.outbox import enqueue
from handlers.signups.tally import list_push
from models import Role
from models.signups import MAX_PLACES, MAX_SLOT, MAX_SLOTS, MAX_TITLE, SignupList, SignupSlot

# `周一护学岗 x3`, `周一护学岗x3`, `周一护学岗 ×3` (NFKC has already made ｘ an x); the count is checked apart
# so that `x0` or `xabc` get their own answer.
_SLOT = re.compile(r"^(.*?)\s*[xX×*]\s*(\S*)$", re.S)


def parse_slot(text: str) -> tuple[str, int]:
    match = _SLOT.match(text)
    if not text:
        raise UserError("signups.empty_slot")
    if match is None or not match.group(1).strip():
        raise UserError("signups.missing_count", value=text)
    name, count = match.group(1).strip(), match.group(2)
    if not count.isdigit() or len(count) > 3:
        raise UserError("signups.bad_count", value=text)
    places = int(count)
    if not 1 <= places <= MAX_PLACES:
        raise UserError("signups.count_out_of_range", value=text, limit=MAX_PLACES)
    if len(name) > MAX_SLOT:
        raise UserError("signups.slot_too_long", value=name, limit=MAX_SLOT)
    return name, places


def parse_slots(words: list[str]) -> list[tuple[str, int]]:
    if not words:
        raise UserError("signups.no_slots")
    slots = [parse_slot(part.strip()) for part in " ".join(words).split("|")]
    if len(slots) > MAX_SLOTS:
        raise UserError("signups.too_many_slots", limit=MAX_SLOTS)
    seen = set()
    for name, _ in slots:
        if name.lower() in seen:
            raise UserError("signups.duplicate_slot", value=name)
        seen.add(name.lower())
    return slots


async def create_list(ctx: Context, args: Args) -> None:
    if args.options:
        raise UserError("signups.unknown_option", name=next(iter(args.options)))
    if not args.words or not args.words[0].strip():
        raise UserError("signups.missing_title")
    title = args.words[0].strip()
    if len(title) > MAX_TITLE:
        raise UserError("signups.title_too_long", limit=MAX_TITLE)
    slots = parse_slots(args.words[1:])
    class_group, _ = await ctx.require_class(Role.teacher, Role.rep)
    now = ctx.now()
    signup = SignupList(class_id=class_group.id, created_by=ctx.person.id, title=title, created_at=now)
    ctx.session.add(signup)
    await ctx.session.flush()
    for position, (name, places) in enumerate(slots):
        ctx.session.add(SignupSlot(list_id=signup.id, position=position, name=name, places=places))
    await ctx.session.flush()
    await enqueue(ctx.session, await list_push(ctx.session, signup, class_group, now), now)
    ctx.audit(class_group, "signup_new", list_id=signup.id)
    if ctx.is_private:  # in the group the list itself is the answer
        ctx.say("signups.created", signup=signup)
