"""Finding the child a teacher names at the start of `/highlight 小明 …`: the longest run of words that is
a name on the class's roster, else the close names (a part of one, or a near spelling) to choose from."""
from __future__ import annotations

import difflib

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER
from handlers.classes.names import clean_name
from models import Student, StudentStatus

MAX_CLOSE = 6  # buttons offered for a name that matches none or several


async def roster(session: AsyncSession, class_id: int) -> list[Student]:
    return list((await session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all())


def named_child(children: list[Student], words: list[str]) -> tuple[Student | None, int]:
    """The child the first words name exactly and how many words that took (names may hold spaces)."""
    by_name = {child.name: child for child in children}
    for count in range(len(words), 0, -1):
        found = by_name.get(clean_name(" ".join(words[:count])))
        if found is not None:
            return found, count
    return None, 0


def close_children(children: list[Student], word: str) -> list[Student]:
    """Names that hold the word or that it holds (小 → 小明, 小红), then near spellings, in roster order."""
    wanted = clean_name(word).casefold()
    if not wanted:
        return []
    near = set(difflib.get_close_matches(wanted, [child.name.casefold() for child in children], n=MAX_CLOSE,
                                         cutoff=0.5))
    found = [child for child in children
             if wanted in child.name.casefold() or child.name.casefold() in wanted or child.name.casefold() in near]
    return found[:MAX_CLOSE]
