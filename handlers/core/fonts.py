"""A font that draws Chinese, for every image the bot makes (certificates, charts).

Without one, Pillow and matplotlib draw an empty box for every character, so a missing font is an error
that says what to install rather than an image nobody can read."""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


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
    raise MissingFont("No CJK font found for images: install one, e.g. `apt-get install fonts-noto-cjk`.")


def _draws_chinese(path: str) -> bool:
    """fc-match always answers something; a font without CJK glyphs draws 习 and 惯 as the same box."""
    font = ImageFont.truetype(path, 40)
    return font.getmask("习").tobytes() != font.getmask("惯").tobytes()
