"""The certificate a child's family gets at the end of a habit plan: a PNG in the class language.

Chinese needs a CJK font (handlers.core.fonts); without one the certificate is not drawn at all."""
from __future__ import annotations

import html
import io
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from handlers.core.fonts import MissingFont, cjk_font_path  # noqa: F401 (MissingFont: raised from here)
from handlers.core.texts import render

SIZE = (1200, 850)
INK, GOLD, PAPER = (60, 40, 20), (191, 144, 0), (255, 250, 235)


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
