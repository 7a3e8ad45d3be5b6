"""A class of six for highlights tests, photos and albums sent by the teacher, and the digest's scheduler."""
from __future__ import annotations

from handlers.core.messages import Attachment, Incoming
from support.habit_class import class_with_families

CHILDREN = ("小明", "小红", "小刚", "小丽", "小华", "小军")


async def highlight_class(dialog):
    return await class_with_families(dialog, children=CHILDREN)


async def send_photos(member, text: str, count: int, *, album: str | None = None, chat=None):
    """`count` photos, the first with `text` as its caption; with `album`, as one Telegram album's updates.
    Returns what the bot said to each update."""
    answers = []
    for index in range(count):
        file_id = member.dialog.platform.store_file(f"photo {index + 1} of {album or text}".encode())
        member.last = Incoming(member.dialog.next_key(), chat or member.chat, member.sender,
                               text if index == 0 else "", (Attachment("photo", file_id, None, "image/jpeg"),),
                               media_group=album)
        answers.append(await member.dialog.deliver(member.last))
    return answers


class Digests:
    """The scheduler's tick over the highlights provider and the delivery worker, on the dialog's clock."""

    def __init__(self, dialog, sessions, clock):
        from bot.outbox_worker import OutboxWorker
        from schedules.providers import load_providers

        self.providers = {"highlight_digest": load_providers()["highlight_digest"]}
        self.sessions, self.clock, self.messenger = sessions, clock, dialog.messenger
        self.worker = OutboxWorker(sessions, {"fake": dialog.messenger}, clock)

    async def run(self, rounds: int = 6):
        """A tick, then delivery passes a few seconds apart (one message a second per private chat)."""
        from schedules.tick import tick

        before = len(self.messenger.transcript)
        await tick(self.sessions, self.clock.now(), self.providers)
        for _ in range(rounds):
            await self.worker.run_once()
            self.clock.advance(seconds=3)
        return self.messenger.transcript[before:]
