"""The table of commands and buttons. Feature modules register themselves with the decorators below."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handlers.arguments import Args
    from handlers.context import Context
    from handlers.messages import ButtonPress

CommandFunc = Callable[["Context", "Args"], Awaitable[None]]
ButtonFunc = Callable[["Context", "ButtonPress"], Awaitable[None]]


@dataclass(frozen=True)
class Command:
    name: str
    func: CommandFunc
    where: str  # "any" | "private" | "group"
    keywords: tuple[str, ...]  # words that run it without a slash in private chats, e.g. 帮助
    usage: str  # the text key of its usage line, shown under every error it answers


COMMANDS: dict[str, Command] = {}
KEYWORDS: dict[str, str] = {}
BUTTONS: dict[str, ButtonFunc] = {}


def command(name: str, *, where: str = "any", keywords: tuple[str, ...] = (), usage: str | None = None):
    def register(func: CommandFunc) -> CommandFunc:
        COMMANDS[name] = Command(name, func, where, keywords, usage or f"usage.{name}")
        for word in keywords:
            KEYWORDS[word] = name
        return func

    return register


def button(action: str):
    def register(func: ButtonFunc) -> ButtonFunc:
        BUTTONS[action] = func
        return func

    return register


def load_features() -> None:
    """Importing a feature module registers its commands."""
    import handlers.checkins, handlers.habits, handlers.progress  # noqa: F401, E401
    import handlers.class_settings  # noqa: F401
    import handlers.help  # noqa: F401
    import handlers.joining  # noqa: F401
    import handlers.members  # noqa: F401
    import handlers.roster  # noqa: F401
