"""Checking what a bot wants to post: formatted text and captions, keyboards, and the files it names."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.sandbox.files import NotAnImage, StoredFile
from bot.sandbox.formatting import EntityError, UnknownParseMode, render
from bot.sandbox.params import ApiError, Params, Upload, bad

if TYPE_CHECKING:
    from bot.sandbox.world import World

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes of UTF-8
BUTTONS_LIMIT = 100
DOCUMENT_LIMIT = 50 * 1024 * 1024
BUTTON_ACTIONS = ("url", "callback_data", "web_app", "login_url", "switch_inline_query",
                  "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
                  "callback_game", "pay")


def formatted(raw: str, parse_mode: str | None, entities: list | None, *, limit: int,
              too_long: str) -> tuple[str, list[dict], str | None]:
    """(visible text, entities, the HTML source when parse_mode was HTML); the limit counts visible text."""
    try:
        text, found = render(raw, parse_mode, entities)
    except EntityError as error:
        raise bad(f"can't parse entities: {error}") from None
    except UnknownParseMode:
        raise bad("unsupported parse_mode") from None
    if len(text) > limit:
        raise bad(too_long)
    return text, found, raw if (parse_mode or "").lower() == "html" else None


def message_text(p: Params) -> tuple[dict, str | None]:
    text, entities, html = formatted(p.text("text") or "", p.text("parse_mode"), p.json("entities"),
                                     limit=TEXT_LIMIT, too_long="message is too long")
    if not text.strip():
        raise bad("message text is empty")
    return {"text": text, **({"entities": entities} if entities else {})}, html


def caption(p: Params, raw: str | None = None, parse_mode: str | None = None,
            entities: list | None = None) -> tuple[dict, str | None]:
    """A caption from the call's own fields, or from an album item's when `raw` is given."""
    if raw is None:
        raw, parse_mode, entities = p.text("caption"), p.text("parse_mode"), p.json("caption_entities")
    if not raw:
        return {}, None
    text, found, html = formatted(raw, parse_mode, entities, limit=CAPTION_LIMIT,
                                  too_long="message caption is too long")
    if not text.strip():
        return {}, None
    return {"caption": text, **({"caption_entities": found} if found else {})}, html


def reply_markup(value, *, inline_only: bool = False) -> tuple[dict | None, dict | None]:
    """(inline keyboard for the Message, reply keyboard the client would show instead)."""
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in value:
        if inline_only:
            raise bad("inline keyboard expected")
        if any(key in value for key in ("keyboard", "remove_keyboard", "force_reply")):
            return None, value
        raise bad("can't parse reply keyboard markup JSON object")
    rows = value["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    if sum(len(row) for row in rows) > BUTTONS_LIMIT:
        raise bad("reply markup is too long")
    for row in rows:
        for button in row:
            _check_button(button)
    rows = [[dict(button) for button in row] for row in rows if row]
    return ({"inline_keyboard": rows} if rows else None), None


def _check_button(button) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad("can't parse inline keyboard button: Field \"text\" must be of type String")
    if not button["text"].strip():
        raise bad("BUTTON_TEXT_INVALID")
    actions = [name for name in BUTTON_ACTIONS if name in button]
    if len(actions) != 1:
        raise bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise bad("BUTTON_DATA_INVALID")
    if "url" in button and not str(button["url"]).startswith(("http://", "https://", "tg://")):
        raise bad("BUTTON_URL_INVALID")


def stored_media(world: World, p: Params, value, kind: str) -> StoredFile:
    """A file given as an upload, an attach://name part, or a file_id of a file the world holds."""
    if isinstance(value, str) and value.startswith("attach://"):
        value = p.raw(value[len("attach://"):])
        if not isinstance(value, Upload):
            raise bad("can't parse InputMedia: media not found")
    if isinstance(value, Upload):
        return _store_upload(world, value, kind)
    if not isinstance(value, str) or not value:
        raise bad(f"there is no {kind} in the request")
    if value in world.files.by_id:
        stored = world.files.by_id[value]
        if (stored.kind == "photo") != (kind == "photo"):
            raise bad(f"can't use file of type {stored.kind.title()} as {kind.title()}")
        return stored
    if value.startswith(("http://", "https://")):
        raise bad("failed to get HTTP URL content")  # the sandbox reaches no other host
    raise bad("wrong file identifier/HTTP URL specified")


def _store_upload(world: World, upload: Upload, kind: str) -> StoredFile:
    if not upload.data:
        raise bad("file must be non-empty")
    if len(upload.data) > DOCUMENT_LIMIT:
        raise ApiError(413, "Request Entity Too Large")
    mime_type = upload.content_type if upload.content_type not in (None, "application/octet-stream") else None
    try:
        return world.files.put(upload.data, kind, upload.file_name, mime_type)
    except NotAnImage:
        raise bad("IMAGE_PROCESS_FAILED") from None
