"""The XLSX of /hw report: every day and child with what was sent and its grade, and the grades as a table
(children down, days across, the class average under them) so the trend reads along a row."""
from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font

from handlers.core.sheets import sheet_title
from handlers.core.texts import render
from handlers.homework.report_figures import CardReport
from handlers.homework.review import grade_label
from models.homework import Grading


def report_xlsx(report: CardReport, timezone: str, language: str) -> bytes:
    zone = ZoneInfo(timezone)
    grading = report.card.grading
    book = Workbook()
    sent = book.active
    sent.title = sheet_title(render(language, "homework.sheet_submissions"), "submissions")
    sent.append(render(language, "homework.sheet_submissions_header").split("|"))
    yes, no = render(language, "homework.sheet_yes"), render(language, "homework.sheet_no")
    for day in report.days:
        for child in report.children:
            entry = child.days.get(day)
            if entry is None:
                sent.append([day, child.name, None, None, None, render(language, "homework.sheet_missing")])
                continue
            review = entry.review
            grade = None
            if review is not None and not review.redo:
                grade = review.grade if grading == Grading.score else grade_label(grading, review.grade, False)
            state = render(language, "homework.sheet_state", state=entry.submission.state.value,
                           redo=review is not None and review.redo)
            sent.append([day, child.name, entry.submission.version,
                         entry.sent_at.astimezone(zone).replace(tzinfo=None), yes if entry.submission.late else no,
                         state, grade, review.comment if review is not None else None])
    for row in sent.iter_rows(min_row=2, max_col=4):
        row[0].number_format = "yyyy-mm-dd"
        row[3].number_format = "yyyy-mm-dd hh:mm"
    grades = book.create_sheet(sheet_title(render(language, "homework.sheet_grades"), "grades"))
    grades.append([render(language, "homework.sheet_child"), *report.days])
    for child in report.children:
        grades.append([child.name, *(_shown(grading, child.grade(day)) for day in report.days)])
    if grading == Grading.score:
        average = dict(report.class_average())
        grades.append([render(language, "homework.sheet_average"), *(average.get(day) for day in report.days)])
    for cell in grades[1][1:]:
        cell.number_format = "mm-dd"
    for sheet in (sent, grades):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _shown(grading: Grading, grade: int | None):
    if grade is None:
        return None
    return grade if grading == Grading.score else grade_label(grading, grade, False)
