"""Command arguments: plain words, quoted text ("" “” 「」), key=value options, dates and times."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from handlers.core.errors import UserError

_QUOTES = {'"': '"', "“": "”", "「": "」", "”": "”"}
_OPTION = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.S)


def split_words(text: str) -> list[tuple[str, bool]]:
    """Split on white space (including the ideographic space), keeping quoted runs whole.
    Returns (token, starts_quoted) pairs: a token that opens with a quote is always plain text, while
    `key="a b"` stays one option token."""
    tokens: list[tuple[str, bool]] = []
    current: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if char in _QUOTES:
            closing = _QUOTES[char]
            end = text.find(closing, i + 1)
            if end < 0:
                raise UserError("unclosed_quote")
            quoted = quoted or not current
            current.append(text[i + 1 : end])
            i = end + 1
            continue
        if char.isspace():
            if current or quoted:
                tokens.append(("".join(current), quoted))
            current, quoted = [], False
        else:
            current.append(char)
        i += 1
    if current or quoted:
        tokens.append(("".join(current), quoted))
    return tokens


@dataclass
class Args:
    words: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)

    def word(self, index: int, default: str | None = None) -> str | None:
        return self.words[index] if index < len(self.words) else default

    def rest(self, start: int) -> str:
        return " ".join(self.words[start:])


# Chinese punctuation that NFKC would turn into ASCII: it is part of what a teacher writes (a notice's
# "明天（周四）降温，请加衣；" must reach the group as written), so it is kept; parsers that meet it in syntax
# (a time's ：, a survey line's ：) accept both forms.
_KEPT = frozenset("，；：？！（）")


def normalize(token: str) -> str:
    """NFKC: the full-width forms Chinese keyboards type (１２－１０, ｄａｙｓ＝３, ｜) read as their plain forms;
    Chinese punctuation stays as written."""
    if not any(char in _KEPT for char in token):
        return unicodedata.normalize("NFKC", token)
    kept = "".join(char if char in _KEPT else unicodedata.normalize("NFKC", char) for char in token)
    return _CLOCK_COLON.sub(r"\1:\2", kept)  # 20：00 is a time, whatever the colon


_CLOCK_COLON = re.compile(r"(\d)：(\d)")


def parse_args(text: str) -> Args:
    """Each token is normalized after splitting, so quotes keep their meaning and every argument,
    option or word, reads the same whichever width it was typed in."""
    args = Args()
    tokens = split_words(text)
    index = 0
    while index < len(tokens):
        raw, quoted = tokens[index]
        token = normalize(raw)
        match = None if quoted else _OPTION.match(token)
        if match:
            value = match.group(2)
            # `due=2026-12-16 20:00`, as PRODUCT.md writes it: a date and the time after it are one value.
            following = normalize(tokens[index + 1][0]) if index + 1 < len(tokens) else ""
            if _DATE.fullmatch(value) and _TIME.fullmatch(following) and not tokens[index + 1][1]:
                value, index = f"{value} {following}", index + 1
            args.options[match.group(1).lower()] = value
        else:
            args.words.append(token)
        index += 1
    return args


_DATE = re.compile(r"(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}")
_TIME = re.compile(r"\d{1,2}[:：]\d{2}")


_KEYWORD_DAYS = {"today": 0, "今天": 0, "tomorrow": 1, "明天": 1, "yesterday": -1, "昨天": -1}


def parse_date(value: str, today: date) -> date:
    """`2026-12-01`, `12-01` (this year), `12/01`, `today`/`今天`, `tomorrow`/`明天`, `yesterday`/`昨天`."""
    value = normalize(value).strip().lower()
    if value in _KEYWORD_DAYS:
        return today + timedelta(days=_KEYWORD_DAYS[value])
    match = re.fullmatch(r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})", value)
    if match:
        year = int(match.group(1) or today.year)
        try:
            return date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    raise UserError("bad_date", value=value)


def parse_time(value: str) -> time:
    """`20:00`, `8:05`, `20：00` (full-width colon, as Chinese keyboards type it)."""
    match = re.fullmatch(r"(\d{1,2})[:：](\d{2})", value.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise UserError("bad_time", value=value)


_WEEKDAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "周一": 0, "周二": 1, "周三": 2, "周四": 3, "周五": 4, "周六": 5, "周日": 6, "周天": 6,
}


def parse_weekday(value: str) -> int:
    key = value.strip().lower()[:3] if value.isascii() else value.strip()
    if key in _WEEKDAYS:
        return _WEEKDAYS[key]
    raise UserError("bad_weekday", value=value)
