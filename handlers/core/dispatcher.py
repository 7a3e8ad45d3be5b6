"""One update, start to finish: de-duplicate, resolve who and where, run the handler, commit, then reply.

Everything a handler writes happens in one transaction together with the update's key, so a re-delivered
update is a no-op and a failed handler leaves nothing half-written. A platform adapter may add its own step
inside that transaction (`Step`: WeChat turns a bare number into a button press, or holds a photo)."""
from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core import waits
from handlers.core.arguments import Args, parse_args
from handlers.core.class_choice import ask_class
from handlers.core.clock import Clock
from handlers.core.context import Context, Defaults
from handlers.core.declarations import Command
from handlers.core.errors import NeedsClass, UserError
from handlers.core.messages import Incoming, Outgoing, PersonTarget, Reply
from handlers.core.people import private_chat_of, resolve_sender
from handlers.core.ports import Platform
from handlers.core.registry import registry
from handlers.core.texts import normalize_language, render
from handlers.core.typos import closest
from models import ProcessedUpdate

log = logging.getLogger(__name__)
# Built once: every update runs it first.
RECORD_UPDATE = insert(ProcessedUpdate.__table__)
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@(\S+))?(?:\s+(.*))?$", re.S)
# Runs inside the update's transaction before routing; True means it answered the update itself.
Step = Callable[[Context], Awaitable[bool]]
# Runs inside the update's transaction on what is about to be sent (WeChat numbers the buttons).
Finish = Callable[[AsyncSession, list[Outgoing]], Awaitable[list[Outgoing]]]
REFUSALS = ("not_allowed", "private_only", "group_only")


@dataclass
class Dispatcher:
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    platform: Platform
    defaults: Defaults = field(default_factory=Defaults)
    file_sources: Mapping[str, Platform] = field(default_factory=dict)  # every served platform, by name

    def __post_init__(self) -> None:
        registry()  # a name declared twice fails here, at start-up

    async def handle(self, incoming: Incoming, *, step: Step | None = None,
                     finish: Finish | None = None) -> list[Outgoing]:
        async with self.sessions() as session:
            if not await self._record(session, incoming.update_key):
                return []
            try:
                outgoing = await self._apply(session, incoming, step)
                if finish is not None:
                    outgoing = await finish(session, outgoing)
                await session.commit()
            except Exception:
                await session.rollback()
                log.exception("update %s failed", incoming.update_key)
                language = normalize_language(incoming.sender.language, self.defaults.language)
                return [Outgoing(incoming.chat, Reply(text=render(language, "errors.internal")))]
            return outgoing

    async def handle_event(self, update_key: str, apply: Callable[[AsyncSession], Awaitable[None]]) -> None:
        """An update that is not a message (a WeChat unfollow): applied once, in a transaction of its own."""
        async with self.sessions() as session:
            if await self._record(session, update_key):
                await apply(session)
                await session.commit()

    async def _record(self, session: AsyncSession, update_key: str) -> bool:
        """Inserts the update's key first; False when it was applied already (a re-delivery)."""
        try:
            await (await session.connection()).execute(
                RECORD_UPDATE, {"key": update_key, "processed_at": self.clock.now()})
        except IntegrityError:
            await session.rollback()
            log.info("update %s already applied; skipped", update_key)
            return False
        return True

    async def _apply(self, session: AsyncSession, incoming: Incoming, step: Step | None) -> list[Outgoing]:
        sender = await resolve_sender(session, incoming, self.clock, self.defaults)
        ctx = Context(session=session, incoming=incoming, clock=self.clock, platform=self.platform,
                      defaults=self.defaults, person=sender.person, identity=sender.identity,
                      has_wait=sender.waiting, dispatcher=self,
                      file_sources=self.file_sources)
        if step is not None and await step(ctx):
            return await self._address(session, ctx)
        press = ctx.incoming.button
        if press is not None and press.action == waits.CHOICE:
            await self._guarded(ctx, lambda: self._resume_choice(ctx, press.args))
        elif press is not None:
            handler = registry().buttons.get(press.action)
            if handler is None:
                ctx.replies.append(Reply(text=ctx.text("errors.stale_button"), popup=True))
            else:
                await self._guarded(ctx, lambda: handler(ctx, press))
        else:
            await self._message(ctx)
        return await self._address(session, ctx)

    async def _message(self, ctx: Context) -> None:
        """A command runs (ending any wait); privately, other text answers a wait, or is a keyword."""
        incoming = ctx.incoming
        text = incoming.text.strip()
        if text.startswith("/"):
            await self.run_command(ctx, text)
            return
        if not incoming.chat.is_private:
            return  # groups hear only commands: no chatter under every message
        if ctx.has_wait and await self._resume_with_message(ctx):
            return
        first = text.split(maxsplit=1)[0] if text else ""
        keywords = registry().keywords
        if first in keywords:
            await self.run_command(ctx, "/" + keywords[first] + text[len(first):])
            return
        ctx.say("help.unknown_text")

    async def _resume_with_message(self, ctx: Context) -> bool:
        wait = await waits.current(ctx.session, ctx.person.id, ctx.now())
        chat = ctx.incoming.chat
        if wait is None or (wait.platform, wait.chat_id) != (chat.platform, chat.chat_id):
            return False
        kind = registry().waits.get(wait.name)
        if kind is None:  # a feature that no longer declares it: the wait is void
            await waits.end(ctx.session, ctx.person.id)
            return False
        answer = waits.Answer(text=ctx.incoming.text.strip(), attachments=ctx.incoming.attachments)
        first = answer.text.split(maxsplit=1)[0] if answer.text else ""
        if first in registry().keywords and (kind.yields_to_keywords or not answer.kinds & kind.accepts):
            return False  # a keyword command, where no text was asked for: it runs, and ends the wait
        if not answer.kinds & kind.accepts:
            ctx.say(kind.prompt)  # says again what the bot waits for, and how to stop
            return True
        await waits.end(ctx.session, ctx.person.id)
        data = kind.data.model_validate(wait.data)
        await self._guarded(ctx, lambda: kind.resume(ctx, data, answer))
        return True

    async def _resume_choice(self, ctx: Context, args: tuple[str, ...]) -> None:
        wait = await waits.current(ctx.session, ctx.person.id, ctx.now())
        if wait is None or not args or str(wait.id) != args[0]:
            raise UserError("stale_button")
        kind = registry().waits.get(wait.name)
        if kind is None or "choice" not in kind.accepts:
            raise UserError("stale_button")
        await waits.end(ctx.session, ctx.person.id)
        await kind.resume(ctx, kind.data.model_validate(wait.data), waits.Answer(choice=args[1:]))

    async def run_command(self, ctx: Context, text: str) -> None:
        match = _COMMAND.match(text)
        name = match.group(1).lower() if match else ""
        addressed = match.group(2) if match else None
        if addressed and not ctx.is_private and not self._is_ours(addressed):
            return  # `/checkin@otherbot` in a group belongs to that bot
        if ctx.has_wait:
            ctx.ended_wait = await self._end_wait(ctx)
        command = registry().commands.get(name)
        if command is None:
            # In a group another bot's command stays unanswered; a near miss of ours gets one line.
            suggestion = closest(name, registry().commands) if name else None
            if not ctx.is_private and suggestion is not None:
                await ctx.group_class()  # the group's language
            if suggestion is not None:
                ctx.say("errors.did_you_mean", command=name, suggestion=suggestion)
            elif ctx.is_private:
                ctx.say("errors.unknown_command", command=name or text.split()[0])
            return
        if not ctx.is_private:
            await ctx.group_class()  # looked up once here; the handler's own question is then free
        try:
            args = parse_args(match.group(3) or "")
        except UserError as error:  # an unclosed quote: answered like any other mistake, not as a crash
            ctx.command = command.name
            ctx.usage = command.usage_key if ctx.is_private or command.where == "group" else ""
            return await self._guarded(ctx, _refuse(error))
        await self.run_parsed(ctx, command, args)

    def _is_ours(self, username: str) -> bool:
        ours = self.platform.bot_username
        return ours is None or username.lower() == ours.lower()

    async def _end_wait(self, ctx: Context) -> str | None:
        wait = await waits.current(ctx.session, ctx.person.id, ctx.now())
        await waits.end(ctx.session, ctx.person.id)
        ctx.has_wait = False
        return wait.name if wait is not None else None

    async def run_parsed(self, ctx: Context, command: Command, args: Args) -> None:
        """Picks the subcommand, checks its where-rule and roles as declared, then runs it."""
        ctx.command = command.name
        ctx.usage = command.usage_key
        func, roles, where, given = command.func, command.roles, command.where, args
        if command.subcommands:
            named = command.sub(args.word(0)) if args.words else None
            sub = named or (command.sub(None) if not args.words else None)
            if sub is None and args.words and command.fallback:
                sub = command.sub(command.fallback)
            if named is not None:
                args = Args(args.words[1:], args.options)
            if sub is None:
                return await self._guarded(ctx, _unknown_action(args.word(0)))
            else:
                ctx.command = f"{command.name} {sub.name}"
                ctx.usage = sub.usage or command.usage_key
                func, roles, where = sub.func, sub.roles or command.roles, sub.where
        if not ctx.is_private and where != "group":
            # A usage line under an error is noise for the whole group; privately, or for a command that
            # only works in the group (/setup), it is the help the person needs.
            ctx.usage = ""

        async def call():
            if where == "private":
                ctx.require_private()
            elif where == "group":
                ctx.require_group()
            if roles:
                await ctx.check_roles(roles)
            await func(ctx, args)

        await self._guarded(ctx, call, command, given)

    async def _guarded(self, ctx: Context, call, command: Command | None = None, args: Args | None = None) -> None:
        """Runs a handler in a savepoint: a user's mistake undoes its writes and is answered clearly."""
        try:
            async with ctx.session.begin_nested():
                await call()
        except UserError as error:
            ctx.replies.clear()
            key = error.key if "." in error.key else f"errors.{error.key}"
            message = render(ctx.language, key, **error.values)
            if ctx.usage and error.key not in REFUSALS:
                message += "\n" + render(ctx.language, "usage.line", usage=render(ctx.language, ctx.usage))
            ctx.replies.append(Reply(text=message, popup=ctx.incoming.button is not None))
        except NeedsClass as needs:
            ctx.replies.clear()
            await self._ask_class(ctx, needs.class_ids, command, args)

    async def _ask_class(self, ctx: Context, class_ids: list[int], command: Command | None, args: Args | None):
        if command is None or args is None:
            log.warning("update %s: no command to run again for a chosen class", ctx.incoming.update_key)
            return
        await ask_class(ctx, class_ids, command.name, args)

    async def _address(self, session: AsyncSession, ctx: Context) -> list[Outgoing]:
        """Turns each reply's target into a chat; private messages go only to those who started the bot."""
        outgoing = []
        for reply in ctx.replies:
            if reply.to is None:
                outgoing.append(Outgoing(ctx.incoming.chat, reply))
            elif isinstance(reply.to, PersonTarget):
                chat = await private_chat_of(session, reply.to.person_id, prefer=ctx.incoming.chat.platform)
                if chat is None:
                    log.info("person %s has not started the bot privately; message not sent", reply.to.person_id)
                else:
                    outgoing.append(Outgoing(chat, reply, person_id=reply.to.person_id))
            else:
                outgoing.append(Outgoing(reply.to, reply))
        return outgoing


def _refuse(error: UserError):
    async def refuse():
        raise error
    return refuse


def _unknown_action(word: str | None):
    async def refuse():
        raise UserError("unknown_action", action=word or "")
    return refuse

