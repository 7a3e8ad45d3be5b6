"""The delivery worker: sends what the outbox holds, within the platforms' limits, each push once, and
applies the tally edits asked for. What a failed send leads to is `send_outcomes.classify`'s call.

Chats are served concurrently and each chat serially, so a slow or broken chat only delays itself.
`run_once` does one pass and waits for it (tests drive it with a FixedClock); `running` keeps passing
in the background for as long as the app runs."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.outbox_claims import Claimed, claim_due, mark_failed, mark_sent, retry_later
from bot.rate_limit import RateLimiter
from bot.send_outcomes import Action, Outcome, classify
from bot.tally_edits import EditJob, claim_edits, edit_later, mark_edited
from handlers.core.clock import Clock
from handlers.core.messages import ChatRef, Reply
from handlers.core.ports import Messenger

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerConfig:
    batch_size: int = 200
    lease: timedelta = timedelta(minutes=2)
    send_timeout: float = 30.0  # seconds; a send that takes longer is retried like a network error
    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    poll_interval: float = 1.0
    # Seconds a push may wait in memory for its limit to free a place, instead of going back to the store
    # and being claimed again: the claim's round trip would otherwise come on top of every window. Shorter
    # than the overall limit's window, whose places are what is claimed ahead.
    hold: float = 0.0


@dataclass
class PassResult:
    sent: int = 0
    edited: int = 0
    deferred: int = 0  # waiting for a rate limit, a retry_after or a backoff
    failed: int = 0


@dataclass
class OutboxWorker:
    sessions: async_sessionmaker[AsyncSession]
    messengers: dict[str, Messenger]
    clock: Clock
    limiter: RateLimiter = field(default_factory=RateLimiter)
    config: WorkerConfig = field(default_factory=WorkerConfig)
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep  # only for `hold`
    # Set when rows were written that are due now (replies): the next pass starts at once, not after a poll.
    wake: asyncio.Event | None = None
    _busy: set[tuple[str, str]] = field(default_factory=set)
    _tasks: set[asyncio.Task] = field(default_factory=set)

    async def run_once(self) -> PassResult:
        result = PassResult()
        _full, tasks = await self._start_pass(result)
        await asyncio.gather(*tasks)
        return result

    async def run(self) -> None:
        while True:
            full = False
            if self.wake is not None:
                self.wake.clear()  # before the claim: rows written from now on are seen by the next pass
            try:
                full, tasks = await self._start_pass(PassResult())
                for task in tasks:
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
            except Exception:
                log.exception("outbox pass failed")
            # A full claim means more is due: come back as soon as the overall limit has room again.
            pause = self.config.poll_interval
            if full:
                until = self.limiter.until_room(list(self.messengers), self.clock.now()) - self.config.hold
                pause = min(pause, max(0.005, until))
            await self._pause(pause)

    async def _pause(self, seconds: float) -> None:
        if self.wake is None:
            await asyncio.sleep(seconds)
            return
        try:
            await asyncio.wait_for(self.wake.wait(), seconds)
        except TimeoutError:
            pass

    @asynccontextmanager
    async def running(self):
        loop = asyncio.create_task(self.run())
        try:
            yield self
        finally:
            loop.cancel()
            await asyncio.gather(loop, return_exceptions=True)
            # Sends in flight are let finish, so what was sent is also recorded as sent.
            if self._tasks:
                await asyncio.wait(set(self._tasks), timeout=self.config.send_timeout)

    async def _start_pass(self, result: PassResult) -> tuple[bool, list[asyncio.Task]]:
        now = self.clock.now()
        room = min(self.config.batch_size, self.limiter.headroom(list(self.messengers), now, self.config.hold))
        if room <= 0:
            return True, []
        platforms = list(self.messengers)
        items = await claim_due(self.sessions, now, room, self.config.lease, platforms)
        jobs = await claim_edits(self.sessions, now, room, self.config.lease, platforms)
        by_chat: dict[tuple[str, str], tuple[list[Claimed], list[EditJob]]] = {}
        for item in items:
            by_chat.setdefault((item.chat.platform, item.chat.chat_id), ([], []))[0].append(item)
        for job in jobs:
            by_chat.setdefault((job.chat.platform, job.chat.chat_id), ([], []))[1].append(job)
        tasks = []
        for key, (chat_items, chat_jobs) in by_chat.items():
            if key in self._busy:  # still sending from an earlier pass: keep the chat's order
                await retry_later(self.sessions, [i.id for i in chat_items], now + timedelta(seconds=1))
                for job in chat_jobs:
                    await self._send_edit(job, result, busy=True)
                continue
            self._busy.add(key)
            tasks.append(asyncio.create_task(self._serve_chat(key, chat_items, chat_jobs, result)))
        return len(items) >= room, tasks

    async def _serve_chat(self, key, items: list[Claimed], jobs: list[EditJob], result: PassResult) -> None:
        try:
            for index, item in enumerate(items):
                later = await self._send(item, result)
                if later is not None:  # what follows in this chat waits behind it
                    rest = [i.id for i in items[index + 1:]]
                    if rest:
                        await retry_later(self.sessions, rest, later)
                        result.deferred += len(rest)
                    break
            for job in jobs:
                await self._send_edit(job, result)
        except Exception:
            log.exception("serving chat %s:%s failed; its rows return when their lease ends", *key)
        finally:
            self._busy.discard(key)

    def backoff(self, attempts: int) -> timedelta:
        delay = min(self.config.backoff_cap, self.config.backoff_base * 2 ** (attempts - 1))
        return timedelta(seconds=delay * (0.5 + self.rng.random() / 2))

    async def _send(self, item: Claimed, result: PassResult):
        """Sends one row and records the outcome; returns when to come back to its chat, or None to go on."""
        now = self.clock.now()
        if now + timedelta(seconds=self.config.hold + self.config.send_timeout) > item.lease_until:
            await retry_later(self.sessions, [item.id], now)  # too close to losing it to another replica
            result.deferred += 1
            return now
        if item.chat.platform not in self.messengers:
            await mark_failed(self.sessions, item, f"no messenger for {item.chat.platform}", now, unreachable=False)
            result.failed += 1
            return None
        wait = self.limiter.try_start(item.chat, now, ahead=self.config.hold)
        if wait > self.config.hold:
            await retry_later(self.sessions, [item.id], now + timedelta(seconds=wait))
            result.deferred += 1
            return now + timedelta(seconds=wait)
        try:
            if wait > 0:  # claimed ahead of its place, which is kept for it
                await self.sleep(wait)
                now = self.clock.now()
            message_id = await self._attempt(item.chat, item.reply)
        except Exception as error:
            outcome = classify(error, item.attempts + 1, self.config.max_attempts)
            if outcome.action is not Action.DONE:
                return await self._not_sent(item, outcome, error, now, result)
            message_id = None
        await mark_sent(self.sessions, item.id, message_id, self.clock.now())
        result.sent += 1
        return None

    async def _not_sent(self, item: Claimed, outcome: Outcome, error: Exception, now: datetime,
                        result: PassResult) -> datetime | None:
        if outcome.again:
            later = self._again_at(item.chat, outcome, item.attempts + 1, now)
            await retry_later(self.sessions, [item.id], later, outcome.reason,
                              count_attempt=outcome.counts_attempt)
            result.deferred += 1
            return later
        unreachable = outcome.action is Action.UNREACHABLE
        if unreachable:
            log.info("push %s failed: %s:%s is unreachable (%s)", item.dedup_key, item.chat.platform,
                     item.chat.chat_id, error)
        else:
            log.warning("push %s failed after %d attempts: %s", item.dedup_key, item.attempts + 1, outcome.reason)
        await mark_failed(self.sessions, item, outcome.reason, now, unreachable=unreachable)
        result.failed += 1
        return None

    async def _send_edit(self, job: EditJob, result: PassResult, *, busy: bool = False) -> None:
        """Applies one edit within the group's edit limit; "not modified" counts as done, and so does an edit
        given up on (unreachable, or out of attempts): only a newer request edits the message again."""
        now = self.clock.now()
        wait = 1.0 if busy else self.limiter.try_start(job.chat, now, edit=True)
        if wait > 0:
            await edit_later(self.sessions, job, now + timedelta(seconds=wait))
            return
        try:
            await self._attempt(job.chat, job.reply, edit=True)
        except Exception as error:
            outcome = classify(error, job.attempts + 1, self.config.max_attempts)
            if outcome.again:
                await edit_later(self.sessions, job, self._again_at(job.chat, outcome, job.attempts + 1, now),
                                 count_attempt=outcome.counts_attempt)
                return
            if outcome.action is Action.UNREACHABLE:
                log.info("tally %s cannot be edited any more: %s", job.tally_key, error)
            elif outcome.action is Action.GIVE_UP:
                log.warning("tally %s not edited after %d attempts: %s", job.tally_key, job.attempts + 1, error)
        else:
            result.edited += 1
        await mark_edited(self.sessions, job)

    async def _attempt(self, chat: ChatRef, reply: Reply, *, edit: bool = False) -> str | None:
        """One send, within the time-out (past it, `TimeoutError`), holding the place `try_start` gave it."""
        try:
            return await asyncio.wait_for(self.messengers[chat.platform].send(chat, reply), self.config.send_timeout)
        finally:  # counted when its answer is back: the platform counted it at some moment before
            self.limiter.finish(chat, self.clock.now(), edit=edit)

    def _again_at(self, chat: ChatRef, outcome: Outcome, attempt: int, now: datetime) -> datetime:
        """When to try again after a WAIT (the chat is paused as long) or a BACK_OFF after `attempt`."""
        if outcome.action is Action.WAIT:
            self.limiter.pause(chat, now, outcome.retry_after)
            return now + timedelta(seconds=outcome.retry_after)
        return now + self.backoff(attempt)
