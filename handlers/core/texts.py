"""Every text a user sees comes from templates/<lang>/<feature>.j2, one macro per message.

Autoescape is on because replies use Telegram's HTML parse mode: a child named `<b>` must stay text."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
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
    return env


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
    feature, name = key.split(".", 1)
    module = environment().get_template(f"{language}/{feature}.j2").module
    macro = getattr(module, name, None)
    if macro is None:
        raise KeyError(f"no text {key!r} in {language}")
    return str(macro(**values)).strip()


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
