"""/hw report [hw] (teacher, private): per child the days submitted, the on-time rate and the grades over
time; for score grading a line chart per child and one of the class average; and an XLSX of every day's
submission and grade. A child's name is in the teacher's private chat only, never in the group."""
from __future__ import annotations

import html

from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Media
from handlers.homework import downloads, lookup
from handlers.homework.report_chart import score_chart
from handlers.homework.report_figures import CardReport, ChildReport, card_report
from handlers.homework.report_sheet import report_xlsx
from handlers.homework.review import grade_label
from handlers.homework.teaching import taught_classes, teacher_homework
from models import ClassGroup
from models.homework import Grading, HomeworkCard

SHOWN_GRADES = 7  # stars or passes: the last week or so, as marks


async def _card(ctx: Context, ref: str | None) -> HomeworkCard:
    """The named card: a current one by number or subject, or any card of the teacher's classes by number."""
    if ref and (number := lookup.card_number(ref)) is not None:
        card = await ctx.session.get(HomeworkCard, number)
        if card is not None and card.class_id in await taught_classes(ctx):
            return card
    return lookup.pick(await teacher_homework(ctx), ref)[1]


def _trend(report: CardReport, grades: list[tuple]) -> str:
    if not grades:
        return ""
    if report.card.grading == Grading.score:
        scores = [str(grade) for _, grade in grades]
        return scores[0] if len(scores) == 1 else f"{scores[0]} → {scores[-1]}"
    return " ".join(grade_label(report.card.grading, grade, False) for _, grade in grades[-SHOWN_GRADES:])


def _plain(ctx: Context, key: str, **values) -> str:
    # Texts are written for HTML messages and escaped; a chart wants the characters themselves.
    return html.unescape(ctx.text(key, **values))


def _charts(ctx: Context, report: CardReport) -> list[Media]:
    card, y_label = report.card, _plain(ctx, "homework.chart_score")
    charts = []
    average = report.class_average()
    if average:
        charts.append(Media("photo", score_chart(_plain(ctx, "homework.chart_class", subject=card.subject), average,
                                                 report.days, y_label), f"homework-{card.id}-class.png"))
    for number, child in enumerate(report.children, start=1):
        grades = child.grades(report.days)
        if grades:
            title = _plain(ctx, "homework.chart_child", subject=card.subject, child=child.name)
            charts.append(Media("photo", score_chart(title, grades, report.days, y_label),
                                f"homework-{card.id}-child-{number}.png"))
    return charts


def _line(report: CardReport, child: ChildReport) -> dict:
    return {"name": child.name, "submitted": child.submitted, "rate": report.on_time_rate(child),
            "trend": _trend(report, child.grades(report.days))}


async def report_command(ctx: Context, args: Args) -> None:
    card = await _card(ctx, args.word(0))
    report = await card_report(ctx.session, card)
    if not report.days:
        raise UserError("homework.no_homework")
    class_group = await ctx.session.get(ClassGroup, card.class_id)
    media = _charts(ctx, report) if card.grading == Grading.score else []
    media.append(Media("document", report_xlsx(report, class_group.timezone, ctx.language), f"homework-{card.id}.xlsx"))
    average = report.class_average() if card.grading == Grading.score else []
    ctx.say("homework.report", subject=card.subject, first=report.days[0], last=report.days[-1],
            days=len(report.days), lines=[_line(report, child) for child in report.children],
            average=_trend(report, average), media=media,
            buttons=(exports.button(ctx, downloads.REPORT, str(card.id)),))
