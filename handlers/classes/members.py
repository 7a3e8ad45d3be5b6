"""A person's place in their classes: roles, language, leaving, and being forgotten."""
from __future__ import annotations

from sqlalchemy import delete, func, select

from handlers.classes.setup import check_language
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Button, ButtonPress, Reply
from handlers.core.registry import registry
from models import ClassGroup, Guardianship, HeldPhoto, Identity, Membership, Person, Role, Student, StudentStatus


async def change_role(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    if len(args.words) < 2:
        raise UserError("missing", what="member_and_role")
    try:
        role = Role(args.words[-1].lower())
    except ValueError:
        raise UserError("bad_role", value=args.words[-1]) from None
    who = " ".join(args.words[:-1])
    membership, person = await find_member(ctx, class_group, who)
    if membership.role == Role.teacher and role != Role.teacher:
        teachers = await ctx.session.scalar(select(func.count()).select_from(Membership).where(
            Membership.class_id == class_group.id, Membership.role == Role.teacher))
        if teachers == 1:
            raise UserError("last_teacher")
    membership.role = role
    ctx.audit(class_group, "role", person_id=person.id, role=role.value)
    ctx.say("members.role_changed", name=person.display_name, role=role.value)


async def find_member(ctx: Context, class_group: ClassGroup, who: str) -> tuple[Membership, Person]:
    """A member by @username, or by display name when that is unambiguous."""
    query = (select(Membership, Person).join(Person, Person.id == Membership.person_id)
             .where(Membership.class_id == class_group.id))
    if who.startswith("@"):
        query = query.join(Identity, Identity.person_id == Person.id).where(
            func.lower(Identity.username) == who[1:].lower())
    else:
        query = query.where(Person.display_name == who)
    rows = (await ctx.session.execute(query)).unique().all()
    if not rows:
        raise UserError("unknown_member", name=who)
    if len(rows) > 1:
        raise UserError("ambiguous_member", name=who)
    return rows[0][0], rows[0][1]


async def set_language(ctx: Context, args: Args) -> None:
    language = args.word(0)
    if not language:
        raise UserError("missing", what="language")
    ctx.person.language = check_language(language.lower())
    ctx.say("members.language_set")


async def leave(ctx: Context, args: Args) -> None:
    wanted = args.rest(0).strip()
    if wanted:
        class_group = await ctx.session.scalar(
            select(ClassGroup).join(Membership, Membership.class_id == ClassGroup.id)
            .where(Membership.person_id == ctx.person.id, ClassGroup.name == wanted))
        if class_group is None:
            raise UserError("unknown_class", name=wanted)
        ctx.forced_class_id = class_group.id
    class_group, _ = await ctx.require_class(Role.parent)
    # Leaving unlinks the children at once and cannot be taken back by the bot: ask first, as /forgetme does.
    buttons = [(Button(ctx.text("members.leave_confirm_button"), "leave", (str(class_group.id), "yes")),
                Button(ctx.text("members.forget_cancel_button"), "leave", (str(class_group.id), "no")))]
    ctx.say("members.leave_question", class_name=class_group.name, buttons=buttons)


async def leave_confirmed(ctx: Context, press: ButtonPress) -> None:
    if len(press.args) != 2 or not press.args[0].isdigit():
        raise UserError("stale_button")
    if press.args[1] != "yes":
        ctx.replies.append(Reply(text=ctx.text("members.leave_cancelled"), edit_message_id=ctx.incoming.message_id))
        return
    ctx.forced_class_id = int(press.args[0])
    class_group, membership = await ctx.require_class(Role.parent)
    children = select(Student.id).where(Student.class_id == class_group.id)
    await ctx.session.execute(delete(Guardianship).where(
        Guardianship.person_id == ctx.person.id, Guardianship.student_id.in_(children)))
    await ctx.session.delete(membership)
    await drop_orphaned_pending_children(ctx, class_group.id)
    text = ctx.text("members.left", class_name=class_group.name)
    ctx.replies.append(Reply(text=text, edit_message_id=ctx.incoming.message_id))


async def drop_orphaned_pending_children(ctx: Context, class_id: int | None = None) -> None:
    """A child added on joining and never approved exists only through its guardian: without one, it goes."""
    orphans = select(Student.id).where(
        Student.status == StudentStatus.pending,
        ~select(Guardianship.id).where(Guardianship.student_id == Student.id).exists())
    if class_id is not None:
        orphans = orphans.where(Student.class_id == class_id)
    await ctx.session.execute(delete(Student).where(Student.id.in_(orphans)))


async def refuse_last_teacher(ctx: Context) -> None:
    """A class whose only teacher is erased has nobody to approve its requests: name another teacher first."""
    taught = select(Membership.class_id).where(Membership.person_id == ctx.person.id,
                                               Membership.role == Role.teacher)
    others = (select(Membership.id).where(Membership.class_id == ClassGroup.id, Membership.role == Role.teacher,
                                          Membership.person_id != ctx.person.id).exists())
    alone = (await ctx.session.scalars(select(ClassGroup.name).where(ClassGroup.id.in_(taught), ~others)
                                       .order_by(ClassGroup.id))).all()
    if alone:
        raise UserError("members.forget_last_teacher", classes=list(alone))


async def forget_held_photos(ctx: Context) -> None:
    """A photo held in the person's private chats for a following command (WeChat) goes with them."""
    identities = (await ctx.session.scalars(select(Identity).where(Identity.person_id == ctx.person.id))).all()
    for identity in identities:
        chats = {chat for chat in (identity.private_chat_id, identity.external_id) if chat}
        await ctx.session.execute(delete(HeldPhoto).where(HeldPhoto.platform == identity.platform,
                                                          HeldPhoto.chat_id.in_(chats)))


async def forget_me(ctx: Context, args: Args) -> None:
    await refuse_last_teacher(ctx)
    buttons = [(Button(ctx.text("members.forget_confirm_button"), "forget", ("yes",)),
                Button(ctx.text("members.forget_cancel_button"), "forget", ("no",)))]
    ctx.say("members.forget_question", buttons=buttons)


async def forget_confirmed(ctx: Context, press: ButtonPress) -> None:
    if press.args != ("yes",):
        ctx.replies.append(Reply(text=ctx.text("members.forget_cancelled"), edit_message_id=ctx.incoming.message_id))
        return
    await refuse_last_teacher(ctx)  # a teacher may have stepped down since the question
    text = ctx.text("members.forgotten")
    await forget_held_photos(ctx)
    # Memberships, guardianship links, identities and waiting commands go with the person (ON DELETE
    # CASCADE); the audit log keeps the action but loses the actor (SET NULL).
    for forget in registry().forgetters:  # what each feature keeps that the person wrote or sent
        await forget(ctx.session, ctx.person.id)
    await ctx.session.execute(delete(Person).where(Person.id == ctx.person.id))
    await drop_orphaned_pending_children(ctx)
    ctx.replies.append(Reply(text=text, edit_message_id=ctx.incoming.message_id))
