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


def test_chinese_punctuation_stays_as_written_in_text():
    # NFKC would post "明天(周四)降温,请加衣;" to the group: the punctuation is the teacher's, not syntax.
    args = parse_args("“明天（周四）降温，请给孩子加衣；体育课改为室内！” 要带伞吗？ ｄｕｅ＝２０：００")
    assert args.words == ["明天（周四）降温，请给孩子加衣；体育课改为室内！", "要带伞吗？"]
    assert args.options == {"due": "20:00"}


def test_a_date_option_takes_the_time_after_it_as_product_md_writes_it():
    args = parse_args('科学 "观察月亮" due=2026-12-16 20:00 grading=stars')
    assert args.words == ["科学", "观察月亮"] and args.options == {"due": "2026-12-16 20:00", "grading": "stars"}
    args = parse_args("同意 | 不同意 anon until=12-06 12:00")
    assert args.words == ["同意", "|", "不同意", "anon"] and args.options == {"until": "12-06 12:00"}
    # A time alone, or a date followed by a word, stays as it was.
    assert parse_args("until=12:00 anon").options == {"until": "12:00"}
    assert parse_args("until=12-06 anon").words == ["anon"]
    assert parse_args('until=12-06 "12:00"').words == ["12:00"]
