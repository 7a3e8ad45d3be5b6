"""The answer to a button press as Telegram's popup: plain text within 200 characters, or else a message."""
from bot.telegram.popups import POPUP_LIMIT, split_popup
from handlers.core.messages import ChatRef, Outgoing, Reply

GROUP = ChatRef("telegram", "-100", False)


def test_a_popup_shows_the_name_as_written_not_as_html():
    pressed = Reply("✅ &lt;b&gt;Tom&lt;/b&gt; 第1天打卡成功 <b>加油</b>", popup=True)
    popup, rest = split_popup([Outgoing(GROUP, pressed)])
    assert popup == "✅ <b>Tom</b> 第1天打卡成功 加油" and rest == []


def test_a_popup_too_long_to_show_becomes_a_message_in_the_chat():
    long = "计划的开始日期不行：" + "很" * POPUP_LIMIT
    other = Outgoing(ChatRef("telegram", "7", True), Reply("私信"))
    popup, rest = split_popup([Outgoing(GROUP, Reply(long, popup=True)), other])
    assert popup is None
    sent = [(item.chat, item.reply.text, item.reply.popup) for item in rest]
    assert sent == [(GROUP, long, False), (other.chat, "私信", False)]


def test_entities_count_once_when_measuring_a_popup():
    popup, rest = split_popup([Outgoing(GROUP, Reply("&amp;" * POPUP_LIMIT, popup=True))])
    assert popup == "&" * POPUP_LIMIT and rest == []
