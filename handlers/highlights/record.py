"""`/highlight <child> <text>` with photos attached (the command as a photo's caption, or an album): one
bright spot of one child. A name that matches no one or several is answered with the close names as
buttons; the one-tap ➕ of the coverage check asks for the text. An album's later photos, and photos sent
right after, join the highlight just recorded (privately, for 30 minutes)."""
from __future__ import annotations

from pydantic import BaseModel

from handlers.core import waits
from handlers.core.arguments import Args, normalize
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.highlights.child_names import close_children, named_child, roster
from handlers.highlights.photos import Photo, keep, photos_in
from handlers.highlights.teaching import taught_class
from handlers.highlights.typed import typed_text
from handlers.highlights.weeks import digest_at, local_time, open_week
from models import ClassGroup, Role, Student
from models.highlights import MAX_HIGHLIGHT, Highlight

CHILD_WAIT = "highlights.child"
TEXT_WAIT = "highlights.text"
MORE_WAIT = "highlights.more"


class Pending(BaseModel):
    """A highlight on its way: the class, the child once known, its text and photos so far."""

    class_id: int
    student_id: int | None = None
    text: str = ""
    photos: list[Photo] = []
    media_group: str | None = None


class Adding(BaseModel):
    highlight_id: int
    media_group: str | None = None


async def record_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    if not args.words:
        raise UserError("highlights.missing_child")
    children = await roster(ctx.session, class_group.id)
    child, used = named_child(children, args.words)
    pending = Pending(class_id=class_group.id, student_id=child.id if child else None,
                      text=typed_text(ctx, args, used or 1), photos=photos_in(ctx.incoming.attachments),
                      media_group=ctx.incoming.media_group)
    if child is None:
        await _ask_child(ctx, children, args.words[0], pending)
        return
    await _record(ctx, class_group, child, pending)


async def _ask_child(ctx: Context, children: list[Student], word: str, pending: Pending) -> None:
    close = close_children(children, word)
    if not close:
        raise UserError("highlights.no_such_child", name=word)
    wait_id = await waits.begin(ctx, CHILD_WAIT, pending)
    ctx.say("highlights.which_child", name=word,
            buttons=[(waits.choice(wait_id, child.name, str(child.id)),) for child in close])


async def child_chosen(ctx: Context, data: Pending, answer: waits.Answer) -> None:
    """A name button; or, while the bot asks, an album's later photos joining what waits."""
    if answer.choice is None:
        data.photos.extend(photos_in(answer.attachments))
        wait_id = await waits.begin(ctx, CHILD_WAIT, data)
        if data.media_group is None or ctx.incoming.media_group != data.media_group:
            children = await roster(ctx.session, data.class_id)
            ctx.say("highlights.which_child_again",
                    buttons=[(waits.choice(wait_id, child.name, str(child.id)),) for child in children])
        return
    await _resume(ctx, data.model_copy(update={"student_id": int(answer.choice[0])}))


async def text_sent(ctx: Context, data: Pending, answer: waits.Answer) -> None:
    """After ➕ in the coverage check: the text (and photos) of the child's highlight."""
    photos = data.photos + photos_in(answer.attachments)
    text = normalize(answer.text).strip()
    if not text:  # photos first: keep them and wait on for the words
        await waits.begin(ctx, TEXT_WAIT, data.model_copy(update={"photos": photos,
                                                                  "media_group": ctx.incoming.media_group}))
        if data.media_group is None or ctx.incoming.media_group != data.media_group:
            child = await ctx.session.get(Student, data.student_id)
            ctx.say("highlights.send_text", child=child.name if child else "")
        return
    await _resume(ctx, data.model_copy(update={"text": text, "photos": photos}))


async def _resume(ctx: Context, data: Pending) -> None:
    class_group = await taught_class(ctx, data.class_id)
    child = await ctx.session.get(Student, data.student_id)
    if child is None or child.class_id != class_group.id:
        raise UserError("stale_button")
    await _record(ctx, class_group, child, data)


async def ask_for(ctx: Context, class_group: ClassGroup, child: Student) -> None:
    """The one-tap ➕ of the coverage check: waits for this child's highlight."""
    await waits.begin(ctx, TEXT_WAIT, Pending(class_id=class_group.id, student_id=child.id))
    ctx.say("highlights.send_text", child=child.name)


async def _record(ctx: Context, class_group: ClassGroup, child: Student, pending: Pending) -> None:
    text = pending.text
    if not text:
        raise UserError("highlights.missing_text", child=child.name)
    if len(text) > MAX_HIGHLIGHT:
        raise UserError("highlights.text_too_long", limit=MAX_HIGHLIGHT)
    week = await open_week(ctx.session, class_group, ctx.now())
    highlight = Highlight(class_id=class_group.id, student_id=child.id, week_start=week, text=text,
                          recorded_by=ctx.person.id, recorded_at=ctx.now(), media_group=pending.media_group)
    ctx.session.add(highlight)
    await ctx.session.flush()
    count = await keep(ctx, highlight, pending.photos)
    if ctx.is_private:
        await waits.begin(ctx, MORE_WAIT, Adding(highlight_id=highlight.id, media_group=pending.media_group))
    ctx.audit(class_group, "highlight.record", highlight=highlight.id, student=child.id)
    ctx.say("highlights.recorded", id=highlight.id, child=child.name, text=text, photos=count,
            at=local_time(class_group, digest_at(class_group, week)))


async def more_sent(ctx: Context, data: Adding, answer: waits.Answer) -> None:
    """Another photo joins the highlight just recorded; an album's later parts join silently."""
    highlight = await ctx.session.get(Highlight, data.highlight_id)
    if highlight is None or highlight.digest_id is not None:
        raise UserError("highlights.already_published")
    await taught_class(ctx, highlight.class_id)
    count = await keep(ctx, highlight, photos_in(answer.attachments))
    await waits.begin(ctx, MORE_WAIT, data)
    if data.media_group is None or ctx.incoming.media_group != data.media_group:
        child = await ctx.session.get(Student, highlight.student_id)
        ctx.say("highlights.photo_added", id=highlight.id, child=child.name, photos=count)
