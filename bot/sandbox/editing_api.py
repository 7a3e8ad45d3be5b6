"""Bot API methods that change what is already there: edits, deletions, button answers, reactions and
chat actions."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.sandbox.chats_api import find_chat, writable_chat
from bot.sandbox.content import TEXT_LIMIT, caption, formatted, reply_markup
from bot.sandbox.limits import TooManyRequests
from bot.sandbox.objects import ADMINISTRATOR, OWNER, Chat, Entry
from bot.sandbox.params import Params, bad, too_many

if TYPE_CHECKING:
    from bot.sandbox.botapi import BotApi

NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message")
CHAT_ACTIONS = {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
                "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
# The reactions a bot may set, as the Bot API lists them for ReactionTypeEmoji.
REACTION_EMOJI = set(
    "❤ 👍 👎 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 "
    "🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡".split()
)
INVALID_QUERY = "query is too old and response timeout expired or query ID is invalid"


def _message(api: BotApi, p: Params, not_found: str) -> tuple[Chat, Entry]:
    if p.has("inline_message_id"):
        raise bad("MESSAGE_ID_INVALID")  # the sandbox has no inline mode
    chat = writable_chat(api.world, p)
    message_id = p.integer("message_id", missing="message identifier is not specified")
    entry = chat.entries.get(message_id)
    if entry is None:
        raise bad(not_found)
    return chat, entry


def _editable(api: BotApi, p: Params) -> tuple[Chat, Entry]:
    chat, entry = _message(api, p, "message to edit not found")
    if entry.sender_id != api.world.bot.id:
        raise bad("message can't be edited")
    return chat, entry


def _apply_edit(api: BotApi, chat: Chat, entry: Entry, changes: dict, html: str | None) -> dict:
    """`changes` maps fields to new values, None removing the field. Not counted as a send: group edits
    have a window of their own (see limits)."""
    updated = {**entry.message, **changes}
    if all(updated.get(name) == entry.message.get(name) for name in changes):
        raise bad(NOT_MODIFIED)
    world = api.world
    try:
        world.limiter.check_edit(chat.id, chat.is_group)
    except TooManyRequests as error:
        raise too_many(error.retry_after) from None
    entry.message = {name: value for name, value in updated.items() if value is not None}
    entry.message["edit_date"] = world.now_date()
    entry.html = html
    world.limiter.record_edit(chat.id, chat.is_group)
    world.stats.edits[chat.id].append(world.clock())
    world.touch(chat)
    return entry.message


async def edit_message_text(api: BotApi, p: Params) -> dict:
    chat, entry = _editable(api, p)
    if "text" not in entry.message:
        raise bad("there is no text in the message to edit")
    text, entities, html = formatted(
        p.text("text") or "", p.text("parse_mode"), p.json("entities"), limit=TEXT_LIMIT, too_long="message is too long"
    )
    if not text.strip():
        raise bad("message text is empty")
    # Leaving reply_markup out removes the keyboard, as on Telegram.
    markup, _ = reply_markup(p.json("reply_markup"), inline_only=True)
    changes = {"text": text, "entities": entities or None, "reply_markup": markup}
    return _apply_edit(api, chat, entry, changes, html)


async def edit_message_caption(api: BotApi, p: Params) -> dict:
    chat, entry = _editable(api, p)
    if "text" in entry.message:
        raise bad("there is no caption in the message to edit")
    captioned, html = caption(p)
    markup, _ = reply_markup(p.json("reply_markup"), inline_only=True)
    changes = {
        "caption": captioned.get("caption"),
        "caption_entities": captioned.get("caption_entities"),
        "reply_markup": markup,
    }
    return _apply_edit(api, chat, entry, changes, html)


async def edit_message_reply_markup(api: BotApi, p: Params) -> dict:
    chat, entry = _editable(api, p)
    markup, _ = reply_markup(p.json("reply_markup"), inline_only=True)
    return _apply_edit(api, chat, entry, {"reply_markup": markup}, entry.html)


async def delete_message(api: BotApi, p: Params) -> bool:
    world = api.world
    chat = find_chat(world, p.chat_id())
    message_id = p.integer("message_id", missing="message identifier is not specified")
    entry = chat.entries.get(message_id)
    if entry is None:
        raise bad("message to delete not found")
    # In private chats a bot may delete incoming messages; in groups others' only as an administrator.
    if chat.is_group and entry.sender_id != world.bot.id and world.bot_status(chat) not in (ADMINISTRATOR, OWNER):
        raise bad("message can't be deleted")
    del chat.entries[message_id]
    world.touch(chat)
    return True


async def answer_callback_query(api: BotApi, p: Params) -> bool:
    world = api.world
    record = world.callback_queries.get(p.text("callback_query_id") or "")
    if record is None or record.answer is not None:
        raise bad(INVALID_QUERY)
    text = p.text("text")
    if text and len(text) > 200:
        raise bad("MESSAGE_TOO_LONG")
    record.answer = {
        "text": text,
        "show_alert": p.boolean("show_alert"),
        "url": p.text("url"),
        "cache_time": p.integer("cache_time", 0),
    }
    if record.chat_id in world.chats:
        world.touch(world.chats[record.chat_id])
    return True


async def send_chat_action(api: BotApi, p: Params) -> bool:
    chat = writable_chat(api.world, p)
    action = p.text("action")
    if action not in CHAT_ACTIONS:
        raise bad("wrong parameter action in request")
    chat.action = (action, api.world.clock())
    api.world.touch(chat)
    return True


async def set_message_reaction(api: BotApi, p: Params) -> bool:
    world = api.world
    chat = writable_chat(world, p)  # a bot removed from the group cannot react there either
    entry = chat.entries.get(p.integer("message_id", missing="message identifier is not specified"))
    if entry is None:
        raise bad("MESSAGE_ID_INVALID")
    p.boolean("is_big")
    reaction = p.json("reaction") or []
    if not isinstance(reaction, list):
        raise bad("can't parse reaction JSON object")
    if len(reaction) > 1:
        raise bad("REACTIONS_TOO_MANY")  # bots may set one reaction, like non-premium users
    for item in reaction:
        if not isinstance(item, dict) or item.get("type") != "emoji" or item.get("emoji") not in REACTION_EMOJI:
            raise bad("REACTION_INVALID")
    entry.reactions = [dict(item) for item in reaction]
    world.touch(chat)
    return True


METHODS = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "setMessageReaction": set_message_reaction,
}
