"""Bot API methods that post new messages: text, photos, documents, voice notes and albums."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.sandbox.chats_api import writable_chat
from bot.sandbox.content import caption, message_text, reply_markup, stored_media
from bot.sandbox.limits import TooManyRequests
from bot.sandbox.objects import Chat, Entry, document_json, photo_sizes_json, voice_json
from bot.sandbox.params import Params, bad, too_many

if TYPE_CHECKING:
    from bot.sandbox.botapi import BotApi

ALBUM_KINDS = {"photo", "document"}


def admit(api: BotApi, chat: Chat, count: int = 1) -> None:
    """Checked before anything is stored, so a 429 leaves no trace and uses up no budget."""
    try:
        api.world.limiter.check_send(chat.id, chat.is_group, count)
    except TooManyRequests as error:
        raise too_many(error.retry_after) from None


def post(api: BotApi, chat: Chat, p: Params, items: list[tuple[dict, str | None]],
         keyboard: dict | None = None) -> list[Entry]:
    world = api.world
    reply_to = _reply_to(chat, p)
    entries = [world.post(chat, world.bot, content, html=html, keyboard=keyboard, reply_to=reply_to)
               for content, html in items]
    world.limiter.record_send(chat.id, chat.is_group, len(entries))
    world.stats.record(chat.id, world.clock(), len(entries))
    return entries


def _reply_to(chat: Chat, p: Params) -> int | None:
    parameters = p.json("reply_parameters") or {}
    message_id = p.integer("reply_to_message_id") or parameters.get("message_id")
    if message_id is None or message_id in chat.entries:
        return message_id
    if p.boolean("allow_sending_without_reply") or parameters.get("allow_sending_without_reply"):
        return None
    raise bad("message to be replied not found")


def _with_markup(content: dict, markup: dict | None) -> dict:
    return {**content, "reply_markup": markup} if markup else content


async def send_message(api: BotApi, p: Params) -> dict:
    chat = writable_chat(api.world, p)
    content, html = message_text(p)
    markup, keyboard = reply_markup(p.json("reply_markup"))
    _reply_to(chat, p)
    admit(api, chat)
    return post(api, chat, p, [(_with_markup(content, markup), html)], keyboard)[0].message


async def _send_file(api: BotApi, p: Params, kind: str, describe) -> dict:
    chat = writable_chat(api.world, p)
    captioned, html = caption(p)
    markup, keyboard = reply_markup(p.json("reply_markup"))
    _reply_to(chat, p)
    admit(api, chat)
    stored = stored_media(api.world, p, p.raw(kind), kind)
    content = _with_markup({kind: describe(stored), **captioned}, markup)
    return post(api, chat, p, [(content, html)], keyboard)[0].message


async def send_photo(api: BotApi, p: Params) -> dict:
    return await _send_file(api, p, "photo", photo_sizes_json)


async def send_document(api: BotApi, p: Params) -> dict:
    return await _send_file(api, p, "document", document_json)


async def send_voice(api: BotApi, p: Params) -> dict:
    duration = p.integer("duration", 0)
    return await _send_file(api, p, "voice", lambda stored: voice_json(stored, duration))


async def send_media_group(api: BotApi, p: Params) -> list[dict]:
    world = api.world
    chat = writable_chat(world, p)
    media = p.json("media")
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise bad("can't parse media JSON object")
    if len(media) > 10:
        raise bad("Too much messages to send as an album")
    if len(media) < 2:
        raise bad("media group must include 2-10 items")
    kinds = {item.get("type") for item in media}
    if not kinds <= ALBUM_KINDS:
        raise bad("can't parse InputMedia: unsupported media type in the media group")
    if len(kinds) > 1:
        raise bad("document can't be mixed with other media types")
    captions = [caption(p, item.get("caption") or "", item.get("parse_mode"), item.get("caption_entities"))
                for item in media]
    _reply_to(chat, p)
    admit(api, chat, len(media))
    stored = [stored_media(world, p, item.get("media"), item["type"]) for item in media]
    group_id = world.new_media_group_id()
    items = []
    for item, file, (captioned, html) in zip(media, stored, captions, strict=True):
        described = photo_sizes_json(file) if item["type"] == "photo" else document_json(file)
        items.append(({"media_group_id": group_id, item["type"]: described, **captioned}, html))
    return [entry.message for entry in post(api, chat, p, items)]


METHODS = {
    "sendMessage": send_message, "sendPhoto": send_photo, "sendDocument": send_document,
    "sendVoice": send_voice, "sendMediaGroup": send_media_group,
}
