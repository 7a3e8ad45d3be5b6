"""Every chart the bot draws (poll results, homework scores, habit days, the week's overview), in one style.

PNG images for a phone: 6 inches at 150 dpi (900 px, shown about 400 px wide), text no smaller than 11 pt,
long labels wrapped. Drawn with matplotlib's object API (no pyplot: no global state, no display) and every
text in the CJK font of handlers.core.fonts, passed as a file, so Chinese never falls back to empty boxes."""
from __future__ import annotations

import io
import textwrap
from datetime import date
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display: images only

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from handlers.core.fonts import cjk_font_path  # noqa: E402

COLOR, GRID = "#3b7dd8", "#dddddd"
WIDTH, DPI = 6.0, 150
TITLE, LABEL, SMALL = 14, 12, 11
TITLE_WRAP, LABEL_WRAP = 24, 10  # characters per line at phone width (CJK characters are wide)


def chart_font(size: float) -> FontProperties:
    # The path is looked up each time (it is cached itself) so that a font gone missing fails clearly.
    return _font(cjk_font_path(), size)


@lru_cache(maxsize=8)
def _font(path: str, size: float) -> FontProperties:
    return FontProperties(fname=path, size=size)


def _figure(height: float) -> Figure:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _finish(figure: Figure, axes, title: str) -> bytes:
    axes.set_title("\n".join(textwrap.wrap(title, TITLE_WRAP)) or " ", fontproperties=chart_font(TITLE))
    for tick in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        tick.set_fontproperties(chart_font(SMALL))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def bar_chart(title: str, labels: list[str], values: list[int], axis: str, *, percent: bool = False) -> bytes:
    """Horizontal bars top to bottom in the order given, each with its value at its end (a % with `percent`)."""
    figure = _figure(1.4 + 0.6 * max(len(labels), 1))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    bars = axes.barh(positions, values, color=COLOR, height=0.6)
    axes.set_yticks(positions, ["\n".join(textwrap.wrap(label, LABEL_WRAP)) or " " for label in labels])
    top = 100 if percent else max(values, default=0)
    axes.set_xlim(0, max(top * 1.18, 1))
    axes.xaxis.get_major_locator().set_params(integer=True)
    for bar, value in zip(bars, values, strict=True):
        axes.text(bar.get_width() + top * 0.02 + 0.02, bar.get_y() + bar.get_height() / 2,
                  f"{value}%" if percent else str(value), va="center", fontproperties=chart_font(LABEL))
    axes.set_xlabel(axis, fontproperties=chart_font(LABEL))
    return _finish(figure, axes, title)


def line_chart(title: str, points: list[tuple[date, int]], days: list[date], axis: str) -> bytes:
    """The values of `points` against every day of `days` (a day without a value is a gap), 0 to 100."""
    figure = _figure(3.6)
    axes = figure.add_subplot()
    index = {day: position for position, day in enumerate(days)}
    xs = [index[day] for day, _ in points]
    ys = [value for _, value in points]
    axes.plot(xs, ys, marker="o", color=COLOR, linewidth=2)
    for x, y in zip(xs, ys, strict=True):
        axes.annotate(str(y), (x, y), textcoords="offset points", xytext=(0, 7), ha="center",
                      fontproperties=chart_font(SMALL))
    axes.set_ylim(0, 105)
    axes.set_xlim(-0.5, max(len(days) - 0.5, 0.5))
    _date_ticks(axes, days)
    axes.set_ylabel(axis, fontproperties=chart_font(LABEL))
    axes.grid(True, color=GRID)
    return _finish(figure, axes, title)


def day_chart(title: str, per_day: list[tuple[date, int]], axis: str) -> bytes:
    """Upright bars, one per day, with each day's count on it (a habit plan's check-ins per day)."""
    figure = _figure(3.6)
    axes = figure.add_subplot()
    days = [day for day, _ in per_day]
    counts = [count for _, count in per_day]
    bars = axes.bar(range(len(days)), counts, color=COLOR, width=0.7)
    for bar, count in zip(bars, counts, strict=True):
        axes.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), str(count), ha="center", va="bottom",
                  fontproperties=chart_font(SMALL))
    axes.set_ylim(0, max(max(counts, default=0) * 1.2, 1))
    axes.yaxis.get_major_locator().set_params(integer=True)
    _date_ticks(axes, days)
    axes.set_ylabel(axis, fontproperties=chart_font(LABEL))
    return _finish(figure, axes, title)


def _date_ticks(axes, days: list[date]) -> None:
    step = max(1, len(days) // 7)  # about seven dates fit under the axis at phone width
    axes.set_xticks(range(0, len(days), step))
    axes.set_xticklabels([f"{day.month}/{day.day}" for day in days[::step]])
