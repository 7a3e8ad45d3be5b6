"""The bar chart of a poll's result, as a PNG. Every text on it is drawn with the CJK font of
handlers.core.fonts: matplotlib's own font would draw each Chinese character as an empty box."""
from __future__ import annotations

import io
import textwrap
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display: images only

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from handlers.core.fonts import cjk_font_path  # noqa: E402

COLOR = "#3b7dd8"


@lru_cache(maxsize=4)
def chart_font(size: float) -> FontProperties:
    return FontProperties(fname=cjk_font_path(), size=size)


def bar_chart(title: str, labels: list[str], counts: list[int], axis: str) -> bytes:
    """Options top to bottom in the poll's order, each bar with its count at its end."""
    height = 1.2 + 0.55 * len(labels)
    figure = Figure(figsize=(6.4, height), dpi=110)
    ax = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, counts, color=COLOR, height=0.6)
    ax.set_yticks(positions, ["\n".join(textwrap.wrap(label, 12)) or " " for label in labels])
    for tick in ax.get_yticklabels():
        tick.set_fontproperties(chart_font(10))
    for tick in ax.get_xticklabels():
        tick.set_fontproperties(chart_font(9))
    top = max(counts, default=0)
    ax.set_xlim(0, max(top * 1.15, 1))
    ax.xaxis.get_major_locator().set_params(integer=True)
    for bar, count in zip(bars, counts, strict=True):
        ax.text(bar.get_width() + top * 0.02 + 0.02, bar.get_y() + bar.get_height() / 2, str(count),
                va="center", fontproperties=chart_font(10))
    ax.set_xlabel(axis, fontproperties=chart_font(10))
    ax.set_title("\n".join(textwrap.wrap(title, 28)), fontproperties=chart_font(12))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
