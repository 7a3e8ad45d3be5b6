"""What a feature declares in its manifest: commands with their subcommands, roles and where-rules, buttons,
waits, push kinds and live tallies. The registry (handlers.core.registry) reads every manifest once and
refuses a name declared twice, so a feature is wired by its manifest plus one line in handlers/features.py."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from models import Role

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from handlers.core.arguments import Args
    from handlers.core.context import Context
    from handlers.core.exports import ExportList
    from handlers.core.messages import ButtonPress
    from handlers.core.tallies import TallyView
    from handlers.core.waits import Answer
    from models import ClassGroup

Where = Literal["any", "private", "group"]
CommandFunc = Callable[["Context", "Args"], Awaitable[None]]
ButtonFunc = Callable[["Context", "ButtonPress"], Awaitable[None]]
ResumeFunc = Callable[["Context", BaseModel, "Answer"], Awaitable[None]]
RenderFunc = Callable[["AsyncSession", str], Awaitable["TallyView | None"]]
ForgetFunc = Callable[["AsyncSession", int], Awaitable[None]]
StartFunc = Callable[["Context", str], Awaitable[None]]  # gets the payload after its prefix
# A downloadable list: given the ⬇️ button's arguments, checks the presser may see it and returns its tables.
ExportFunc = Callable[["Context", tuple[str, ...]], Awaitable["ExportList"]]
# A feature's `/settings key=value`: checks and stores it from the command's arguments (a UserError refuses it).
SettingApply = Callable[["Context", "ClassGroup", "Args"], Awaitable[None]]
SettingShown = Callable[["AsyncSession", "ClassGroup", str], Awaitable[str]]  # its line in /settings, in a language
# A report part's figures for a class and a week (its Monday, in the class's time zone), as of `now`.
ReportFunc = Callable[["AsyncSession", "ClassGroup", date, "datetime"], Awaitable["ReportFigures"]]

ANYONE: tuple[Role, ...] = ()  # no role needed: the command works for anyone, in a class or not
MEMBERS: tuple[Role, ...] = (Role.teacher, Role.rep, Role.parent)


@dataclass(frozen=True)
class Sub:
    """A subcommand (`/plan new`, `/roster add`): its own handler, roles, where-rule and usage line."""

    name: str
    func: CommandFunc
    roles: tuple[Role, ...] = ANYONE
    where: Where = "any"
    usage: str | None = None  # a text key; the command's usage when None


@dataclass(frozen=True)
class Command:
    """`/name`. With subcommands, the first word picks one (`default` when there is none; `fallback`, given
    every word, when the first names no subcommand); without, `func` takes every argument. `roles` are
    checked by the dispatcher before the handler runs, against the class of the group, or privately the
    caller's classes (asking which when several fit)."""

    name: str
    func: CommandFunc | None = None
    roles: tuple[Role, ...] = ANYONE
    where: Where = "any"
    keywords: tuple[str, ...] = ()  # words that run it without a slash in private chats, e.g. 打卡
    usage: str | None = None  # text key of its usage line; `usage.<name>` when None
    subcommands: tuple[Sub, ...] = ()
    default: str | None = None  # the subcommand run when none is named
    fallback: str | None = None  # the subcommand run when the first word names none (it gets every word)
    takes_photo: bool = False  # a photo sent with it is evidence (WeChat holds a photo sent before it)
    menu: bool = True  # listed in the platform's command menu

    def sub(self, word: str | None) -> Sub | None:
        wanted = (word or self.default or "").lower()
        return next((sub for sub in self.subcommands if sub.name == wanted), None)

    @property
    def usage_key(self) -> str:
        return self.usage or f"usage.{self.name}"


@dataclass(frozen=True)
class WaitKind:
    """The bot waiting for a person's next message or button choice (PRODUCT.md §2 rule 8). `data` is the
    pydantic model of what the wait keeps; `resume` gets it back with the person's answer. `accepts` says
    which answers resume it; anything else is answered with the `prompt` text (what the bot waits for)."""

    name: str
    data: type[BaseModel]
    resume: ResumeFunc
    accepts: frozenset[str]  # of "text", "photo", "document", "voice", "choice"
    prompt: str  # text key: what the bot waits for, said again when something else comes
    # A wait that only keeps listening for more (e.g. further pages of homework just sent) lets a keyword
    # such as 作业 run as the command it is, as a /command would, instead of taking it as text.
    yields_to_keywords: bool = False


@dataclass(frozen=True)
class PushKind:
    """A kind of push a feature's providers hand out, with how late it is still worth sending."""

    name: str
    grace: timedelta


@dataclass(frozen=True)
class Tally:
    """A message the bot keeps current (a daily post's count, a poll's votes). Its tally keys start with
    `name:`; `render` turns a key into the message as it should read now, or None when it is gone."""

    name: str
    render: RenderFunc


@dataclass(frozen=True)
class Export:
    """A list a teacher sees that can be downloaded as CSV and XLSX: the list's answer carries the button of
    handlers.core.exports (`exports.button(ctx, name, *args)`), and a press runs `build` with those args."""

    name: str
    build: ExportFunc


@dataclass(frozen=True)
class Setting:
    """A key of /settings that a feature adds (e.g. `report=fri 17:00`): the classes feature lists the keys of
    every manifest, runs `apply` after its own settings (in the same transaction) and shows each `shown` line."""

    name: str
    apply: SettingApply
    shown: SettingShown


@dataclass(frozen=True)
class ReportFigures:
    """What a feature adds to /report week for one class and week. `items` are the class-level figures, one
    dict per item (a plan, a card, a poll) handed to the part's `lines` macro and written as the part's sheet
    under `columns` (text keys, one per value of `cells`); `rates` are the (label, percent) bars of the
    overview chart; `child_rows` under `child_columns` are per child (the child's name first), shown to
    teachers only (PRODUCT.md §2 rule 1: a rep gets the class-level figures)."""

    items: list[dict] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()  # the keys of each item written to the sheet, in the order of `columns`
    rates: list[tuple[str, int]] = field(default_factory=list)
    child_columns: tuple[str, ...] = ()
    child_rows: list[list] = field(default_factory=list)


@dataclass(frozen=True)
class ReportPart:
    """A feature's part of the week's report: `compute` gives its figures, the `lines` macro (a text key,
    given `items`) renders them as lines of the message, `title` (a text key) heads its line block and its
    sheet. Parts appear in the order of handlers/features.py."""

    name: str
    compute: ReportFunc
    lines: str
    title: str


@dataclass(frozen=True)
class Feature:
    name: str
    commands: tuple[Command, ...] = ()
    buttons: dict[str, ButtonFunc] = field(default_factory=dict)
    waits: tuple[WaitKind, ...] = ()
    pushes: tuple[PushKind, ...] = ()
    tallies: tuple[Tally, ...] = ()
    # /forgetme: erases what this feature keeps that a person wrote or sent (notes, photos, titles).
    forget: ForgetFunc | None = None
    # Deep-link payloads of /start (`https://t.me/<bot>?start=hw-12`) by prefix, e.g. {"hw-": open_homework}.
    start_payloads: dict[str, StartFunc] = field(default_factory=dict)
    # Its part of /report week (handlers/reports/), if it has figures a school reports.
    report_parts: tuple[ReportPart, ...] = ()
    settings: tuple[Setting, ...] = ()  # keys it adds to /settings
    exports: tuple[Export, ...] = ()  # its lists that can be downloaded (handlers.core.exports)
