"""/survey results <id> and /survey export <id> (privately; teachers and reps of its class): per question
the counts and percentages, a bar chart per choice and rating question, the texts written (an anonymous
survey's without names); the export as CSV (UTF-8 with a BOM, for Excel) and XLSX, a row per response."""
from __future__ import annotations

import csv
import html
import io

from openpyxl import Workbook

from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.messages import Media
from handlers.core.sheets import sheet_title
from handlers.polls import survey_lookup
from handlers.polls.chart import bar_chart
from handlers.polls.survey_figures import QuestionFigures, cell, figures, respondents
from models.surveys import Survey

BAR_WIDTH = 8
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def charts(language_text, survey: Survey, shown: list[QuestionFigures]) -> list[Media]:
    """A chart per question with options or a rating; its texts are drawn, so they are unescaped first."""
    found = []
    for question in shown:
        if question.question["kind"] == "text":
            continue
        title = html.unescape(language_text("surveys.chart_title", number=question.number,
                                            text=question.question["text"]))
        image = bar_chart(title, question.labels, question.counts, html.unescape(language_text("surveys.chart_axis")))
        found.append(Media("photo", image, f"survey-{survey.id}-q{question.number}.png"))
    return found[:10]  # one album at most


def bars(question: QuestionFigures) -> list[str]:
    top = max(question.counts, default=0)
    return ["█" * round(BAR_WIDTH * count / top) if top else "" for count in question.counts]


async def results_command(ctx: Context, args: Args) -> None:
    survey = await survey_lookup.survey_by_ref(ctx, args.word(0))
    await survey_lookup.require_reader(ctx, survey)
    found = await respondents(ctx.session, survey)
    shown = figures(survey, found)
    ctx.say("surveys.results", survey=survey, respondents=len(found), questions=shown,
            bars=[bars(question) for question in shown], closed=survey.closed_at is not None,
            media=charts(ctx.text, survey, shown) if found else ())


def _safe(value):
    """A written answer is data: a leading = + - @ would make a spreadsheet run it as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def table(ctx: Context, survey: Survey, found) -> tuple[list[str], list[list]]:
    who = ctx.text("surveys.export_family" if survey.per_family else "surveys.export_person")
    header = ["#"] + ([] if survey.anonymous else [who])
    header += [f"{index}. {question['text']}" for index, question in enumerate(survey.questions, start=1)]
    rows = []
    for number, respondent in enumerate(found, start=1):
        row = [number] + ([] if survey.anonymous else [_safe(respondent.name or "")])
        row += [_safe(cell(question, respondent.answers.get(index, [])))
                for index, question in enumerate(survey.questions)]
        rows.append(row)
    return [html.unescape(title) for title in header], rows


def survey_csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read Chinese correctly


def survey_xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title, "survey")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 6
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


async def export_command(ctx: Context, args: Args) -> None:
    survey = await survey_lookup.survey_by_ref(ctx, args.word(0))
    await survey_lookup.require_reader(ctx, survey)
    found = await respondents(ctx.session, survey)
    header, rows = table(ctx, survey, found)
    base = f"survey-{survey.id}"
    ctx.say("surveys.exported", survey=survey, respondents=len(found),
            media=(Media("document", survey_csv(header, rows), f"{base}.csv"),
                   Media("document", survey_xlsx(survey.title, header, rows), f"{base}.xlsx")))
