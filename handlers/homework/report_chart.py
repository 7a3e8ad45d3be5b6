"""The line chart of /hw report for score grading: scores over the days, for one child or the class average,
drawn by the one charting module (handlers.core.charts) in the CJK font."""
from __future__ import annotations

from datetime import date

from handlers.core import charts


def score_chart(title: str, points: list[tuple[date, int]], days: list[date], y_label: str) -> bytes:
    """A PNG: the scores of `points` against every day of `days` (a day without a grade is a gap)."""
    return charts.line_chart(title, points, days, y_label)
