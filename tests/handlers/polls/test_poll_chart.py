"""The result's bar chart draws Chinese with the CJK font of handlers.core.fonts, never as empty boxes."""
import io
import warnings

from matplotlib.font_manager import findfont
from PIL import Image

from handlers.core.fonts import cjk_font_path
from handlers.polls.chart import bar_chart, chart_font


def pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("L").tobytes()


def test_chinese_labels_are_drawn_with_the_cjk_font_and_each_character_differs():
    assert findfont(chart_font(10)) == cjk_font_path()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        one = bar_chart("习惯", ["习"], [2], "票数")
        other = bar_chart("习惯", ["惯"], [2], "票数")
    assert not [w for w in caught if "Glyph" in str(w.message)]  # matplotlib warns when it draws a box
    # With a font lacking the glyphs, 习 and 惯 would both be the same box and the images would be equal.
    assert one.startswith(b"\x89PNG") and pixels(one) != pixels(other)


def test_a_chart_of_many_options_with_long_labels_is_still_one_image():
    labels = [f"第{n}个很长很长很长的选项名称" for n in range(10)]
    image = Image.open(io.BytesIO(bar_chart("问题" * 30, labels, list(range(10)), "票数")))
    assert image.format == "PNG" and image.height > image.width / 3
