"""The figures schools report at the end of a plan ("参与率100%，92%的学生能坚持…") and their XLSX export.

Participation: children with at least one check-in. Completion: children who kept ≥ 80% of the days."""
from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from handlers.core import charts
from handlers.core.sheets import sheet_title
from handlers.core.texts import render
from handlers.habits.checkin_records import ChildRecord
from handlers.habits.participants import Participant
from models.habit_rules import completed, day_number, kept_count, percent, plan_days
from models.habits import HabitPlan


@dataclass(frozen=True)
class ChildLine:
    name: str
    kept: int
    makeups: int
    completed: bool
    marks: list[str]  # per plan day: "✅", "🔁" or ""


@dataclass(frozen=True)
class PlanSummary:
    children: int
    joined: int
    completed: int
    per_day: list[tuple[date, int]]  # on-time check-ins and make-ups of each plan day
    lines: list[ChildLine]

    @property
    def joined_rate(self) -> int:
        return percent(self.joined, self.children)

    @property
    def completed_rate(self) -> int:
        return percent(self.completed, self.children)


def summarize(plan: HabitPlan, children: list[Participant], records: dict[int, ChildRecord]) -> PlanSummary:
    days = plan_days(plan.start_date, plan.days)
    lines = []
    for child in children:
        record = records.get(child.id, ChildRecord(set(), set()))
        kept = kept_count(plan.start_date, plan.days, record.on_time, record.makeups)
        marks = ["✅" if day in record.on_time else "🔁" if day in record.makeups else "" for day in days]
        lines.append(ChildLine(child.name, kept, len(record.makeups), completed(kept, plan.days), marks))
    per_day = [(day, sum(1 for line in lines if line.marks[index])) for index, day in enumerate(days)]
    return PlanSummary(children=len(children), joined=sum(1 for line in lines if line.kept),
                       completed=sum(1 for line in lines if line.completed), per_day=per_day, lines=lines)


def summary_xlsx(plan: HabitPlan, summary: PlanSummary, language: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(render(language, "habits.sheet_children"), "children")
    day_headers = [render(language, "habits.sheet_day", number=day_number(plan.start_date, day), date=day)
                   for day, _ in summary.per_day]
    sheet.append(render(language, "habits.sheet_header").split("|") + day_headers)
    yes, no = render(language, "habits.sheet_yes"), render(language, "habits.sheet_no")
    for line in summary.lines:
        sheet.append([line.name, line.kept, line.makeups, percent(line.kept, plan.days) / 100,
                      yes if line.completed else no, *line.marks])
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "0%"
    days_sheet = book.create_sheet(sheet_title(render(language, "habits.sheet_days"), "days"))
    days_sheet.append(render(language, "habits.sheet_days_header").split("|"))
    for day, count in summary.per_day:
        days_sheet.append([day_number(plan.start_date, day), day, count])
    for row in days_sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    for each in (sheet, days_sheet):
        for cell in each[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def summary_chart(plan: HabitPlan, summary: PlanSummary, language: str) -> bytes:
    """The check-ins (on time and make-ups) of each plan day, as upright bars."""
    return charts.day_chart(html.unescape(render(language, "habits.chart_days", title=plan.title)), summary.per_day,
                            html.unescape(render(language, "habits.chart_axis")))
