"""Texts longer than one Telegram message: split between lines into messages that each parse on their own.

Telegram counts the 4,096 characters of a message after parsing the HTML, so tags count nothing and an
entity such as `&lt;` counts one. Lengths are counted in UTF-16 units, which is never less than the
characters Telegram counts. A part never ends inside a tag or an entity; the tags open where a part ends
are closed there and opened again at the start of the next part, so every part is well-formed HTML."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

TEXT_LIMIT = 4096
ELLIPSIS = "…"

_ATOM = re.compile(r"<[^>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);|[^<&]|[<&]", re.S)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")


@dataclass(frozen=True)
class _Atom:
    source: str
    width: int  # UTF-16 units once parsed; 0 for a tag
    tag: str | None = None  # the tag's name
    closing: bool = False


def visible_length(text: str) -> int:
    return sum(atom.width for atom in _atoms(text))


def _width(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _atoms(text: str) -> list[_Atom]:
    atoms = []
    for match in _ATOM.finditer(text):
        source = match.group(0)
        if source.startswith("<") and len(source) > 1 and (name := _TAG_NAME.match(source)):
            closing = source.startswith("</")
            if not closing and source.endswith("/>"):
                atoms.append(_Atom(source, 0))  # a tag that closes itself leaves nothing open
            else:
                atoms.append(_Atom(source, 0, name.group(1).lower(), closing))
        elif source.startswith("&") and len(source) > 1:
            atoms.append(_Atom(source, _width(html.unescape(source))))
        else:
            atoms.append(_Atom(source, _width(source)))
    return atoms


def _after(open_tags: tuple[_Atom, ...], atom: _Atom) -> tuple[_Atom, ...]:
    if atom.tag is None:
        return open_tags
    if not atom.closing:
        return (*open_tags, atom)
    for index in range(len(open_tags) - 1, -1, -1):
        if open_tags[index].tag == atom.tag:
            return open_tags[:index]
    return open_tags


def parts(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """The text as messages of at most `limit` visible characters, cut at the last line break that fits,
    else at a space, else anywhere between characters. Parts with nothing to show are left out."""
    atoms = _atoms(text)
    if sum(atom.width for atom in atoms) <= limit:
        return [text]
    pieces, start, open_tags = [], 0, ()
    while start < len(atoms):
        width, index, tags = 0, start, open_tags
        at_line = at_space = None  # (the atom's index, the tags open there)
        while index < len(atoms):
            atom = atoms[index]
            if width + atom.width > limit:
                break
            width += atom.width
            if atom.source == "\n":
                at_line = (index, tags)
            elif atom.source == " ":
                at_space = (index, tags)
            tags = _after(tags, atom)
            index += 1
        if index == len(atoms):
            end, resume, end_tags = index, index, tags
        elif cut := at_line or at_space:
            end, resume, end_tags = cut[0], cut[0] + 1, cut[1]  # the break itself is dropped
        else:
            end, resume, end_tags = index, index, tags
        piece = "".join(tag.source for tag in open_tags) + "".join(atom.source for atom in atoms[start:end])
        piece += "".join(f"</{tag.tag}>" for tag in reversed(end_tags))
        if any(atom.width and not atom.source.isspace() for atom in atoms[start:end]):
            pieces.append(piece)
        start, open_tags = resume, end_tags
    return pieces


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """The text's beginning, ending in an ellipsis, when it is too long for one message (an edit cannot
    become several messages)."""
    if visible_length(text) <= limit:
        return text
    return parts(text, limit - len(ELLIPSIS))[0] + ELLIPSIS
