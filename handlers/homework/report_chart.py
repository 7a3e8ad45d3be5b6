"""The line chart of /hw report for score grading: scores over the days, for one child or the class average.

Drawn with matplotlib's object API (no pyplot: no global state, no display) and every text in the CJK font
of handlers.core.fonts, passed as a file, so a Chinese title or name never falls back to empty boxes."""
from __future__ import annotations

import io
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from handlers.core.fonts import cjk_font_path

LINE, GRID = "#2f6fba", "#dddddd"


def score_chart(title: str, points: list[tuple[date, int]], days: list[date], y_label: str) -> bytes:
    """A PNG: the scores of `points` against every day of `days` (a day without a grade is a gap)."""
    font = FontProperties(fname=cjk_font_path())
    figure = Figure(figsize=(6.4, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    index = {day: position for position, day in enumerate(days)}
    xs = [index[day] for day, _ in points]
    ys = [score for _, score in points]
    axes.plot(xs, ys, marker="o", color=LINE, linewidth=2)
    for x, y in zip(xs, ys, strict=True):
        axes.annotate(str(y), (x, y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8,
                      fontproperties=font)
    axes.set_ylim(0, 105)
    axes.set_xlim(-0.5, max(len(days) - 0.5, 0.5))
    step = max(1, len(days) // 10)  # at most about ten dates under the axis
    axes.set_xticks(range(0, len(days), step))
    axes.set_xticklabels([f"{day.month}/{day.day}" for day in days[::step]], fontproperties=font, fontsize=8)
    for label in axes.get_yticklabels():
        label.set_fontproperties(font)
    axes.set_title(title, fontproperties=font, fontsize=13)
    axes.set_ylabel(y_label, fontproperties=font)
    axes.grid(True, color=GRID)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
