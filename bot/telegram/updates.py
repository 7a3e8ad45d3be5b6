"""Telegram `Update` → neutral `Incoming`."""
from __future__ import annotations

from telegram import Message, Update

from bot.telegram.buttons import ButtonCodec
from handlers.core.messages import Attachment, ButtonPress, ChatRef, Incoming, Sender

PLATFORM = "telegram"
# A press whose data does not verify is still dispatched, as a button nobody registered: the user is
# told the button no longer works, and nothing else happens.
FORGED = ButtonPress("forged")


def to_incoming(update: Update, bot_id: int, codec: ButtonCodec) -> Incoming | None:
    """None for updates ClassBridge does not act on (edits, joins, channel posts…)."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    key = f"{PLATFORM}:{bot_id}:{update.update_id}"
    sender = Sender(str(user.id), user.full_name or user.username or str(user.id), user.username,
                    user.language_code)
    chat_ref = ChatRef(PLATFORM, str(chat.id), chat.type == chat.PRIVATE)
    if update.callback_query is not None:
        query = update.callback_query
        message_id = str(query.message.message_id) if query.message else None
        return Incoming(key, chat_ref, sender, button=codec.decode(query.data) or FORGED, message_id=message_id)
    message = update.message
    if message is None:
        return None
    return Incoming(key, chat_ref, sender, text=message.text or message.caption or "",
                    attachments=attachments_of(message), message_id=str(message.message_id))


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
