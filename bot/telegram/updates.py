"""Telegram `Update` → neutral `Incoming`."""
from __future__ import annotations

from telegram import Message, Update

from bot.telegram.buttons import ButtonCodec
from handlers.core.messages import Attachment, ButtonPress, ChatRef, Incoming, Sender

PLATFORM = "telegram"
# A press whose data does not verify is still dispatched, as a button nobody registered: the user is
# told the button no longer works, and nothing else happens.
FORGED = ButtonPress("forged")


def text_of(value) -> str | None:
    """A Bot API string, or None for anything else in its place: PTB does not check the types it reads."""
    return value if isinstance(value, str) else None


def unusable(*values) -> bool:
    """A field that is there but is no string: not an update Telegram sent, and nothing to guess from."""
    return any(value is not None and not isinstance(value, str) for value in values)


def to_incoming(update: Update, bot_id: int, codec: ButtonCodec) -> Incoming | None:
    """None for updates ClassBridge does not act on (edits, joins, channel posts…) or cannot read."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    if not isinstance(update.update_id, int) or not isinstance(user.id, int) or not isinstance(chat.id, int):
        return None
    key = f"{PLATFORM}:{bot_id}:{update.update_id}"
    name = " ".join(part for part in (text_of(user.first_name), text_of(user.last_name)) if part)
    username = text_of(user.username)
    sender = Sender(str(user.id), name or username or str(user.id), username, text_of(user.language_code))
    chat_ref = ChatRef(PLATFORM, str(chat.id), chat.type == chat.PRIVATE)
    if update.callback_query is not None:
        query = update.callback_query
        if unusable(query.data):
            return None
        message_id = str(query.message.message_id) if query.message else None
        return Incoming(key, chat_ref, sender, button=codec.decode(query.data) or FORGED, message_id=message_id)
    message = update.message
    if message is None or unusable(message.text, message.caption):
        return None
    return Incoming(key, chat_ref, sender, text=message.text or message.caption or "",
                    attachments=attachments_of(message), message_id=str(message.message_id),
                    media_group=text_of(message.media_group_id))


def attachments_of(message: Message) -> tuple[Attachment, ...]:
    found = []
    if message.photo:
        largest = max(message.photo, key=lambda size: size.width * size.height)
        found.append(Attachment("photo", largest.file_id, None, "image/jpeg", largest.file_size))
    if message.document:
        document = message.document
        found.append(Attachment("document", document.file_id, document.file_name, document.mime_type,
                                document.file_size))
    if message.voice:
        found.append(Attachment("voice", message.voice.file_id, None, message.voice.mime_type,
                                message.voice.file_size))
    return tuple(found)
