"""The contract between features and the scheduler: a provider says what is due; the scheduler sends it once.

A feature keeps its own schedule state in its own rows (e.g. a plan's next reminder time) and registers a
provider. On every tick the scheduler calls `due(session, now)` on each provider inside one transaction;
the provider returns the pushes whose time has come and advances its own rows in the same transaction.
The scheduler writes each push as an outbox row whose `dedup_key` is unique in the store, so a tick that
runs twice, late, or on two replicas sends each push once."""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.pushes import Push
from handlers.core.registry import DuplicateName, registry
from handlers.features import FEATURES

__all__ = ["PROVIDERS", "Provider", "Push", "load_providers", "provider"]

Provider = Callable[[AsyncSession, datetime], Awaitable[list[Push]]]

PROVIDERS: dict[str, Provider] = {}


class UndeclaredPush(RuntimeError):
    pass


def provider(name: str):
    """Registers a feature's provider: `@provider("habit_daily") async def due(session, now) -> list[Push]`.
    The name is a push kind its feature's manifest declares; a name registered twice fails at start-up."""

    def register(func: Provider) -> Provider:
        if name in PROVIDERS and PROVIDERS[name] is not func:
            raise DuplicateName(f"provider {name!r} is registered twice")
        PROVIDERS[name] = func
        return func

    return register


def load_providers() -> dict[str, Provider]:
    """Imports `schedules.<feature>` for every feature that has one (and the core's scheduled messages)."""
    for module in ("core", *FEATURES):
        if importlib.util.find_spec(f"schedules.{module}") is not None:
            importlib.import_module(f"schedules.{module}")
    declared = registry().pushes
    undeclared = sorted(name for name in PROVIDERS if name not in declared and name != "scheduled_messages")
    if undeclared:
        raise UndeclaredPush(f"providers {undeclared} hand out push kinds no feature manifest declares")
    return PROVIDERS
