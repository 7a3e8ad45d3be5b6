"""Spreadsheet conventions every export shares: a sheet title Excel accepts, whatever a class or plan is called."""
from __future__ import annotations

import re
import unicodedata

SHEET_TITLE_LIMIT = 31
_NOT_IN_SHEET_TITLES = re.compile(r"[\\/*?:\[\]]")


def sheet_title(name: str, fallback: str) -> str:
    """A worksheet title Excel accepts for any name: no / \\ * ? : [ ], no control characters, no apostrophe
    at either end, at most 31 characters (openpyxl refuses the first and Excel the others)."""
    title = _NOT_IN_SHEET_TITLES.sub("-", name)
    title = "".join(char for char in title if not unicodedata.category(char).startswith("C"))
    title = title[:SHEET_TITLE_LIMIT].strip().strip("'").strip()
    return title or fallback
