"""A highlight's text as the teacher typed it: `key=value` inside it is text, never an option."""
from __future__ import annotations

from handlers.core.arguments import Args, normalize
from handlers.core.context import Context


def typed_text(ctx: Context, args: Args, skip: int, *, sub: bool = False) -> str:
    """The words after the first `skip` of `args` (after the subcommand's name too, with `sub`)."""
    if not args.options:
        return " ".join(args.words[skip:]).strip()
    lead = skip + (2 if sub else 1)  # the command, its subcommand, then the words before the text
    typed = normalize(ctx.incoming.text).split(maxsplit=lead)
    return typed[lead].strip() if typed and typed[0].startswith("/") and len(typed) > lead else ""
