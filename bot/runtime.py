"""Everything one running process holds: settings, the store, the clock, the dispatcher and the platforms.

Built once in `classbridge run` (and by tests), never at import time."""
from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.rate_limit import RateLimiter, limits_from
from bot.settings import Settings
from handlers.core.clock import Clock, SystemClock
from handlers.core.context import Defaults
from handlers.core.ports import Platform
from models.engine import make_engine, make_sessionmaker

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    # The process's one count of what it sends, so pushes and replies together keep to the platforms' limits.
    send_limiter: RateLimiter = field(default_factory=RateLimiter)
    # Each served platform by name, for fetching a file sent on one platform to show it on another (a photo
    # a family sent on the Official Account, reviewed by a teacher in the WeCom app).
    file_sources: dict[str, Platform] = field(default_factory=dict)
    exit_stack: AsyncExitStack = field(default_factory=AsyncExitStack)
    # Set when an update wrote replies to the outbox, so the delivery worker sends them without waiting.
    outbox_added: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def defaults(self) -> Defaults:
        return Defaults(timezone=self.settings.default_timezone, language=self.settings.default_language)

    async def close(self) -> None:
        await self.exit_stack.aclose()
        await self.engine.dispose()


def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    """In the sandbox the clock is the sandbox's own, which its page moves on (`clock` is then its base)."""
    engine = make_engine(settings.database_url)
    clock = clock or SystemClock()
    if settings.sandbox:
        from bot.sandbox.clock import SandboxClock

        clock = SandboxClock(clock)
    return Runtime(settings=settings, engine=engine, sessions=make_sessionmaker(engine), clock=clock,
                   send_limiter=RateLimiter(limits_from(settings)))
