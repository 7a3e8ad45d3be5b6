"""Our replies' HTML subset (b, i, code, a) as WeChat shows it: plain text for messages, markdown for the
WeCom group robot. Link targets stay visible, because a WeChat text message cannot hide them."""
from __future__ import annotations

import html
import re

_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
# WeCom's markdown has no escape character, so the characters that would start markup are shown as their
# full-width look-alikes: a child named `*小明*` is not turned bold, and `<font>` cannot be injected.
_LOOK_ALIKES = str.maketrans({"*": "＊", "`": "｀", "[": "［", "]": "］", "<": "＜", ">": "＞"})


def _link_as_text(match: re.Match) -> str:
    url, label = html.unescape(match.group(1)), _TAG.sub("", match.group(2))
    label = html.unescape(label)
    return url if label.strip() in ("", url) else f"{label}（{url}）"


def plain_text(text: str) -> str:
    return html.unescape(_TAG.sub("", _LINK.sub(_link_as_text, text))).strip()


def _escape_markdown(text: str) -> str:
    return html.unescape(text).translate(_LOOK_ALIKES)


def robot_markdown(text: str) -> str:
    """WeCom's markdown: **bold**, `code` and [label](url). Everything a user typed arrives here escaped as
    HTML, so after unescaping its markup characters are neutralised (see _LOOK_ALIKES)."""
    pieces, position = [], 0
    tags = re.compile(r'<a\s+href="([^"]*)"\s*>|</a>|</?(b|strong|i|em|code)>|<[^>]+>', re.I)
    link: str | None = None
    for match in tags.finditer(text):
        pieces.append(_escape_markdown(text[position:match.start()]))
        position = match.end()
        tag = match.group(0).lower()
        if match.group(1) is not None:
            link = html.unescape(match.group(1))
            pieces.append("[")
        elif tag == "</a>" and link is not None:
            pieces.append(f"]({link})")
            link = None
        elif match.group(2) in ("b", "strong"):
            pieces.append("**")
        elif match.group(2) == "code":
            pieces.append("`")
    pieces.append(_escape_markdown(text[position:]))
    return "".join(pieces).strip()
