"""The stand-in held to the published Bot API (api.json): its methods, their required fields, and the
shape of every object it answered with during the whole test session."""
import json
import re

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReactionTypeEmoji
from telegram.error import BadRequest, Forbidden

from bot.sandbox import spec
from bot.sandbox.editing_api import REACTION_EMOJI
from bot.sandbox.limits import Limits
from bot.sandbox.spec import check_object
from support.sandbox_helpers import png


def test_check_object_finds_missing_mistyped_unknown_and_nested_problems():
    user = {"id": 7, "is_bot": False, "first_name": "Ana"}
    assert check_object("User", user) == []
    assert check_object("User", {**user, "id": True}) == ["User.id: expected Integer, got True"]
    assert check_object("User", {"id": 7, "is_bot": False}) == ["User: required field first_name is missing"]
    assert check_object("User", {**user, "nickname": "A"}) == ["User: User has no field nickname"]
    message = {"message_id": 1, "date": 0, "chat": {"id": 7}, "photo": [{"file_id": "f", "file_unique_id": "u",
                                                                          "width": 1, "height": "1"}]}
    assert check_object("Message", message) == ["Message.chat: required field type is missing",
                                                "Message.photo[0].height: expected Integer, got '1'"]
    assert check_object("Location", {"latitude": 1, "longitude": 2.5}) == []  # an Integer is a fine Float
    assert check_object("ChatMember", {"status": "member", "user": user}) == []
    assert check_object("ChatMember", {"status": "member"}) != []


def test_every_served_method_is_in_the_spec(sandbox):
    served = sandbox.api.method_names
    assert len(served) >= 24
    assert [name for name in served if name not in spec.load()["methods"]] == []


async def test_every_required_field_of_every_served_method_is_accepted(sandbox, raw):
    world, bot = sandbox.world, sandbox.bot
    world.limits = Limits(enabled=False)
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    world.user_sends_text(ana, ana, "/start")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]])
    photo = await bot.send_photo(group, png())
    values = {"chat_id": group, "text": "hello", "file_id": photo.photo[-1].file_id, "action": "typing",
              "url": f"{sandbox.base}/hook/nowhere", "user_id": ana,
              "commands": json.dumps([{"command": "help", "description": "Help"}])}
    uploads = {"photo": ("p.png", png(), "image/png"), "document": ("d.txt", b"doc", "text/plain"),
               "voice": ("v.ogg", b"OggS", "audio/ogg")}
    for method in sandbox.api.method_names:
        data, files = {}, {}
        for field in spec.method_fields(method):
            if not field["required"]:
                continue
            name = field["name"]
            if name in uploads:
                files[name] = uploads[name]
            elif name == "media":
                data[name] = json.dumps([{"type": "photo", "media": "attach://a"}, {"type": "photo", "media": "attach://b"}])
                files.update(a=uploads["photo"], b=uploads["photo"])
            elif name == "message_id":
                data[name] = (await bot.send_message(group, "to act on")).message_id
            elif name == "callback_query_id":
                sent = await bot.send_message(group, "press", reply_markup=markup)
                data[name] = world.user_presses_button(group, sent.message_id, ana, "ok")
            else:
                data[name] = values[name]
        data.update(await _context_for_inline_capable(method, sandbox, group, markup))
        answer = await raw.post(sandbox.url(method), data={k: str(v) for k, v in data.items()}, files=files or None)
        assert answer.json()["ok"], (method, answer.json())
        if method == "setWebhook":
            await bot.delete_webhook()


async def _context_for_inline_capable(method: str, sandbox, group: int, markup) -> dict:
    """Edits list chat_id and message_id as optional (an inline message may be named instead)."""
    bot = sandbox.bot
    if method == "editMessageText":
        return {"chat_id": group, "message_id": (await bot.send_message(group, "draft")).message_id, "text": "final"}
    if method == "editMessageCaption":
        return {"chat_id": group, "message_id": (await bot.send_photo(group, png(), caption="a")).message_id,
                "caption": "b"}
    if method == "editMessageReplyMarkup":
        return {"chat_id": group, "message_id": (await bot.send_message(group, "k", reply_markup=markup)).message_id}
    return {}


async def _exercise_everything(sandbox) -> None:
    world, bot = sandbox.world, sandbox.bot
    teacher, ana = sandbox.people("Teacher", "Ana")
    group = sandbox.group(ana)
    world.add_member(group, teacher, owner=True)
    world.add_member(group, world.bot.id, admin=True)
    world.user_sends_text(ana, ana, "/start")
    world.user_sends_photo(group, ana, png(), caption="page 3 #reading")
    world.user_sends_document(group, ana, b"doc", "notes.txt", "text/plain")
    sent = await bot.send_message(group, "<b>Vote</b>", parse_mode="HTML",
                                  reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y")]]))
    world.user_presses_button(group, sent.message_id, ana, "y")
    world.user_sends_text(group, ana, "reply", reply_to_message_id=sent.message_id)
    for update in await bot.get_updates():
        if update.callback_query:
            await bot.answer_callback_query(update.callback_query.id)
    await bot.get_file((await bot.send_document(ana, b"x", filename="x.txt")).document.file_id)
    await bot.send_voice(ana, b"OggS", duration=2)
    await bot.edit_message_text("Closed", chat_id=group, message_id=sent.message_id)
    for user in (teacher, ana, world.bot.id, world.add_user("Stranger")):
        await bot.get_chat_member(group, user)
    await bot.get_chat_administrators(group)
    await bot.get_chat(group)
    await bot.get_chat(ana)
    await bot.set_my_commands([("help", "Help")])
    await bot.get_my_commands()
    await bot.set_webhook(f"{sandbox.base}/hook/nowhere")
    await bot.get_webhook_info()
    await bot.delete_webhook()
    with pytest.raises(BadRequest):
        await bot.send_message(group, "x" * 5000)


async def test_every_object_the_server_answered_with_matches_the_spec(sandbox, sent_objects):
    await _exercise_everything(sandbox)
    problems, answered = [], set()
    for method, _params, body in sent_objects:
        if not body["ok"]:
            assert isinstance(body["error_code"], int) and isinstance(body["description"], str), body
            if "parameters" in body:
                problems += check_object("ResponseParameters", body["parameters"])
            continue
        answered.add(method)
        problems += min((check_object(kind, body["result"], method) for kind in spec.method_returns(method)), key=len)
    assert problems == []
    assert {"getMe", "getUpdates", "sendMessage", "sendPhoto", "sendDocument", "getFile", "editMessageText",
            "getChatMember", "getChatAdministrators", "getChat", "getMyCommands", "getWebhookInfo"} <= answered


async def test_set_message_reaction_takes_the_spec_fields_and_only_its_emoji(sandbox):
    world, bot = sandbox.world, sandbox.bot
    names = {field["name"]: field for field in spec.method_fields("setMessageReaction")}
    assert set(names) == {"chat_id", "message_id", "reaction", "is_big"}
    assert [name for name, field in names.items() if field["required"]] == ["chat_id", "message_id"]
    # The emoji a bot may set are those ReactionTypeEmoji lists, no more and no fewer.
    [emoji_field] = [f for f in spec.load()["types"]["ReactionTypeEmoji"]["fields"] if f["name"] == "emoji"]
    listed = set(re.findall(r'"([^"]+)"', emoji_field["description"].split("one of", 1)[1]))
    assert listed == REACTION_EMOJI and "✅" not in listed
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    said = world.user_sends_text(group, ana, "/checkin")
    assert await bot.set_message_reaction(group, said["message_id"], [ReactionTypeEmoji("👍")], is_big=True)
    assert world.entries(group)[0].reactions == [{"type": "emoji", "emoji": "👍"}]
    assert await bot.set_message_reaction(group, said["message_id"])  # no reaction: removes it
    assert world.entries(group)[0].reactions == []
    with pytest.raises(BadRequest, match="(?i)REACTION_INVALID"):
        await bot.set_message_reaction(group, said["message_id"], "✅")
    with pytest.raises(BadRequest, match="(?i)REACTIONS_TOO_MANY"):
        await bot.set_message_reaction(group, said["message_id"], ["👍", "🎉"])
    with pytest.raises(BadRequest, match="(?i)MESSAGE_ID_INVALID"):
        await bot.set_message_reaction(group, said["message_id"] + 99, "👍")
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.set_message_reaction(-100999, 1, "👍")
    world.remove_member(group, world.bot.id)
    with pytest.raises(Forbidden, match="kicked"):
        await bot.set_message_reaction(group, said["message_id"], "👍")
