"""Dialog tests read as conversations: `await mum.private("/join ABC123 小明")` returns what the bot said.

Every update goes through the real dispatcher, store and delivery; only the chat platform is in memory."""
from __future__ import annotations

import itertools

from bot.fake import FakeMessenger, FakePlatform, SentMessage
from handlers.core.dispatcher import Dispatcher
from handlers.core.messages import Attachment, ButtonPress, ChatRef, Incoming, Sender
from support.sending import deliver

GROUP_ID = "-1001"


class Dialog:
    def __init__(self, dispatcher: Dispatcher, messenger: FakeMessenger, platform: FakePlatform):
        self.dispatcher = dispatcher
        self.messenger = messenger
        self.platform = platform
        self._updates = itertools.count(1)
        self._people = itertools.count(100)
        self._messages = itertools.count(1)

    def person(self, name: str, *, username: str | None = None, language: str = "zh-hans",
               admin_of: tuple[str, ...] = ()) -> Member:
        member = Member(self, str(next(self._people)), name, username, language)
        for chat_id in admin_of:
            self.platform.admins.add((chat_id, member.external_id))
        return member

    def group_chat(self, chat_id: str = GROUP_ID) -> ChatRef:
        return ChatRef("fake", chat_id, False)

    async def deliver(self, incoming: Incoming) -> list[SentMessage]:
        before = len(self.messenger.transcript)
        edited_before = {id(m): len(m.edits) for m in self.messenger.transcript}
        await deliver(self.messenger, await self.dispatcher.handle(incoming))
        new = self.messenger.transcript[before:]
        edited = [m for m in self.messenger.transcript[:before] if len(m.edits) > edited_before[id(m)]]
        return edited + new

    def next_key(self) -> str:
        return f"fake:update:{next(self._updates)}"

    def next_message_id(self) -> str:
        """Every message a person writes has an id, as on Telegram, so the bot can react to it."""
        return f"in-{next(self._messages)}"


class Member:
    def __init__(self, dialog: Dialog, external_id: str, name: str, username: str | None, language: str):
        self.dialog = dialog
        self.external_id = external_id
        self.name = name
        self.username = username
        self.language = language
        self.last: Incoming | None = None

    @property
    def sender(self) -> Sender:
        return Sender(self.external_id, self.name, self.username, self.language)

    @property
    def chat(self) -> ChatRef:
        return ChatRef("fake", self.external_id, True)

    async def send(self, chat: ChatRef, text: str = "", *, document: tuple[str, bytes] | None = None,
                   button: ButtonPress | None = None, message_id: str | None = None) -> list[SentMessage]:
        attachments = ()
        if document is not None:
            name, data = document
            attachments = (Attachment("document", self.dialog.platform.store_file(data), name),)
        if button is None and message_id is None:
            message_id = self.dialog.next_message_id()
        self.last = Incoming(self.dialog.next_key(), chat, self.sender, text, attachments, button, message_id)
        return await self.dialog.deliver(self.last)

    async def private(self, text: str = "", **kwargs) -> list[SentMessage]:
        return await self.send(self.chat, text, **kwargs)

    async def group(self, text: str, chat_id: str = GROUP_ID) -> list[SentMessage]:
        return await self.send(self.dialog.group_chat(chat_id), text)

    async def press(self, message: SentMessage, label: str) -> list[SentMessage]:
        """Presses the button whose text contains `label` under a message this person can see."""
        for row in message.buttons:
            for button in row:
                if label in button.text:
                    press = ButtonPress(button.action, button.args)
                    return await self.send(message.chat, button=press, message_id=message.message_id)
        raise AssertionError(f"no button {label!r} under: {message.text!r}")

    async def redeliver(self) -> list[SentMessage]:
        return await self.dialog.deliver(self.last)

    @property
    def reactions(self) -> list[str]:
        """The bot's reactions on this person's last message."""
        last = self.last
        return [r.emoji for r in self.dialog.messenger.reactions
                if last is not None and r.chat == last.chat and r.message_id == last.message_id]

    @property
    def inbox(self) -> list[SentMessage]:
        return self.dialog.messenger.in_chat(self.external_id)
