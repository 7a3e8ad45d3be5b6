"""Every text a user sees comes from templates/<lang>/<feature>.j2, one macro per message.

Autoescape is on because replies use Telegram's HTML parse mode: a child named `<b>` must stay text."""
from __future__ import annotations

from datetime import date, time
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("j2", "html"), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # templates ship with the code; checking their files on every render costs stat calls
    )
    env.filters["short"] = short
    env.filters["plural"] = plural
    env.filters["day"] = month_day
    env.filters["numeric_day"] = numeric_day
    env.filters["long_date"] = long_date
    env.filters["clock"] = clock
    return env


# Babel's locale for each template language: plural rules and date patterns come from CLDR, not from templates.
LOCALES = {"zh": "zh_Hans_CN", "en": "en"}


def _locale(context: Context) -> Locale:
    """The language of the template the filter runs in: templates/<language>/<feature>.j2."""
    return _babel_locale((context.name or "").split("/", 1)[0])


@cache
def _babel_locale(language: str) -> Locale:
    return Locale.parse(LOCALES.get(language, LOCALES["zh"]))


@pass_context
def plural(context: Context, count: int, *forms: str) -> str:
    """`{{ n|plural("day", "days") }}`: the number and the form that CLDR's plural rule picks for it; a
    language without plurals (zh) takes the first form."""
    rule = _locale(context).plural_form(count)
    form = forms[0] if rule == "one" or len(forms) == 1 else forms[-1]
    return f"{count} {form}"


@pass_context
def month_day(context: Context, day: date) -> str:
    """11月25日 / Nov 25."""
    return format_skeleton("MMMd", day, locale=_locale(context))


@pass_context
def numeric_day(context: Context, day: date) -> str:
    """11/25, for lines where space is short."""
    return format_skeleton("Md", day, locale=_locale(context))


@pass_context
def long_date(context: Context, day: date) -> str:
    """2026年11月25日 / November 25, 2026."""
    return format_date(day, "long", locale=_locale(context))


ECHO_LIMIT = 40


def short(value: object, limit: int = ECHO_LIMIT) -> str:
    """What a user typed, as an answer repeats it: cut before escaping, so no entity is cut apart, and
    so a pasted page never makes the answer too long to send."""
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def normalize_language(code: str | None, default: str) -> str:
    if not code:
        return default
    code = code.lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    return default


def render(language: str, key: str, /, **values) -> str:
    """`key` is "<feature>.<macro>", e.g. "joining.setup_done"."""
    return str(_macro(language, key)(**values)).strip()


@cache
def _macro(language: str, key: str):
    # Found once per text and language: the scheduler's tick renders hundreds of texts, and templates
    # never change while the process runs (auto_reload is off).
    feature, name = key.split(".", 1)
    macro = getattr(environment().get_template(f"{language}/{feature}.j2").module, name, None)
    if macro is None:
        raise KeyError(f"no text {key!r} in {language}")
    return macro


def features(language: str) -> list[str]:
    return sorted(p.stem for p in (TEMPLATES / language).glob("*.j2"))


def macros(language: str, feature: str) -> dict[str, list[str]]:
    """Macro name → its argument names, for the test that renders every text in every language."""
    module = environment().get_template(f"{language}/{feature}.j2").module
    return {
        name: list(macro.arguments)
        for name, macro in vars(module).items()
        if not name.startswith("_") and hasattr(macro, "arguments")
    }


def escape(value: object) -> Markup:
    return Markup.escape(value)


@pass_context
def clock(context: Context, at: time) -> str:
    """20:00, on the 24-hour clock in both languages, as schools write it."""
    return format_time(at, "HH:mm", locale=_locale(context))
