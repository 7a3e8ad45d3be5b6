"""The sandbox's people, chats and messages, and the Bot API JSON they are shown as."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.sandbox.signals import Signal

OWNER, ADMINISTRATOR, MEMBER = "creator", "administrator", "member"


@dataclass
class Person:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    started: bool = False  # pressed Start in the private chat with the bot
    blocked: bool = False  # blocked the bot

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass
class Entry:
    """A message as the chat holds it: the Bot API object plus what only the sandbox page needs."""
    message: dict
    html: str | None = None  # the text or caption as the bot wrote it, when it used parse_mode=HTML
    keyboard: dict | None = None  # a reply keyboard (not part of the Message object, shown by clients)
    reactions: list = field(default_factory=list)

    @property
    def message_id(self) -> int:
        return self.message["message_id"]

    @property
    def sender_id(self) -> int | None:
        return self.message.get("from", {}).get("id")


@dataclass
class Chat:
    id: int
    type: str  # "private" or "supergroup"
    title: str | None = None
    username: str | None = None
    person: Person | None = None  # the other side of a private chat
    members: dict[int, str] = field(default_factory=dict)  # user id -> status
    entries: dict[int, Entry] = field(default_factory=dict)
    next_message_id: int = 1
    action: tuple[str, float] | None = None  # the last sendChatAction and when
    bot_kicked: bool = False
    changed: Signal = field(default_factory=Signal)

    @property
    def is_group(self) -> bool:
        return self.type != "private"


def user_json(person: Person) -> dict:
    data = {"id": person.id, "is_bot": person.is_bot, "first_name": person.first_name}
    for name in ("last_name", "username", "language_code"):
        if getattr(person, name):
            data[name] = getattr(person, name)
    return data


def chat_json(chat: Chat) -> dict:
    data = {"id": chat.id, "type": chat.type}
    if chat.person is not None:
        data["first_name"] = chat.person.first_name
        if chat.person.last_name:
            data["last_name"] = chat.person.last_name
        if chat.person.username:
            data["username"] = chat.person.username
    else:
        data["title"] = chat.title or ""
        if chat.username:
            data["username"] = chat.username
    return data


def chat_full_info_json(chat: Chat) -> dict:
    return {
        **chat_json(chat), "accent_color_id": 0, "max_reaction_count": 11,
        "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                                "premium_subscription": False, "gifts_from_channels": False},
    }


def chat_member_json(person: Person, status: str) -> dict:
    user = user_json(person)
    if status == OWNER:
        return {"status": OWNER, "user": user, "is_anonymous": False}
    if status == ADMINISTRATOR:
        rights = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                  "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
                  "can_edit_stories", "can_delete_stories", "can_pin_messages")
        return {"status": ADMINISTRATOR, "user": user, "can_be_edited": False, "is_anonymous": False,
                **{right: right != "can_promote_members" for right in rights}}
    return {"status": status, "user": user}


def photo_sizes_json(stored) -> list[dict]:
    return [{"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "width": stored.width,
             "height": stored.height, "file_size": len(stored.data)}]


def document_json(stored) -> dict:
    data = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_size": len(stored.data)}
    if stored.file_name:
        data["file_name"] = stored.file_name
    if stored.mime_type:
        data["mime_type"] = stored.mime_type
    return data


def voice_json(stored, duration: int) -> dict:
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "duration": duration,
            "mime_type": stored.mime_type or "audio/ogg", "file_size": len(stored.data)}


def file_json(stored) -> dict:
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data), "file_path": stored.file_path}


def bot_user_json(bot: Person, privacy_mode: bool) -> dict:
    """getMe's User, with the fields only getMe carries."""
    return {**user_json(bot), "can_join_groups": True, "can_read_all_group_messages": not privacy_mode,
            "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}
