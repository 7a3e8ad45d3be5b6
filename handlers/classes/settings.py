"""/settings: a class's time zone, language, quiet hours, weekly digest time and WeCom group robot."""
from __future__ import annotations

from handlers.classes.setup import check_language, check_timezone
from handlers.core.arguments import Args, parse_time, parse_weekday
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.registry import registry
from handlers.core.wecom_robot import check_robot_url, masked, robot_id
from models import ClassGroup, Role

KNOWN = ("tz", "lang", "quiet", "digest", "wecom_robot")


async def settings(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher)
    added = registry().settings  # keys other features add, e.g. report= (handlers/reports/)
    unknown = [key for key in args.options if key not in KNOWN and key not in added]
    if unknown:
        raise UserError("unknown_setting", name=unknown[0])
    changes = parse_changes(args)
    for field, value in changes.items():
        setattr(class_group, field, value)
    if changes:
        # The robot's URL holds its secret key: the audit log keeps only whether it changed.
        ctx.audit(class_group, "settings", **{k: str(v) if k != "wecom_robot_url" else bool(v)
                                              for k, v in changes.items() if k != "wecom_robot_id"})
    for key, setting in added.items():
        if key in args.options:
            await setting.apply(ctx, class_group, args)
    more = [await setting.shown(ctx.session, class_group, ctx.language) for setting in added.values()]
    show(ctx, class_group, changed=bool(changes) or any(key in args.options for key in added), more=more)


def parse_changes(args: Args) -> dict:
    changes: dict = {}
    options = args.options
    if "tz" in options:
        changes["timezone"] = check_timezone(options["tz"])
    if "lang" in options:
        changes["language"] = check_language(options["lang"].lower())
    if "quiet" in options:
        start, _, end = options["quiet"].partition("-")
        if not end:
            raise UserError("bad_quiet", value=options["quiet"])
        changes["quiet_start"], changes["quiet_end"] = parse_time(start), parse_time(end)
    if "digest" in options:
        # `digest=fri 16:00` arrives as the option `fri` and a loose word `16:00`; `digest="fri 16:00"` whole.
        parts = options["digest"].split() or [""]
        if len(parts) == 1 and args.words:
            parts.append(args.words[0])
        if len(parts) != 2:
            raise UserError("bad_digest", value=options["digest"])
        changes["digest_weekday"], changes["digest_time"] = parse_weekday(parts[0]), parse_time(parts[1])
    if "wecom_robot" in options:
        url = options["wecom_robot"].strip()
        off = url.lower() in ("off", "none", "关", "关闭")
        changes["wecom_robot_url"] = None if off else check_robot_url(url)
        changes["wecom_robot_id"] = None if off else robot_id(changes["wecom_robot_url"])
    return changes


def show(ctx: Context, class_group: ClassGroup, changed: bool, more: list[str] = ()) -> None:
    ctx.say("settings.show", changed=changed, name=class_group.name, timezone=class_group.timezone,
            language=class_group.language, quiet_start=class_group.quiet_start.strftime("%H:%M"),
            quiet_end=class_group.quiet_end.strftime("%H:%M"), digest_weekday=class_group.digest_weekday,
            digest_time=class_group.digest_time.strftime("%H:%M"), code=class_group.join_code,
            robot=masked(class_group.wecom_robot_url) if class_group.wecom_robot_url else None, more=list(more))
