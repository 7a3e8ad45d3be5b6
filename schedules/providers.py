"""The contract between features and the scheduler: a provider says what is due; the scheduler sends it once.

A feature keeps its own schedule state in its own rows (e.g. a plan's next reminder time) and registers a
provider. On every tick the scheduler calls `due(session, now)` on each provider inside one transaction;
the provider returns the pushes whose time has come and advances its own rows in the same transaction.
The scheduler writes each push as an outbox row whose `dedup_key` is unique in the store, so a tick that
runs twice, late, or on two replicas sends each push once."""
from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.pushes import Push

__all__ = ["PROVIDERS", "Provider", "Push", "load_providers", "provider"]

Provider = Callable[[AsyncSession, datetime], Awaitable[list[Push]]]

PROVIDERS: dict[str, Provider] = {}


def provider(name: str):
    """Registers a feature's provider: `@provider("habit_daily") async def due(session, now) -> list[Push]`."""

    def register(func: Provider) -> Provider:
        PROVIDERS[name] = func
        return func

    return register


# Feature modules whose import registers a provider; a feature adds its module here.
PROVIDER_MODULES = [
    "schedules.scheduled_messages",
    "schedules.habits", "schedules.habit_stars", "schedules.habit_completion",
]


def load_providers() -> dict[str, Provider]:
    for module in PROVIDER_MODULES:
        importlib.import_module(module)
    return PROVIDERS
