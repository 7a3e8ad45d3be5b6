"""The answer to a button press that Telegram shows as a popup (answerCallbackQuery).

A popup is plain text of at most 200 characters: Telegram parses no HTML there, so our HTML replies lose
their tags and have their entities unescaped (a child named `<b>` shows as `<b>`, bold shows as plain).
A longer answer would be refused, and the press would say nothing: it is sent as a message instead."""
from __future__ import annotations

import html
import re
from dataclasses import replace

from handlers.core.messages import Outgoing

POPUP_LIMIT = 200
_TAG = re.compile(r"<[^>]+>")


def popup_text(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).strip()


def fits(text: str) -> bool:
    return len(text.encode("utf-16-le")) // 2 <= POPUP_LIMIT  # UTF-16 units: never fewer than characters


def split_popup(outgoing: list[Outgoing]) -> tuple[str | None, list[Outgoing]]:
    """(the popup for the presser of a button, if any; everything else to send). A popup too long to show
    becomes a message in the chat the button was pressed in."""
    popup, rest = None, []
    for item in outgoing:
        if not item.reply.popup:
            rest.append(item)
        elif popup is None and fits(popup_text(item.reply.text)):
            popup = popup_text(item.reply.text)
        elif not fits(popup_text(item.reply.text)):
            rest.append(replace(item, reply=replace(item.reply, popup=False)))
    return popup, rest
