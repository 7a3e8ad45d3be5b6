"""What every feature relies on: "which class?" and /cancel, and the kinds of push the core sends."""
from datetime import timedelta

from handlers.core.cancel import cancel
from handlers.core.class_choice import WAIT, ClassChoice, class_chosen
from handlers.core.declarations import Command, Feature, PushKind, WaitKind
from handlers.core.exports import EXPORT_BUTTON, export_button

FEATURE = Feature(
    name="core",
    commands=(Command("cancel", cancel, where="private", keywords=("取消",)),),
    # ⬇️ CSV / XLSX under every list a teacher sees (handlers.core.exports; each list is a feature's `Export`).
    buttons={EXPORT_BUTTON: export_button},
    waits=(WaitKind(WAIT, ClassChoice, class_chosen, accepts=frozenset({"choice"}), prompt="help.choose_above"),),
    # A scheduled message (handlers.core.scheduled_messages) names its own kind; these are the core's.
    pushes=(PushKind("reply", timedelta(hours=1)), PushKind("message", timedelta(hours=1))),
)
