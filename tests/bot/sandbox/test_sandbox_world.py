"""The World's user side and Telegram's text formatting, without a server in between."""
import asyncio

import pytest

from bot.sandbox.formatting import EntityError, automatic_entities, parse_html
from bot.sandbox.world import World
from support.sandbox_helpers import Clock


def test_parse_html_measures_in_utf16_and_decodes_character_references():
    text, entities = parse_html("🎉 <b>Well done</b> &lt;3 &#x1F44D; <pre><code class=\"language-py\">x</code></pre>")
    assert text == "🎉 Well done <3 👍 x"
    assert entities == [{"type": "bold", "offset": 3, "length": 9},
                        {"type": "pre", "language": "py", "offset": 19, "length": 1}]


@pytest.mark.parametrize("source, error", [
    ("<b>open", "Can't find end tag corresponding to start tag \"b\""),
    ("a <br> b", "Unsupported start tag \"br\" at byte offset 2"),
    ("é</i>", "Unexpected end tag at byte offset 2"),
    ("1 < 2", "Unsupported start tag \"\" at byte offset 2"),
    ("<span>x</span>", "Tag \"span\" must have class \"tg-spoiler\""),
])
def test_malformed_html_is_refused_with_telegrams_reason(source, error):
    with pytest.raises(EntityError) as refused:
        parse_html(source)
    assert str(refused.value) == error


def test_automatic_entities_skip_code_and_respect_word_boundaries():
    text = "/help and a/b, ask @teacher_li #week3 https://x.test/a"
    kinds = [(e["type"], text[e["offset"]:e["offset"] + e["length"]]) for e in automatic_entities(text)]
    assert kinds == [("bot_command", "/help"), ("mention", "@teacher_li"), ("hashtag", "#week3"),
                     ("url", "https://x.test/a")]
    code = [{"type": "code", "offset": 0, "length": 5}]
    assert automatic_entities("/help", code) == code


def test_people_act_only_where_they_belong():
    world = World(clock=Clock())
    ana, ben = world.add_user("Ana"), world.add_user("Ben", username="ben_dad")
    group = world.add_group("Class 3B")
    world.add_member(group, ana)
    with pytest.raises(ValueError):
        world.user_sends_text(group, ben, "let me in")
    with pytest.raises(ValueError):
        world.user_sends_text(ana, ben, "writing in Ana's chat with the bot")
    with pytest.raises(KeyError):
        world.add_member(group, 424242)
    message = world.user_sends_text(group, ana, "hi")
    assert message["chat"] == {"id": group, "type": "supergroup", "title": "Class 3B"}
    assert world.messages(group) == [message] and world.updates == []  # privacy mode: plain chatter unseen
    assert not world.users[ben].started
    world.user_sends_text(ben, ben, "/start")
    assert world.users[ben].started and world.messages(ben)[0]["chat"]["username"] == "ben_dad"


async def test_a_waiting_page_wakes_when_a_message_arrives():
    world = World(clock=Clock())
    ana = world.add_user("Ana")
    seen = world.version()
    waiting = asyncio.create_task(world.wait_for_change(after=seen, timeout=5))
    chat_waiting = asyncio.create_task(world.wait_for_change(ana, timeout=5))
    await asyncio.sleep(0)
    world.user_sends_text(ana, ana, "/start")
    assert await asyncio.wait_for(waiting, 1) > seen
    assert await asyncio.wait_for(chat_waiting, 1) == world.version(ana)
    assert await world.wait_for_change(after=world.version(), timeout=0.01) == world.version()


def test_reset_clears_people_and_chats_but_update_ids_keep_growing():
    world = World(clock=Clock())
    ana = world.add_user("Ana")
    world.user_sends_text(ana, ana, "/start")
    first = world.updates[-1]["update_id"]
    world.webhook.url = "http://127.0.0.1:1/hook"
    world.reset()
    assert world.chats == {} and list(world.users) == [world.bot.id] and world.updates == []
    assert world.webhook.url  # the bot set it up and will not do so again
    ana = world.add_user("Ana")
    world.user_sends_text(ana, ana, "/start")
    assert world.updates[-1]["update_id"] > first


def test_allowed_updates_filter_what_is_queued():
    world = World(clock=Clock())
    ana = world.add_user("Ana")
    world.allowed_updates = ["callback_query"]
    world.user_sends_text(ana, ana, "/start")
    assert world.updates == []
