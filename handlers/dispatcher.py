"""One update, start to finish: de-duplicate, resolve who and where, run the handler, commit, then reply.

Everything a handler writes happens in one transaction together with the update's key, so a re-delivered
update is a no-op and a failed handler leaves nothing half-written."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.arguments import parse_args
from handlers.clock import Clock
from handlers.context import Context, Defaults
from handlers.errors import NeedsClass, UserError
from handlers.messages import Button, Incoming, Outgoing, PersonTarget, Reply
from handlers.people import WAITING_KINDS, private_chat_of, resolve_sender
from handlers.ports import Platform
from handlers.registry import BUTTONS, COMMANDS, KEYWORDS, load_features
from handlers.texts import normalize_language, render
from models import ClassGroup, PendingCommand, ProcessedUpdate

log = logging.getLogger(__name__)
# Built once: every update runs it first.
RECORD_UPDATE = insert(ProcessedUpdate.__table__)
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\S+)?(?:\s+(.*))?$", re.S)


@dataclass
class Dispatcher:
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    platform: Platform
    defaults: Defaults = field(default_factory=Defaults)

    def __post_init__(self) -> None:
        load_features()

    async def handle(self, incoming: Incoming) -> list[Outgoing]:
        async with self.sessions() as session:
            try:
                await (await session.connection()).execute(
                    RECORD_UPDATE, {"key": incoming.update_key, "processed_at": self.clock.now()})
            except IntegrityError:
                await session.rollback()
                log.info("update %s already applied; skipped", incoming.update_key)
                return []
            try:
                outgoing = await self._apply(session, incoming)
                await session.commit()
            except Exception:
                await session.rollback()
                log.exception("update %s failed", incoming.update_key)
                language = normalize_language(incoming.sender.language, self.defaults.language)
                return [Outgoing(incoming.chat, Reply(text=render(language, "errors.internal")))]
            return outgoing

    async def _apply(self, session: AsyncSession, incoming: Incoming) -> list[Outgoing]:
        sender = await resolve_sender(session, incoming, self.clock, self.defaults)
        ctx = Context(session=session, incoming=incoming, clock=self.clock, platform=self.platform,
                      defaults=self.defaults, person=sender.person, identity=sender.identity,
                      has_waiting_command=sender.waiting)
        if incoming.button is not None and incoming.button.action == "pick":
            await self._guarded(ctx, lambda: self._pick(ctx, incoming.button.args))
        elif incoming.button is not None:
            handler = BUTTONS.get(incoming.button.action)
            if handler is None:
                ctx.replies.append(Reply(text=ctx.text("errors.stale_button"), popup=True))
            else:
                await self._guarded(ctx, lambda: handler(ctx, incoming.button))
        else:
            text = await self._command_text(ctx)
            if text is not None:
                await self.run_command(ctx, text)
        return await self._address(session, ctx)

    async def _command_text(self, ctx: Context) -> str | None:
        """The command this message means, completing a command that waits for text or a file."""
        incoming = ctx.incoming
        text = incoming.text.strip()
        if text.startswith("/"):
            return text
        if not incoming.chat.is_private:
            return None  # groups hear only commands: no chatter under every message
        pending = None if not ctx.has_waiting_command else await ctx.session.scalar(
            select(PendingCommand).where(PendingCommand.person_id == ctx.person.id,
                                         PendingCommand.kind.in_(WAITING_KINDS))
            .order_by(PendingCommand.id.desc())
        )
        if pending is not None and (pending.kind == "text" and text or pending.kind == "file" and incoming.attachments):
            await ctx.session.delete(pending)
            return f"{pending.text} {text}".strip()
        first = text.split(maxsplit=1)[0] if text else ""
        if first in KEYWORDS:
            return "/" + KEYWORDS[first] + text[len(first):]
        ctx.say("help.unknown_text")
        return None

    async def run_command(self, ctx: Context, text: str) -> None:
        match = _COMMAND.match(text)
        name = match.group(1).lower() if match else ""
        command = COMMANDS.get(name)
        if command is None:
            if ctx.incoming.chat.is_private:
                ctx.say("errors.unknown_command", command=name or text.split()[0])
            return
        ctx.command = name
        ctx.usage = command.usage

        async def call():
            if command.where == "private":
                ctx.require_private()
            elif command.where == "group":
                ctx.require_group()
            await command.func(ctx, parse_args(match.group(2) or ""))

        await self._guarded(ctx, call, text)

    async def _guarded(self, ctx: Context, call, text: str | None = None) -> None:
        """Runs a handler in a savepoint: a user's mistake undoes its writes and is answered clearly."""
        try:
            async with ctx.session.begin_nested():
                await call()
        except UserError as error:
            ctx.replies.clear()
            key = error.key if "." in error.key else f"errors.{error.key}"
            message = render(ctx.language, key, **error.values)
            if ctx.usage and error.key not in ("not_allowed", "private_only", "group_only"):
                message += "\n" + render(ctx.language, "usage.line", usage=render(ctx.language, ctx.usage))
            ctx.replies.append(Reply(text=message, popup=ctx.incoming.button is not None))
        except NeedsClass as needs:
            ctx.replies.clear()
            await self._ask_class(ctx, needs.class_ids, text)

    async def _ask_class(self, ctx: Context, class_ids: list[int], text: str | None) -> None:
        pending = PendingCommand(person_id=ctx.person.id, kind="class", text=text or "", created_at=ctx.now())
        ctx.session.add(pending)
        await ctx.session.flush()
        classes = (await ctx.session.scalars(select(ClassGroup).where(ClassGroup.id.in_(class_ids)))).all()
        buttons = [(Button(c.name, "pick", (str(pending.id), str(c.id))),) for c in classes]
        ctx.say("help.which_class", buttons=buttons)

    async def _pick(self, ctx: Context, args: tuple[str, ...]) -> None:
        """The answer to "which class?": run the waiting command again for the chosen class."""
        pending = await ctx.session.get(PendingCommand, int(args[0])) if args and args[0].isdigit() else None
        if pending is None or pending.person_id != ctx.person.id or pending.kind != "class":
            raise UserError("stale_button")
        text = pending.text
        await ctx.session.delete(pending)
        ctx.forced_class_id = int(args[1])
        if ctx.incoming.message_id:
            ctx.replies.append(Reply(text=ctx.text("help.class_chosen"), edit_message_id=ctx.incoming.message_id))
        await self.run_command(ctx, text)

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
