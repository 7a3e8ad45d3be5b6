"""The bar chart of a poll's result, as a PNG: the options top to bottom in the poll's order, each bar with its
count, drawn by the one charting module (handlers.core.charts) in the CJK font."""
from __future__ import annotations

from handlers.core import charts
from handlers.core.charts import chart_font

__all__ = ["bar_chart", "chart_font"]


def bar_chart(title: str, labels: list[str], counts: list[int], axis: str) -> bytes:
    return charts.bar_chart(title, labels, counts, axis)
