"""The stand-in Bot API driven by python-telegram-bot's own Bot: updates, buttons, edits and errors."""
import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReactionTypeEmoji
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken

from bot.sandbox.world import DEFAULT_TOKEN
from support.sandbox_helpers import says


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data) for text, data in pairs]])


async def test_get_me_describes_the_bot_and_other_tokens_are_unauthorized(sandbox):
    me = await sandbox.bot.get_me()
    assert (me.id, me.username, me.is_bot) == (sandbox.world.bot.id, "classbridge_bot", True)
    assert me.can_read_all_group_messages is False
    with pytest.raises(InvalidToken):
        await Bot("123:wrong", base_url=f"{sandbox.base}/bot").get_me()


async def test_a_command_in_a_group_arrives_through_get_updates_with_its_entity(sandbox):
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sandbox.world.user_sends_text(group, ana, "/checkin@classbridge_bot reading 20 min")
    (update,) = await sandbox.bot.get_updates(timeout=5)
    message = update.message
    assert (message.chat.id, message.chat.type, message.from_user.id) == (group, "supergroup", ana)
    assert message.text == "/checkin@classbridge_bot reading 20 min"
    (entity,) = message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, len("/checkin@classbridge_bot"))


async def test_get_updates_answers_as_soon_as_an_update_arrives_and_offset_acknowledges(sandbox):
    (ana,) = sandbox.people("Ana")
    polling = asyncio.create_task(sandbox.bot.get_updates(timeout=30))
    while sandbox.api.poll_generation == 0:  # the poll has reached the server
        await asyncio.sleep(0.005)
    sandbox.world.user_sends_text(ana, ana, "/start")
    updates = await asyncio.wait_for(polling, 3)
    assert [u.message.text for u in updates] == ["/start"]
    assert sandbox.world.users[ana].started
    assert await sandbox.bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    assert sandbox.world.updates == []
    sandbox.world.user_sends_text(ana, ana, "hello")
    (later,) = await sandbox.bot.get_updates(timeout=0)
    assert later.update_id > updates[-1].update_id


async def test_privacy_mode_hides_plain_group_chatter_unless_the_bot_is_an_administrator(sandbox):
    world = sandbox.world
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    world.user_sends_text(group, ana, "good morning everyone")
    world.user_sends_text(group, ana, "/progress")
    world.user_sends_text(group, ana, "/progress@some_other_bot")
    assert [u.message.text for u in await sandbox.bot.get_updates()] == ["/progress"]
    world.add_member(group, world.bot.id, admin=True)
    world.user_sends_text(group, ana, "now you see me")
    assert [u.message.text for u in await sandbox.bot.get_updates()][-1] == "now you see me"


async def test_a_button_press_arrives_as_a_callback_query_and_can_be_answered_once(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sent = await bot.send_message(group, "Vote!", reply_markup=keyboard(("Yes", "vote:1:yes"), ("No", "vote:1:no")))
    query_id = world.user_presses_button(group, sent.message_id, ana, "vote:1:no")
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert (query.id, query.data, query.from_user.id) == (query_id, "vote:1:no", ana)
    assert query.message.message_id == sent.message_id
    assert query.message.reply_markup == sent.reply_markup
    assert await bot.answer_callback_query(query.id, text="Counted") is True
    assert world.callback_queries[query_id].answer["text"] == "Counted"
    with says(BadRequest, "query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(ValueError):
        world.user_presses_button(group, sent.message_id, ana, "vote:1:maybe")


async def test_a_button_answer_over_200_characters_is_refused_and_the_press_stays_open(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sent = await bot.send_message(group, "Vote!", reply_markup=keyboard(("Yes", "vote:1:yes")))
    query_id = world.user_presses_button(group, sent.message_id, ana, "vote:1:yes")
    with says(BadRequest, "MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="字" * 201)
    assert world.callback_queries[query_id].answer is None
    assert await bot.answer_callback_query(query_id, text="字" * 200) is True


async def test_edit_message_text_changes_the_message_and_refuses_a_no_op(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sent = await bot.send_message(group, "Tally: 1", reply_markup=keyboard(("+1", "add")))
    edited = await bot.edit_message_text("Tally: <b>2</b>", chat_id=group, message_id=sent.message_id,
                                         parse_mode=ParseMode.HTML, reply_markup=keyboard(("+1", "add")))
    assert edited.text == "Tally: 2" and edited.edit_date is not None
    assert world.messages(group)[-1]["text"] == "Tally: 2"
    with says(BadRequest, "message is not modified"):
        await bot.edit_message_text("Tally: <b>2</b>", chat_id=group, message_id=sent.message_id,
                                    parse_mode=ParseMode.HTML, reply_markup=keyboard(("+1", "add")))
    without_keyboard = await bot.edit_message_text("Tally: <b>2</b>", chat_id=group, message_id=sent.message_id,
                                                   parse_mode=ParseMode.HTML)
    assert without_keyboard.reply_markup is None  # leaving reply_markup out removes the keyboard
    with says(BadRequest, "message to edit not found"):
        await bot.edit_message_text("x", chat_id=group, message_id=999)
    restored = await bot.edit_message_reply_markup(group, sent.message_id, reply_markup=keyboard(("+1", "add")))
    assert restored.reply_markup == keyboard(("+1", "add"))


async def test_html_is_parsed_into_entities_and_malformed_html_is_refused(sandbox):
    bot = sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sent = await bot.send_message(group, "<b>Reading</b> &amp; <i>maths</i> 👍 <a href='https://x.test'>plan</a>",
                                  parse_mode=ParseMode.HTML)
    assert sent.text == "Reading & maths 👍 plan"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 7), ("italic", 10, 5), ("text_link", 19, 4)]  # 👍 is two UTF-16 units
    assert sandbox.world.entries(group)[-1].html.startswith("<b>Reading</b>")
    for broken, reason in [("<b>open", 'start tag "b"'), ("<blink>x</blink>", 'Unsupported start tag "blink"'),
                           ("<b><i>x</b></i>", "Unmatched end tag")]:
        with pytest.raises(BadRequest, match=f"(?i)can't parse entities: .*{reason}"):
            await bot.send_message(group, broken, parse_mode=ParseMode.HTML)


async def test_the_text_length_limit_counts_visible_characters(sandbox):
    bot = sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    await bot.send_message(group, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with says(BadRequest, "message is too long"):
        await bot.send_message(group, "x" * 4097)
    with says(BadRequest, "message text is empty"):
        await bot.send_message(group, "<b> </b>", parse_mode=ParseMode.HTML)


async def test_callback_data_over_64_bytes_is_refused(sandbox):
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    await sandbox.bot.send_message(group, "ok", reply_markup=keyboard(("a", "é" * 32)))  # 64 bytes
    with says(BadRequest, "BUTTON_DATA_INVALID"):
        await sandbox.bot.send_message(group, "too long", reply_markup=keyboard(("a", "x" * 65)))
    assert len(sandbox.world.messages(group)) == 1


async def test_the_bot_cannot_write_first_to_a_person_or_to_one_who_blocked_it(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    with says(Forbidden, "bot can't initiate conversation with a user"):
        await bot.send_message(ana, "Hello")
    world.user_sends_text(ana, ana, "/start")
    assert (await bot.send_message(ana, "Hello")).chat.type == "private"
    world.user_blocks_bot(ana)
    with says(Forbidden, "bot was blocked by the user"):
        await bot.send_message(ana, "Still there?")
    with says(BadRequest, "chat not found"):
        await bot.send_message(-100999, "anyone?")
    world.remove_member(sandbox.group(ana), world.bot.id)
    with says(Forbidden, "kicked"):
        await bot.send_message(list(world.chats)[-1], "hi")


async def test_delete_actions_and_reactions(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    said = world.user_sends_text(group, ana, "/homework")
    sent = await bot.send_message(group, "Homework: p. 12", reply_to_message_id=said["message_id"])
    assert sent.reply_to_message.message_id == said["message_id"]
    assert await bot.set_message_reaction(group, said["message_id"], [ReactionTypeEmoji("👍")])
    assert world.entries(group)[0].reactions == [{"type": "emoji", "emoji": "👍"}]
    with says(BadRequest, "REACTION_INVALID"):
        await bot.set_message_reaction(group, said["message_id"], "🦜")
    assert await bot.send_chat_action(group, "typing")
    assert world.chats[group].action[0] == "typing"
    with says(BadRequest, "message can't be deleted"):
        await bot.delete_message(group, said["message_id"])  # not an administrator
    assert await bot.delete_message(group, sent.message_id)
    with says(BadRequest, "message to delete not found"):
        await bot.delete_message(group, sent.message_id)
    assert [m["message_id"] for m in world.messages(group)] == [said["message_id"]]


async def test_chats_members_and_command_menus(sandbox):
    world, bot = sandbox.world, sandbox.bot
    teacher, parent = sandbox.people("Teacher", "Parent")
    group = world.add_group("Class 3B", username="class3b")
    world.add_member(group, teacher, owner=True)
    world.add_member(group, parent)
    assert (await bot.get_chat("@class3b")).id == group
    assert (await bot.get_chat_member(group, teacher)).status == "creator"
    assert (await bot.get_chat_member(group, parent)).status == "member"
    assert (await bot.get_chat_member(group, world.add_user("Stranger"))).status == "left"
    world.add_member(group, world.bot.id, admin=True)
    admins = await bot.get_chat_administrators(group)
    assert sorted(member.user.id for member in admins) == sorted([teacher, world.bot.id])
    assert await bot.set_my_commands([("checkin", "Check in"), ("progress", "Progress")], language_code="en")
    assert [c.command for c in await bot.get_my_commands(language_code="en")] == ["checkin", "progress"]
    assert await bot.get_my_commands() == ()
    with says(BadRequest, "BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Check-In", "x")])
    assert await bot.delete_my_commands(language_code="en")
    assert await bot.get_my_commands(language_code="en") == ()


async def test_unknown_methods_and_tokens_are_answered_like_telegram(sandbox, raw):
    answer = await raw.post(sandbox.url("sendTelepathy"), data={"chat_id": "1"})
    assert answer.status_code == 404
    assert answer.json() == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
    answer = await raw.get(f"{sandbox.base}/bot{DEFAULT_TOKEN}x/getMe")
    assert (answer.status_code, answer.json()["description"]) == (401, "Unauthorized")
    assert (await raw.get(sandbox.url("GETME"))).json()["result"]["username"] == "classbridge_bot"


async def test_json_bodies_and_query_strings_are_accepted(sandbox, raw):
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    markup = {"inline_keyboard": [[{"text": "Done", "callback_data": "done"}]]}
    answer = await raw.post(sandbox.url("sendMessage"), json={"chat_id": group, "text": "<i>json</i>",
                                                              "parse_mode": "HTML", "reply_markup": markup})
    assert answer.status_code == 200, answer.text
    result = answer.json()["result"]
    assert (result["text"], result["reply_markup"]) == ("json", markup)
    answer = await raw.get(sandbox.url("sendMessage"), params={"chat_id": str(group), "text": "query string"})
    assert answer.json()["result"]["text"] == "query string"
    answer = await raw.post(sandbox.url("sendMessage"), json={"chat_id": group, "text": ""})
    assert answer.json() == {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
    answer = await raw.post(sandbox.url("sendMessage"), data={"chat_id": group, "text": "x", "reply_markup": "{oops"})
    assert answer.status_code == 400 and "can't parse" in answer.json()["description"]
