"""Attendance: each family's RSVP beside whether it checked in, the attendance rate (families present of the
class's families) and how many who said they would come came. The teachers get it privately when the
check-in closes (schedules/events.py), with its CSV and XLSX attached, and `/event status <id>` shows it so
far, with the ⬇️ CSV / XLSX button every list has (handlers.events.downloads); both files come from the one
writer of handlers.core.exports. Names appear only here, never in the group."""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import teachers_of
from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.exports import Table
from handlers.core.messages import Media, PersonTarget, Reply
from handlers.core.pushes import Push
from handlers.core.texts import render
from handlers.events import answers, lookup
from models import ClassGroup, Person
from models.events import Event

ATTENDANCE_EXPORT = "event-attendance"  # handlers.events.downloads


@dataclass(frozen=True)
class Row:
    child: str
    going: bool | None  # None: no answer
    present: bool
    checked_in_at: datetime | None  # in the class's time zone


@dataclass(frozen=True)
class Attendance:
    rows: list[Row]

    @property
    def families(self) -> int:
        return len(self.rows)

    @property
    def going(self) -> int:
        return sum(1 for row in self.rows if row.going is True)

    @property
    def not_going(self) -> int:
        return sum(1 for row in self.rows if row.going is False)

    @property
    def silent(self) -> int:
        return sum(1 for row in self.rows if row.going is None)

    @property
    def present(self) -> int:
        return sum(1 for row in self.rows if row.present)

    @property
    def came_as_said(self) -> int:
        return sum(1 for row in self.rows if row.present and row.going is True)

    @property
    def rate(self) -> int:
        return round(100 * self.present / self.families) if self.families else 0

    @property
    def absent_going(self) -> list[str]:
        return [row.child for row in self.rows if row.going is True and not row.present]


async def attendance(session: AsyncSession, event: Event, zone: str) -> Attendance:
    rsvps, checkins = await answers.rsvps(session, event), await answers.checkins(session, event)
    tz = ZoneInfo(zone)
    return Attendance([
        Row(child.name, rsvps[child.id].going if child.id in rsvps else None, child.id in checkins,
            checkins[child.id].checked_in_at.astimezone(tz) if child.id in checkins else None)
        for child in await lookup.class_children(session, event.class_id)])


def attendance_table(event: Event, figures: Attendance, language: str) -> Table:
    return Table(event.title, render(language, "events.sheet_header").split("|"),
                 [[row.child, render(language, "events.sheet_rsvp", going=row.going),
                   render(language, "events.sheet_present", present=row.present), row.checked_in_at]
                  for row in figures.rows])


def files(event: Event, figures: Attendance, class_group: ClassGroup, language: str) -> tuple[Media, ...]:
    """The attendance as every list's download is (handlers.core.exports): the class's name first, one CSV
    with a BOM and one XLSX."""
    class_header = html.unescape(render(language, "exports.col_class"))
    return tuple(exports.files(class_group.name, class_header, [attendance_table(event, figures, language)],
                               f"attendance-{event.id}"))


def report_text(event: Event, figures: Attendance, class_group: ClassGroup, language: str, final: bool, *,
                attached: bool = True) -> str:
    return render(language, "events.attendance", event=event, figures=figures, final=final, attached=attached,
                  at=event.starts_at.astimezone(ZoneInfo(class_group.timezone)))


async def attendance_pushes(session: AsyncSession, event: Event, now: datetime) -> list[Push]:
    """The final attendance to every teacher of the class, and to the creator if a rep."""
    class_group = await session.get(ClassGroup, event.class_id)
    figures = await attendance(session, event, class_group.timezone)
    people = await teachers_of(session, class_group.id)
    creator = await session.get(Person, event.created_by) if event.created_by is not None else None
    if creator is not None and all(person.id != creator.id for person in people):
        people.append(creator)
    return [Push(dedup_key=f"event-attendance:id={event.id}:person={person.id}", kind="event_attendance",
                 due_at=now, class_id=class_group.id, target=PersonTarget(person.id),
                 text=report_text(event, figures, class_group, person.language, True),
                 media=files(event, figures, class_group, person.language)) for person in people]


async def status_command(ctx: Context, args: Args) -> None:
    event = await lookup.event_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, event)
    class_group = await ctx.session.get(ClassGroup, event.class_id)
    figures = await attendance(ctx.session, event, class_group.timezone)
    ctx.replies.append(Reply(text=report_text(event, figures, class_group, ctx.language,
                                                     event.attendance_sent_at is not None, attached=False),
                             buttons=(exports.button(ctx, ATTENDANCE_EXPORT, str(event.id)),)))
