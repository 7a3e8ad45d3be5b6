"""Text as Telegram turns it into a message: the HTML parse mode, and the entities it finds by itself.

Offsets and lengths of entities are in UTF-16 code units, as in the Bot API. Error wording follows the
real server's "can't parse entities" answers, which is what a bot's error handling matches on."""
from __future__ import annotations

import re

SIMPLE_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "code": "code", "pre": "pre", "blockquote": "blockquote",
}
OTHER_TAGS = {"a", "span", "tg-emoji"}
NAMED_CHARACTERS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^>]*?)?)\s*/?>")
_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_ATTRIBUTE = re.compile(r"""([a-zA-Z_-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_CHARACTER = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);")

# Entities Telegram detects in any text, sent by a person or by a bot.
_AUTOMATIC = [
    ("bot_command", re.compile(r"(?<![\w/])/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?")),
    ("mention", re.compile(r"(?<![\w@])@[a-zA-Z0-9_]{4,32}\b")),
    ("url", re.compile(r"\bhttps?://[^\s<>\"]+")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
]
_OPAQUE = {"code", "pre", "text_link", "url"}


class EntityError(ValueError):
    """The text does not parse; str(error) is the part after "can't parse entities: "."""


class UnknownParseMode(ValueError):
    pass


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    position = 0  # in UTF-16 units of the text produced so far
    open_tags: list[tuple[str, int, dict]] = []
    entities: list[dict] = []
    i = 0

    def byte_offset(index: int) -> int:
        return len(source[:index].encode("utf-8"))

    while i < len(source):
        char = source[i]
        if char == "<" and source.startswith("</", i):
            match = _END_TAG.match(source, i)
            if not match:
                raise EntityError(f"Unclosed end tag at byte offset {byte_offset(i)}")
            name = match.group(1).lower()
            if not open_tags:
                raise EntityError(f"Unexpected end tag at byte offset {byte_offset(i)}")
            expected, start, entity = open_tags.pop()
            if name != expected:
                raise EntityError(f'Unmatched end tag at byte offset {byte_offset(i)}, '
                                  f'expected "</{expected}>", found "</{name}>"')
            _close(entity, start, position, open_tags, entities)
            i = match.end()
        elif char == "<":
            match = _START_TAG.match(source, i)
            if not match:
                name = re.match(r"<([a-zA-Z0-9-]*)", source[i:]).group(1)
                if name and ">" not in source[i:]:
                    raise EntityError(f"Unclosed start tag at byte offset {byte_offset(i)}")
                raise EntityError(f'Unsupported start tag "{name}" at byte offset {byte_offset(i)}')
            name = match.group(1).lower()
            attributes = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                          for m in _ATTRIBUTE.finditer(match.group(2) or "")}
            open_tags.append((name, position, _entity_for(name, attributes, byte_offset(i))))
            i = match.end()
        elif char == "&" and (match := _CHARACTER.match(source, i)):
            decoded = _character(match.group(1))
            out.append(decoded)
            position += utf16_len(decoded)
            i = match.end()
        else:
            out.append(char)
            position += utf16_len(char)
            i += 1
    if open_tags:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{open_tags[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _entity_for(name: str, attributes: dict, offset: int) -> dict:
    if name in SIMPLE_TAGS:
        entity = {"type": SIMPLE_TAGS[name]}
        if name == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        if name == "code" and attributes.get("class", "").startswith("language-"):
            entity["language"] = attributes["class"][len("language-"):]
        return entity
    if name == "a":
        return {"type": "text_link", "url": attributes.get("href", "")}
    if name == "span":
        if attributes.get("class") != "tg-spoiler":
            raise EntityError('Tag "span" must have class "tg-spoiler"')
        return {"type": "spoiler"}
    if name == "tg-emoji":
        return {"type": "custom_emoji", "custom_emoji_id": attributes.get("emoji-id", "")}
    raise EntityError(f'Unsupported start tag "{name}" at byte offset {offset}')


def _close(entity: dict, start: int, end: int, open_tags: list, entities: list) -> None:
    # A language on <code> inside <pre> belongs to the pre block, as Telegram reads it.
    if entity["type"] == "code" and open_tags and open_tags[-1][2]["type"] == "pre":
        if "language" in entity:
            open_tags[-1][2]["language"] = entity["language"]
        return
    if entity["type"] == "code":
        entity.pop("language", None)
    if end > start:  # an empty tag leaves no entity behind
        entities.append({**entity, "offset": start, "length": end - start})


def _character(name: str) -> str:
    if name.startswith(("#x", "#X")):
        return chr(min(int(name[2:], 16), 0x10FFFF))
    if name.startswith("#"):
        return chr(min(int(name[1:]), 0x10FFFF))
    return NAMED_CHARACTERS.get(name.lower(), f"&{name};")


def automatic_entities(text: str, explicit: list[dict] = ()) -> list[dict]:
    """bot_command, mention, url and hashtag entities, skipping spans inside code, pre and links."""
    taken = [(e["offset"], e["offset"] + e["length"]) for e in explicit if e["type"] in _OPAQUE]
    found = []
    for kind, pattern in _AUTOMATIC:
        for match in pattern.finditer(text):
            offset = utf16_len(text[:match.start()])
            length = utf16_len(match.group(0))
            overlaps = any(offset < end and start < offset + length for start, end in taken)
            if not overlaps:
                found.append({"type": kind, "offset": offset, "length": length})
                taken.append((offset, offset + length))
    return sorted([*explicit, *found], key=lambda e: (e["offset"], -e["length"]))


def render(text: str, parse_mode: str | None, entities: list[dict] | None) -> tuple[str, list[dict]]:
    """The visible text and its entities; raises EntityError for malformed HTML."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        text, entities = parse_html(text)
    elif mode not in ("", "markdown", "markdownv2"):
        raise UnknownParseMode(parse_mode)
    # Markdown modes are passed through as plain text: the bot here writes HTML.
    return text, automatic_entities(text, entities or [])
