"""Every chart the bot draws comes from handlers.core.charts: each renders with Chinese labels in the CJK font
(every character has a glyph there, and matplotlib reports none missing), at phone width."""
import io
import warnings
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from fontTools.ttLib import TTCollection, TTFont
from PIL import Image

from handlers.core import charts
from handlers.core.fonts import cjk_font_path
from handlers.habits.summary import PlanSummary, summary_chart
from handlers.homework.report_chart import score_chart
from handlers.polls.chart import bar_chart

MONDAY = date(2026, 11, 23)
DAYS = [MONDAY + timedelta(days=index) for index in range(7)]


def cjk_codepoints() -> set[int]:
    path = cjk_font_path()
    fonts = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path)]
    return set(fonts[0].getBestCmap())


def poll_chart(labels):
    return bar_chart(f"周五亲子活动去哪里？{labels[0]}", labels, [3, 1, 2], "票数")


def homework_chart(labels):
    return score_chart(f"口算 · {labels[0]}", [(DAYS[0], 60), (DAYS[2], 92)], DAYS[:3], "分数")


def habit_chart(labels):
    plan = SimpleNamespace(title=f"每天阅读{labels[0]}")
    return summary_chart(plan, PlanSummary(3, 3, 2, [(day, index % 4) for index, day in enumerate(DAYS)], []), "zh")


def overview_chart(labels):
    return charts.bar_chart(f"三年级二班 · {labels[0]}", [f"习惯打卡·{label}" for label in labels], [25, 75, 100],
                            "完成率 %", percent=True)


CHARTS = {"poll": poll_chart, "homework": homework_chart, "habit": habit_chart, "overview": overview_chart}
LABELS = (["公园", "博物馆", "图书馆"], ["跳绳", "朗读", "练字"])


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_draws_its_chinese_text_in_the_cjk_font_at_phone_width(name):
    draw = CHARTS[name]
    covered = cjk_codepoints()
    texts = "".join(LABELS[0] + LABELS[1]) + "周五亲子活动去哪里？口算每天阅读三年级二班习惯打卡分数票数完成率"
    assert not [char for char in texts if ord(char) not in covered]  # the font has a glyph for every character
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first, second = draw(LABELS[0]), draw(LABELS[1])
    assert not [w for w in caught if "missing from" in str(w.message)]  # matplotlib's word for a box
    assert first != second  # different characters are different glyphs, not the same box
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG"
    assert image.width == charts.WIDTH * charts.DPI  # 900 px: sharp when a phone shows it 400 px wide
    assert 300 <= image.height <= 1200
