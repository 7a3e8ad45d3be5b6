"""/submit [hw] [text] with photos, a voice note, a file or text; the 📤 deep link (/start hw-<id>) and
the 📤 button; then the next message(s). A parent of several children chooses the child with a button.

After a submission the bot keeps listening for 30 minutes: more photos, a voice note or a text join the
same version, so a Telegram album (several updates sharing a media_group) is one submission, and so is a
worksheet sent page by page. Sending /submit or 📤 again starts a new version."""
from __future__ import annotations

from pydantic import BaseModel

from handlers.classes.families import children_of
from handlers.core import waits
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import ButtonPress, Reply
from handlers.homework import lookup
from handlers.homework.submissions import Piece, add_pieces, add_text, record
from models import Student
from models.homework import HomeworkCard, HomeworkOccurrence, HomeworkVersion

CHILD_WAIT = "homework.child"
CONTENT_WAIT = "homework.content"
MORE_WAIT = "homework.more"


class Sending(BaseModel):
    """A submission on its way: which homework, which child (once chosen), and what came with the command."""

    occurrence_id: int
    student_id: int | None = None
    text: str = ""
    pieces: list[Piece] = []
    media_group: str | None = None


class Adding(BaseModel):
    """The version that further messages join."""

    version_id: int
    occurrence_id: int
    student_id: int
    media_group: str | None = None


def pieces_of(attachments) -> list[Piece]:
    return [Piece(kind=a.kind, file_id=a.file_id, file_name=a.file_name) for a in attachments]


async def submit_command(ctx: Context, args: Args) -> None:
    ctx.require_private()
    found = await _family_homework(ctx)
    words = list(args.words)
    entry = lookup.find(found, words[0] if words else None)
    if entry is not None:
        words = words[1:]
    elif words and lookup.card_number(words[0]) is not None:
        raise UserError("homework.unknown_homework", ref=words[0])
    elif len(found) > 1:
        raise UserError("homework.which_homework", subjects=[card.subject for _, card, _ in found])
    elif found:
        entry = found[0]
    else:
        raise UserError("homework.nothing_to_submit")
    sending = Sending(occurrence_id=entry[0].id, text=" ".join(words).strip(),
                      pieces=pieces_of(ctx.incoming.attachments), media_group=ctx.incoming.media_group)
    await go_on(ctx, sending)


async def open_from_link(ctx: Context, payload: str) -> None:
    """/start hw-<occurrence id>: the 📤 link under a card opens the private chat here."""
    await _open(ctx, payload)


async def submit_button(ctx: Context, press: ButtonPress) -> None:
    """📤 where the platform has no deep links: privately it asks for the homework; in a group it says where."""
    if not ctx.is_private:
        raise UserError("homework.submit_privately")
    await _open(ctx, press.args[0] if press.args else "")


async def _open(ctx: Context, reference: str) -> None:
    """Any occurrence the link names, also yesterday's: a late submission is still accepted (and marked)."""
    number = lookup.card_number(reference)
    occurrence = await ctx.session.get(HomeworkOccurrence, number) if number else None
    if occurrence is None:
        raise UserError("homework.unknown_homework", ref=reference)
    await go_on(ctx, Sending(occurrence_id=occurrence.id))


async def child_chosen(ctx: Context, data: Sending, answer: waits.Answer) -> None:
    student_id = lookup.card_number((answer.choice or ("",))[0])
    await go_on(ctx, data.model_copy(update={"student_id": student_id}))


async def content_sent(ctx: Context, data: Sending, answer: waits.Answer) -> None:
    """The next message after 📤: whatever it is, it is the homework."""
    await go_on(ctx, data.model_copy(update={"text": answer.text, "pieces": pieces_of(answer.attachments),
                                             "media_group": ctx.incoming.media_group}))


async def more_sent(ctx: Context, data: Adding, answer: waits.Answer) -> None:
    """Another photo, voice note, file or text joins the version; an album's later parts join silently."""
    version = await ctx.session.get(HomeworkVersion, data.version_id)
    occurrence = await ctx.session.get(HomeworkOccurrence, data.occurrence_id)
    child = await ctx.session.get(Student, data.student_id)
    if version is None or occurrence is None or child is None:
        raise UserError("stale_button")
    await add_pieces(ctx.session, version, ctx.incoming.chat.platform, pieces_of(answer.attachments))
    if answer.text:
        add_text(version, answer.text)
    await waits.begin(ctx, MORE_WAIT, data)
    same_album = data.media_group is not None and ctx.incoming.media_group == data.media_group
    if not same_album:
        ctx.say("homework.added", child=child.name, version=version.number)


async def go_on(ctx: Context, sending: Sending) -> None:
    """Asks what is still missing (the child, then the homework itself), else records it."""
    occurrence = await ctx.session.get(HomeworkOccurrence, sending.occurrence_id)
    if occurrence is None:
        raise UserError("stale_button")
    kids = await children_of(ctx.session, ctx.person.id, occurrence.class_id)
    if sending.student_id is not None:
        kids = [kid for kid in kids if kid.id == sending.student_id]
        if not kids:
            raise UserError("homework.not_your_child")
    if not kids:
        raise UserError("homework.not_a_guardian")
    if len(kids) > 1:
        wait_id = await waits.begin(ctx, CHILD_WAIT, sending)
        ctx.say("homework.which_child", buttons=[(waits.choice(wait_id, kid.name, str(kid.id)),) for kid in kids])
        return
    child = kids[0]
    card = await _card(ctx, occurrence)
    if not sending.text and not sending.pieces:
        await waits.begin(ctx, CONTENT_WAIT, sending.model_copy(update={"student_id": child.id}))
        ctx.say("homework.send_now", subject=card.subject, child=child.name)
        return
    submission, version = await record(ctx.session, occurrence, child, ctx.person.id, ctx.incoming.chat.platform,
                                       sending.text, sending.pieces, sending.media_group, ctx.now())
    await waits.begin(ctx, MORE_WAIT, Adding(version_id=version.id, occurrence_id=occurrence.id,
                                             student_id=child.id, media_group=sending.media_group))
    text = ctx.text("homework.received", subject=card.subject, child=child.name, version=version.number,
                    late=version.late)
    edit = ctx.incoming.message_id if ctx.incoming.button is not None else None
    ctx.replies.append(Reply(text=text, edit_message_id=edit))


async def _card(ctx: Context, occurrence: HomeworkOccurrence) -> HomeworkCard:
    return await ctx.session.get(HomeworkCard, occurrence.card_id)


async def _family_homework(ctx: Context) -> list[lookup.Current]:
    class_ids = sorted({kid.class_id for kid in await children_of(ctx.session, ctx.person.id)})
    return await lookup.current_occurrences(ctx.session, class_ids, ctx.now()) if class_ids else []
