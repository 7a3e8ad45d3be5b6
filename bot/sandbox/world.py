"""Everything the stand-in Bot API knows, and the user side: people acting in groups and private chats.

One World is one bot (its token, its update queue, its webhook). All calls happen on the event loop
that serves the Bot API; the user-side methods are synchronous and wake long-polling waiters."""
from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.sandbox.faults import Faults
from bot.sandbox.files import FileStore
from bot.sandbox.formatting import automatic_entities
from bot.sandbox.limits import Limits, RateLimiter
from bot.sandbox.objects import (
    ADMINISTRATOR,
    MEMBER,
    OWNER,
    Chat,
    Entry,
    Person,
    chat_json,
    document_json,
    photo_sizes_json,
    user_json,
)
from bot.sandbox.signals import Signal
from bot.sandbox.stats import Stats

DEFAULT_TOKEN = "7000000001:AAsandbox-ClassBridge-0000000000000"
# What Telegram sends when allowed_updates is empty: everything but these three.
NOT_BY_DEFAULT = {"chat_member", "message_reaction", "message_reaction_count"}


@dataclass
class WebhookConfig:
    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class CallbackRecord:
    chat_id: int
    message_id: int
    user_id: int
    data: str
    answer: dict | None = None  # answerCallbackQuery's text / show_alert / url, once answered


class World:
    def __init__(self, token: str = DEFAULT_TOKEN, *, bot_username: str = "classbridge_bot",
                 bot_name: str = "ClassBridge", privacy_mode: bool = True,
                 clock: Callable[[], float] = time.monotonic, limits: Limits | None = None,
                 faults: Faults | None = None, dates: Callable[[], float] | None = None):
        """`clock` measures the flood limits; `dates` (seconds since the epoch) dates the messages, by
        default real time."""
        self.token = token
        self.clock = clock
        self.dates = dates
        self.bot = Person(int(token.split(":", 1)[0]), bot_name, username=bot_username, is_bot=True)
        self.privacy_mode = privacy_mode
        self.limiter = RateLimiter(limits or Limits(), clock)
        self.faults = faults
        self.webhook = WebhookConfig()
        self.allowed_updates: list[str] | None = None
        self.commands: dict[tuple[str, str], list[dict]] = {}  # (scope JSON, language) -> BotCommands
        self.changed = Signal()  # any chat changed
        self.updates_changed = Signal()
        self._epoch = time.time() - clock()
        # Update ids keep growing across reset(), so a client holding an old offset sees new updates.
        self._update_ids = itertools.count(1)
        self.reset()

    def reset(self) -> None:
        """Forgets people, chats, files, pending updates, limit windows and statistics. The bot's
        identity, webhook and command menus stay, since the bot set those up and will not do it again."""
        self.users: dict[int, Person] = {self.bot.id: self.bot}
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.updates: list[dict] = []
        self.callback_queries: dict[str, CallbackRecord] = {}
        self.limiter.reset()
        self.stats = Stats()
        self._user_ids = itertools.count(1_000_001)
        self._group_ids = itertools.count(1_000_000_001)
        self._query_ids = itertools.count(1)
        self._media_group_ids = itertools.count(1)
        self.changed.bump()
        self.updates_changed.bump()

    @property
    def limits(self) -> Limits:
        return self.limiter.limits

    @limits.setter
    def limits(self, limits: Limits) -> None:
        self.limiter.limits = limits

    def now_date(self) -> int:
        return int(self.dates() if self.dates is not None else self._epoch + self.clock())

    # People and chats

    def add_user(self, first_name: str, last_name: str | None = None, *, username: str | None = None,
                 language_code: str | None = None, user_id: int | None = None, started: bool = False) -> int:
        person = Person(user_id or next(self._user_ids), first_name, last_name, username, language_code,
                        started=started)
        self.users[person.id] = person
        return person.id

    def add_group(self, title: str, *, chat_id: int | None = None, username: str | None = None) -> int:
        chat_id = chat_id or -(1_000_000_000_000 + next(self._group_ids))
        self.chats[chat_id] = Chat(chat_id, "supergroup", title=title, username=username)
        self.touch(self.chats[chat_id])
        return chat_id

    def add_member(self, chat_id: int, user_id: int, admin: bool = False, *, owner: bool = False) -> None:
        """The bot's own id may be added too: as an administrator it sees every message of the group."""
        chat = self.chat(chat_id)
        self._person(user_id)
        chat.members[user_id] = OWNER if owner else ADMINISTRATOR if admin else MEMBER
        if user_id == self.bot.id:
            chat.bot_kicked = False
        self.touch(chat)

    def remove_member(self, chat_id: int, user_id: int) -> None:
        chat = self.chat(chat_id)
        chat.members.pop(user_id, None)
        if user_id == self.bot.id:
            chat.bot_kicked = True
        self.touch(chat)

    def user_blocks_bot(self, user_id: int, blocked: bool = True) -> None:
        self._person(user_id).blocked = blocked

    def chat(self, chat_id: int) -> Chat:
        if chat_id in self.chats:
            return self.chats[chat_id]
        if chat_id in self.users and chat_id != self.bot.id:
            self.chats[chat_id] = Chat(chat_id, "private", person=self.users[chat_id])
            return self.chats[chat_id]
        raise KeyError(f"no chat {chat_id}")

    def bot_status(self, chat: Chat) -> str:
        if chat.bot_kicked:
            return "kicked"
        return chat.members.get(self.bot.id, MEMBER)  # the bot is in every group it was not removed from

    def _person(self, user_id: int) -> Person:
        if user_id not in self.users:
            raise KeyError(f"no user {user_id}")
        return self.users[user_id]

    # What people do

    def user_sends_text(self, chat_id: int, user_id: int, text: str, *,
                        reply_to_message_id: int | None = None) -> dict:
        content = {"text": text}
        if entities := automatic_entities(text):
            content["entities"] = entities
        return self._user_posts(chat_id, user_id, content, reply_to_message_id)

    def user_sends_photo(self, chat_id: int, user_id: int, data: bytes, caption: str | None = None) -> dict:
        stored = self.files.put(data, "photo", strict_image=False)
        return self._user_posts(chat_id, user_id, {"photo": photo_sizes_json(stored), **_caption(caption)})

    def user_sends_album(self, chat_id: int, user_id: int, photos: list[bytes], caption: str | None = None
                         ) -> list[dict]:
        """Several photos sent at once: as Telegram does, one message each, sharing a media_group_id, the
        caption on the first."""
        group = self.new_media_group_id()
        sent = []
        for index, data in enumerate(photos):
            stored = self.files.put(data, "photo", strict_image=False)
            content = {"photo": photo_sizes_json(stored), "media_group_id": group,
                       **_caption(caption if index == 0 else None)}
            sent.append(self._user_posts(chat_id, user_id, content))
        return sent

    def user_sends_document(self, chat_id: int, user_id: int, data: bytes, file_name: str,
                            mime_type: str | None = None, caption: str | None = None) -> dict:
        stored = self.files.put(data, "document", file_name, mime_type)
        return self._user_posts(chat_id, user_id, {"document": document_json(stored), **_caption(caption)})

    def user_presses_button(self, chat_id: int, message_id: int, user_id: int, callback_data: str) -> str:
        """Returns the callback query id; the bot's answer shows up in callback_queries[id].answer."""
        chat, person = self._acting(chat_id, user_id)
        entry = chat.entries.get(message_id)
        if entry is None:
            raise KeyError(f"no message {message_id} in chat {chat_id}")
        rows = entry.message.get("reply_markup", {}).get("inline_keyboard", [])
        if not any(button.get("callback_data") == callback_data for row in rows for button in row):
            raise ValueError(f"message {message_id} has no button with callback_data {callback_data!r}")
        query_id = f"{self.bot.id}{next(self._query_ids):08d}"
        self.callback_queries[query_id] = CallbackRecord(chat_id, message_id, user_id, callback_data)
        self.enqueue("callback_query", {
            "id": query_id, "from": user_json(person), "message": entry.message,
            "chat_instance": str(abs(chat_id) * 7 + self.bot.id), "data": callback_data,
        })
        return query_id

    def _acting(self, chat_id: int, user_id: int) -> tuple[Chat, Person]:
        person = self._person(user_id)
        chat = self.chat(chat_id)
        if chat.is_group and user_id not in chat.members:
            raise ValueError(f"user {user_id} is not a member of {chat_id}")
        if not chat.is_group and chat_id != user_id:
            raise ValueError(f"user {user_id} cannot write in {chat_id}'s private chat")
        return chat, person

    def _user_posts(self, chat_id: int, user_id: int, content: dict, reply_to: int | None = None) -> dict:
        chat, person = self._acting(chat_id, user_id)
        if not chat.is_group:
            # Writing to the bot (Start, or anything after unblocking) opens the conversation.
            person.started, person.blocked = True, False
        entry = self.post(chat, person, content, reply_to=reply_to)
        if self._bot_sees(chat, entry):
            self.enqueue("message", entry.message)
        return entry.message

    def _bot_sees(self, chat: Chat, entry: Entry) -> bool:
        """Privacy mode: in a group the bot sees commands, mentions of it and replies to it, unless
        it is an administrator there or privacy mode is off."""
        if not chat.is_group:
            return True
        status = self.bot_status(chat)
        if status == "kicked":
            return False
        if not self.privacy_mode or status in (ADMINISTRATOR, OWNER):
            return True
        message = entry.message
        if message.get("reply_to_message", {}).get("from", {}).get("id") == self.bot.id:
            return True
        text = message.get("text") or message.get("caption") or ""
        mine = f"@{self.bot.username}".lower()
        for entity in message.get("entities") or message.get("caption_entities") or []:
            word = text.encode("utf-16-le")[2 * entity["offset"]:2 * (entity["offset"] + entity["length"])]
            word = word.decode("utf-16-le").lower()
            if entity["type"] == "bot_command" and ("@" not in word or word.endswith(mine)):
                return True
            if entity["type"] == "mention" and word == mine:
                return True
        return False

    # Messages, from either side

    def post(self, chat: Chat, sender: Person, content: dict, *, html: str | None = None,
             keyboard: dict | None = None, reply_to: int | None = None) -> Entry:
        message = {"message_id": chat.next_message_id, "from": user_json(sender), "chat": chat_json(chat),
                   "date": self.now_date(), **content}
        if reply_to is not None and reply_to in chat.entries:
            quoted = dict(chat.entries[reply_to].message)
            quoted.pop("reply_to_message", None)  # Telegram nests replies one level deep only
            message["reply_to_message"] = quoted
        chat.next_message_id += 1
        entry = chat.entries[message["message_id"]] = Entry(message, html=html, keyboard=keyboard)
        self.touch(chat)
        return entry

    def new_media_group_id(self) -> str:
        return f"{self.bot.id}{next(self._media_group_ids):010d}"

    def messages(self, chat_id: int) -> list[dict]:
        return [entry.message for entry in self.chat(chat_id).entries.values()]

    def entries(self, chat_id: int) -> list[Entry]:
        return list(self.chat(chat_id).entries.values())

    # Observing changes

    def touch(self, chat: Chat) -> None:
        chat.changed.bump()
        self.changed.bump()

    def version(self, chat_id: int | None = None) -> int:
        return (self.changed if chat_id is None else self.chat(chat_id).changed).version

    async def wait_for_change(self, chat_id: int | None = None, after: int | None = None,
                              timeout: float | None = 25.0) -> int:
        """Long-poll helper for the page: returns the version once it passes `after`, or on timeout."""
        signal = self.changed if chat_id is None else self.chat(chat_id).changed
        return await signal.wait(signal.version if after is None else after, timeout)

    # The update queue

    def enqueue(self, kind: str, payload: dict) -> None:
        allowed = set(self.allowed_updates) if self.allowed_updates else None
        if (kind not in allowed) if allowed else (kind in NOT_BY_DEFAULT):
            return
        # A snapshot, so a later edit of the message does not rewrite an update still in the queue.
        self.updates.append({"update_id": next(self._update_ids), kind: copy.deepcopy(payload)})
        self.updates_changed.bump()

    def confirm_updates(self, offset: int) -> None:
        """getUpdates' offset: drops the updates before it; a negative one keeps only the last -offset."""
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [update for update in self.updates if update["update_id"] >= offset]


def _caption(caption: str | None) -> dict:
    if not caption:
        return {}
    entities = automatic_entities(caption)
    return {"caption": caption, **({"caption_entities": entities} if entities else {})}
