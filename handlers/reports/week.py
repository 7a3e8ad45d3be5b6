"""The week of a class in one answer: every feature's report part (PRODUCT.md §8), as lines of one message,
one XLSX with a sheet per part and a PNG overview chart. A teacher gets each part's per-child rows in the
sheets; a rep the class-level figures only (§2 rule 1: details in private, and to teachers)."""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import charts, exports
from handlers.core.declarations import ReportFigures, ReportPart
from handlers.core.exports import Table
from handlers.core.messages import Media
from handlers.core.registry import registry
from handlers.core.texts import render
from models import ClassGroup
from models.habit_schedule import local_day


def week_of(day: date) -> date:
    """The Monday of the class week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekReport:
    class_group: ClassGroup
    week: date
    parts: list[tuple[ReportPart, ReportFigures]]

    @property
    def last(self) -> date:
        return self.week + timedelta(days=6)


async def week_report(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime) -> WeekReport:
    parts = [(part, await part.compute(session, class_group, week, now)) for part in registry().report_parts.values()]
    return WeekReport(class_group, week, parts)


def current_week(class_group: ClassGroup, now: datetime) -> date:
    return week_of(local_day(now, class_group.timezone))


def _plain(text: str) -> str:
    # Texts are written for HTML messages and escaped; a chart and a sheet want the characters themselves.
    return html.unescape(text)


def text(report: WeekReport, language: str, *, per_child: bool) -> str:
    """The header, a block per part (its title in bold, then its lines), and what the sheet holds. Each part's
    lines come rendered (and escaped) from its own macro, so they are joined here, not escaped again."""
    blocks = [render(language, "reports.week_header", class_name=report.class_group.name, first=report.week,
                     last=report.last)]
    for part, figures in report.parts:
        lines = render(language, part.lines, week_figures=figures.items)
        blocks.append(f"<b>{render(language, part.title)}</b>\n{lines}")
    blocks.append(render(language, "reports.week_footer", per_child=per_child))
    return "\n\n".join(block.strip() for block in blocks)


def tables(report: WeekReport, language: str, *, per_child: bool) -> list[Table]:
    """A sheet per part with its class-level rows and, for a teacher, the part's per-child rows on a sheet of
    their own next to it (every sheet keeps the one convention: the class's name, then the columns)."""
    found = []
    for part, figures in report.parts:
        title = _plain(render(language, part.title))
        found.append(Table(title, [_plain(render(language, key)) for key in figures.columns],
                           [[item[key] for key in figures.cells] for item in figures.items]))
        if per_child and figures.child_columns:
            found.append(Table(_plain(render(language, "reports.children_sheet", title=title)),
                               [_plain(render(language, key)) for key in figures.child_columns],
                               [list(row) for row in figures.child_rows]))
    return found


def chart_bars(report: WeekReport, language: str) -> list[tuple[str, int]]:
    bars = []
    for part, figures in report.parts:
        title = _plain(render(language, part.title))
        bars.extend((f"{title}·{label}" if label else title, rate) for label, rate in figures.rates)
    return bars


def files(report: WeekReport, language: str, *, per_child: bool) -> list[Media]:
    name = report.class_group.name
    stem = exports.file_stem(f"{name}-{report.week.isoformat()}")
    media = []
    bars = chart_bars(report, language)
    if bars:
        title = _plain(render(language, "reports.chart_title", class_name=name, first=report.week, last=report.last))
        media.append(Media("photo", charts.bar_chart(title, [label for label, _ in bars], [rate for _, rate in bars],
                                                     _plain(render(language, "reports.chart_axis")), percent=True),
                           f"{stem}.png"))
    class_header = _plain(render(language, "exports.col_class"))
    media.append(Media("document", exports.xlsx_bytes(name, class_header, tables(report, language,
                                                                                  per_child=per_child)),
                       f"{stem}.xlsx"))
    return media
