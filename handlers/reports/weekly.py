"""`/settings report=fri 17:00` (off by default; `report=off` turns it off): the week's report sent privately
to the class's teachers every week at that time in the class's zone (schedules/reports.py sends it; quiet
hours defer it, as every push). Once a week: the row remembers the week last sent, so changing the time
after this week's report went out, or a restart, sends nothing twice."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.arguments import Args, parse_time, parse_weekday
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.texts import render
from handlers.reports.week import week_of
from models import ClassGroup
from models.habit_schedule import local_day, moment
from models.reports import ReportSchedule

SETTING = "report"
OFF = ("off", "none", "关", "关闭")


def next_send(class_group: ClassGroup, weekday: int, at: time, after: datetime, last_week: date | None) -> datetime:
    """The first weekday-at-time after `after` in a week later than `last_week`."""
    week = week_of(local_day(after, class_group.timezone))
    while True:
        when = moment(week + timedelta(days=weekday), at, class_group.timezone)
        if when > after and (last_week is None or week > last_week):
            return when
        week += timedelta(days=7)


async def apply(ctx: Context, class_group: ClassGroup, args: Args) -> None:
    value = args.options[SETTING].strip()
    if value.lower() in OFF:
        await ctx.session.execute(delete(ReportSchedule).where(ReportSchedule.class_id == class_group.id))
        ctx.audit(class_group, "settings", report="off")
        return
    # `report=fri 17:00` arrives as the option `fri` and a loose word `17:00`; `report="fri 17:00"` whole.
    parts = value.split() or [""]
    if len(parts) == 1 and args.words:
        parts.append(args.words[0])
    if len(parts) != 2:
        raise UserError("reports.bad_schedule", value=value)
    weekday, at = parse_weekday(parts[0]), parse_time(parts[1])
    schedule = await ctx.session.get(ReportSchedule, class_group.id)
    last_week = schedule.last_week if schedule is not None else None
    next_at = next_send(class_group, weekday, at, ctx.now(), last_week)
    if schedule is None:
        ctx.session.add(ReportSchedule(class_id=class_group.id, weekday=weekday, at=at, next_at=next_at))
    else:
        schedule.weekday, schedule.at, schedule.next_at = weekday, at, next_at
    ctx.audit(class_group, "settings", report=f"{weekday} {at.strftime('%H:%M')}")


async def shown(session: AsyncSession, class_group: ClassGroup, language: str) -> str:
    schedule = await session.get(ReportSchedule, class_group.id)
    if schedule is None:
        return render(language, "reports.setting_off")
    return render(language, "reports.setting_on", weekday=schedule.weekday, at=schedule.at.strftime("%H:%M"))
