"""The rules for a child's name, and finding a child on a roster by name."""
from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.errors import UserError
from models import Student
from models.students import MAX_NAME_LENGTH

QUOTE_MARKS = set('"“”「」')
# Parents type names on Chinese keyboards: "陈果果，奶奶" and "王小红、李华" separate as spaces do.
SEPARATORS = re.compile(r"[\s,，、]+")


def clean_name(raw: str) -> str:
    # NFKC folds full-width letters and spaces, so "ＡＢ" and "AB" are one child.
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def split_names(text: str) -> list[str]:
    """Words separated by spaces, `,`, `，` or `、`, with empty ones dropped."""
    return [word for word in SEPARATORS.split(unicodedata.normalize("NFKC", text)) if word]


def name_problem(raw: str) -> str | None:
    """Why this cannot be a child's name, or None when it can."""
    name = clean_name(raw)
    if not name:
        return "empty"
    if len(name) > MAX_NAME_LENGTH:
        return "too_long"
    # Quote marks would break the quoting commands use (e.g. child="…"), so names may not carry them.
    if any(unicodedata.category(char).startswith("C") or char in QUOTE_MARKS for char in name) or name.startswith("/"):
        return "bad_characters"
    return None


def validate_child_name(raw: str) -> str:
    problem = name_problem(raw)
    if problem == "empty":
        raise UserError("missing", what="child_name")
    if problem == "too_long":
        raise UserError("too_long", what="child_name", limit=MAX_NAME_LENGTH)
    if problem:
        raise UserError("bad_name", name=raw[:40])
    return clean_name(raw)


async def find_student(session: AsyncSession, class_id: int, name: str) -> Student | None:
    return await session.scalar(select(Student).where(Student.class_id == class_id, Student.name == clean_name(name)))
