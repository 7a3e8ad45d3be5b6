"""The certificate a child's family gets at the end of a habit plan: a PNG in the class language.

Chinese needs a CJK font. Without one, Pillow would draw empty boxes for every character, so a missing
font is an error that says what to install rather than a certificate nobody can read."""
from __future__ import annotations

import html
import io
import shutil
import subprocess
from datetime import date
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from handlers.core.texts import render

FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
SIZE = (1200, 850)
INK, GOLD, PAPER = (60, 40, 20), (191, 144, 0), (255, 250, 235)


class MissingFont(RuntimeError):
    pass


@lru_cache(maxsize=1)
def cjk_font_path() -> str:
    for path in FONT_PATHS:
        if Path(path).is_file():
            return path
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True,
                               timeout=10).stdout.strip()
        if found and Path(found).is_file() and _draws_chinese(found):
            return found
    raise MissingFont("No CJK font found for certificates: install one, e.g. `apt-get install fonts-noto-cjk`.")


def _draws_chinese(path: str) -> bool:
    """fc-match always answers something; a font without CJK glyphs draws 习 and 惯 as the same box."""
    font = ImageFont.truetype(path, 40)
    return font.getmask("习").tobytes() != font.getmask("惯").tobytes()


def _text(language: str, key: str, **values) -> str:
    # The texts are written for HTML chat messages and escaped; an image wants the characters themselves.
    return html.unescape(render(language, key, **values))


def _centered(draw: ImageDraw.ImageDraw, y: int, text: str, size: int, fill) -> None:
    font = ImageFont.truetype(cjk_font_path(), size)
    width = draw.textlength(text, font=font)
    while width > SIZE[0] - 160 and size > 18:  # a long plan title shrinks instead of leaving the page
        size -= 2
        font = ImageFont.truetype(cjk_font_path(), size)
        width = draw.textlength(text, font=font)
    draw.text(((SIZE[0] - width) / 2, y), text, font=font, fill=fill)


def draw_certificate(language: str, *, child: str, title: str, done: int, days: int, day: date,
                     class_name: str) -> bytes:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, SIZE[0] - 30, SIZE[1] - 30), outline=GOLD, width=8)
    draw.rectangle((50, 50, SIZE[0] - 50, SIZE[1] - 50), outline=GOLD, width=2)
    _centered(draw, 110, _text(language, "habits.certificate_heading"), 72, GOLD)
    _centered(draw, 260, child, 64, INK)
    _centered(draw, 380, _text(language, "habits.certificate_body", title=title, done=done, days=days), 36, INK)
    _centered(draw, 450, _text(language, "habits.certificate_praise", done=done, days=days), 36, INK)
    _centered(draw, 640, class_name, 32, INK)
    _centered(draw, 700, _text(language, "habits.certificate_date", date=day), 28, INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
