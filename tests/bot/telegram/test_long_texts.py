"""A text too long for one Telegram message becomes several, each well-formed and within the limit."""
from bot.sandbox.formatting import parse_html, utf16_len
from bot.telegram.long_texts import TEXT_LIMIT, cut, parts


def roster_like(children: int) -> str:
    lines = [f"{n}. 小明&amp;小红{n:04d} — <b>张妈妈</b>（妈妈） ✓" for n in range(1, children + 1)]
    return "<b>三年级二班 · 花名册</b>\n" + "\n".join(lines)


def visible(html: str) -> str:
    return parse_html(html)[0]


def test_a_long_roster_is_split_between_lines_and_nothing_is_lost():
    text = roster_like(400)
    assert utf16_len(visible(text)) > 2 * TEXT_LIMIT
    pieces = parts(text)
    assert len(pieces) == 3
    for piece in pieces:
        assert utf16_len(visible(piece)) <= TEXT_LIMIT  # parses, and fits
    assert "\n".join(visible(piece) for piece in pieces) == visible(text)
    assert all(visible(piece).split("\n")[0][0].isdigit() for piece in pieces[1:])  # each starts a line


def test_a_tag_open_at_a_cut_is_closed_and_opened_again():
    text = "<b>" + "加油 " * 2000 + "</b>"
    first, second = parts(text)
    assert first.startswith("<b>") and first.endswith("</b>")
    assert second.startswith("<b>") and second.endswith("</b>")
    assert all(entity["type"] == "bold" for piece in (first, second) for entity in parse_html(piece)[1])
    assert visible(first) + " " + visible(second) == visible(text)


def test_entities_count_as_one_character_and_are_never_cut_apart():
    text = "&lt;" * TEXT_LIMIT + "&amp;" * 10  # no line break nor space anywhere
    first, second = parts(text)
    assert visible(first) == "<" * TEXT_LIMIT and visible(second) == "&" * 10


def test_characters_outside_the_basic_plane_count_twice():
    text = "😀" * TEXT_LIMIT
    pieces = parts(text)
    assert [len(piece) for piece in pieces] == [TEXT_LIMIT // 2, TEXT_LIMIT // 2]


def test_a_short_text_stays_whole_and_an_edit_is_cut():
    assert parts("<b>小明</b> 打卡") == ["<b>小明</b> 打卡"]
    edited = cut(roster_like(400))
    assert utf16_len(visible(edited)) <= TEXT_LIMIT and visible(edited).endswith("…")
