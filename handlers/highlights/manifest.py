"""The weekly highlights feature (本周闪光点): recording bright spots with photos, the preview and coverage
check, the digest with its albums and private copies (pushes in schedules/highlights.py), the ❤️."""
from datetime import timedelta

from handlers.core.declarations import Command, Export, Feature, PushKind, ReportPart, Sub, Tally, WaitKind
from handlers.highlights import coverage, downloads, manage, preview, record, thanks
from handlers.highlights.digest import THANKS_BUTTON
from handlers.highlights.forget import forget_person
from handlers.highlights.report_part import highlights_week
from models import Role

TEACHER = (Role.teacher,)
PHOTO_OR_TEXT = frozenset({"photo", "text"})

FEATURE = Feature(
    name="highlights",
    commands=(
        Command("highlight", roles=TEACHER, where="any", usage="highlights.usage_highlight", keywords=("闪光点",),
                default="add", fallback="add", takes_photo=True, subcommands=(
                    # `/highlight 小明 …`: a first word that names no subcommand is the child.
                    Sub("add", record.record_command),
                    Sub("list", manage.list_command, where="private"),
                    Sub("edit", manage.edit_command, where="private", usage="highlights.usage_edit"),
                    Sub("delete", manage.delete_command, where="private", usage="highlights.usage_delete"),
                )),
        Command("highlights", roles=TEACHER, where="private", usage="highlights.usage_highlights",
                keywords=("本周闪光点",), default="preview", subcommands=(
                    Sub("preview", preview.preview_command, where="private"),
                    Sub("publish", preview.publish_command, where="private"),
                    Sub("skip", preview.skip_command, where="private"),
                )),
    ),
    buttons={THANKS_BUTTON: thanks.thanks_button},
    waits=(
        WaitKind(record.CHILD_WAIT, record.Pending, record.child_chosen, accepts=frozenset({"choice", "photo"}),
                 prompt="help.choose_above"),
        WaitKind(record.TEXT_WAIT, record.Pending, record.text_sent, accepts=PHOTO_OR_TEXT,
                 prompt="highlights.waiting_text"),
        WaitKind(record.MORE_WAIT, record.Adding, record.more_sent, accepts=frozenset({"photo"}),
                 prompt="highlights.waiting_photo"),
        WaitKind(coverage.ADD_WAIT, coverage.Choosing, coverage.add_chosen, accepts=frozenset({"choice"}),
                 prompt="help.choose_above"),
    ),
    pushes=(
        # A digest is still good news on Saturday; past that it would speak of a week gone by.
        PushKind("highlight_digest", timedelta(days=1)),
        PushKind("highlight_copy", timedelta(days=2)),
        PushKind("highlight_thanks", timedelta(days=2)),
    ),
    tallies=(Tally(thanks.THANKS_TALLY, thanks.render_tally),),
    forget=forget_person,
    report_parts=(ReportPart("highlights", highlights_week, lines="highlights.report_lines",
                             title="highlights.report_title"),),
    exports=(Export(downloads.WEEK, downloads.week_list),),
)
