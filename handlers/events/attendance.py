"""Attendance: each family's RSVP beside whether it checked in, the attendance rate (families present of the
class's families) and how many who said they would come came, with CSV (UTF-8 with a BOM, so Excel reads
the Chinese) and XLSX. The teachers get it privately when the check-in closes (schedules/events.py), and
`/event status <id>` shows it so far. Names appear only here, never in the group."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import teachers_of
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.messages import Media, PersonTarget, Reply
from handlers.core.pushes import Push
from handlers.core.sheets import sheet_title
from handlers.core.texts import render
from handlers.events import answers, lookup
from models import ClassGroup, Person
from models.events import Event


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


def _cells(row: Row, language: str) -> list:
    return [row.child, render(language, "events.sheet_rsvp", going=row.going),
            render(language, "events.sheet_present", present=row.present), row.checked_in_at]


def attendance_csv(figures: Attendance, language: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(render(language, "events.sheet_header").split("|"))
    for row in figures.rows:
        cells = _cells(row, language)
        cells[3] = cells[3].strftime("%Y-%m-%d %H:%M") if cells[3] else ""
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")


def attendance_xlsx(event: Event, figures: Attendance, language: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(event.title, "attendance")
    sheet.append(render(language, "events.sheet_header").split("|"))
    for row in figures.rows:
        cells = _cells(row, language)
        cells[3] = cells[3].replace(tzinfo=None) if cells[3] else None
        sheet.append(cells)
    for cells in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cells[0].number_format = "yyyy-mm-dd hh:mm"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def files(event: Event, figures: Attendance, language: str) -> tuple[Media, ...]:
    name = f"attendance-{event.id}"
    return (Media("document", attendance_csv(figures, language), f"{name}.csv"),
            Media("document", attendance_xlsx(event, figures, language), f"{name}.xlsx"))


def report_text(event: Event, figures: Attendance, class_group: ClassGroup, language: str, final: bool) -> str:
    return render(language, "events.attendance", event=event, figures=figures, final=final,
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
                 media=files(event, figures, person.language)) for person in people]


async def status_command(ctx: Context, args: Args) -> None:
    event = await lookup.event_by_ref(ctx, args.word(0))
    await lookup.require_manager(ctx, event)
    class_group = await ctx.session.get(ClassGroup, event.class_id)
    figures = await attendance(ctx.session, event, class_group.timezone)
    ctx.replies.append(Reply(text=report_text(event, figures, class_group, ctx.language,
                                                     event.attendance_sent_at is not None),
                             media=files(event, figures, ctx.language)))
