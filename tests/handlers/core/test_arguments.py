"""Parsing what people type after a command."""
from datetime import date, time

import pytest

from handlers.core.arguments import parse_args, parse_date, parse_time, parse_weekday
from handlers.core.errors import UserError

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize("text,words,options", [
    ('"21天 阅读" days=21 remind=20:00', ["21天 阅读"], {"days": "21", "remind": "20:00"}),
    ("“每天 阅读” 「早睡 早起」 note=\"a b\"", ["每天 阅读", "早睡 早起"], {"note": "a b"}),
    ("小明\u3000妈妈", ["小明", "妈妈"], {}),
    ('"a=b" x', ["a=b", "x"], {}),
    ("", [], {}),
])
def test_words_quotes_and_options(text, words, options):
    args = parse_args(text)
    assert args.words == words and args.options == options


def test_an_unclosed_quote_is_a_clear_error():
    with pytest.raises(UserError) as error:
        parse_args('"21天 阅读 days=21')
    assert error.value.key == "unclosed_quote"


@pytest.mark.parametrize("text,expected", [
    ("2026-12-01", date(2026, 12, 1)), ("12-01", date(2026, 12, 1)), ("12/1", date(2026, 12, 1)),
    ("today", TODAY), ("今天", TODAY), ("tomorrow", date(2026, 11, 25)), ("明天", date(2026, 11, 25)),
    ("昨天", date(2026, 11, 23)),
])
def test_dates(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2026-13-01", "02-30", "someday", "2026/1"])
def test_bad_dates(text):
    with pytest.raises(UserError):
        parse_date(text, TODAY)


def test_times_and_weekdays():
    assert parse_time("20:00") == time(20, 0)
    assert parse_time("8:05") == time(8, 5)
    assert parse_time("20：00") == time(20, 0)
    for bad in ("24:00", "20:60", "8pm"):
        with pytest.raises(UserError):
            parse_time(bad)
    assert parse_weekday("Fri") == 4 and parse_weekday("周日") == 6
    with pytest.raises(UserError):
        parse_weekday("someday")


def test_full_width_arguments_read_as_their_plain_forms():
    args = parse_args("１２－１０ ｄａｙｓ＝３ remind=２０：００ “每天阅读２０分钟”")
    assert args.words == ["12-10", "每天阅读20分钟"] and args.options == {"days": "3", "remind": "20:00"}
    assert parse_date("１２／１０", TODAY) == date(2026, 12, 10)
