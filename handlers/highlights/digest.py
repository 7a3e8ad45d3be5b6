"""The week's digest: `🌟 本周闪光点 (11/17–11/21)` in the group, one short line per highlighted child, the
week's photos as albums of at most 10 (split beyond, in order), and each family's private copy of its own
child's highlights in its own language, with a ❤️ button. Deciding a week (posting or skipping it) writes
its digest row once and closes its highlights to edits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import ROSTER_ORDER, guardians_of
from handlers.core.messages import Button, ChatRef, Media, PersonTarget
from handlers.core.pushes import Push
from handlers.core.texts import render
from handlers.highlights.photos import photos_of
from handlers.highlights.weeks import last_day
from models import ClassGroup, Student
from models.highlights import DigestState, Highlight, HighlightDigest

ALBUM_SIZE = 10  # Telegram's sendMediaGroup takes 2–10 items
THANKS_BUTTON = "hl-thanks"  # ❤️ under a private copy: args (digest id, child id)


@dataclass
class ChildWeek:
    """One child's highlights of the week, with their photos in order."""

    child: Student
    texts: list[str]
    photos: list[Media]


async def week_of_children(session: AsyncSession, class_id: int, week: date) -> list[ChildWeek]:
    """The week's undecided highlights by child, in roster order."""
    rows = (await session.execute(
        select(Highlight, Student).join(Student, Student.id == Highlight.student_id)
        .where(Highlight.class_id == class_id, Highlight.week_start == week, Highlight.digest_id.is_(None))
        .order_by(*ROSTER_ORDER, Highlight.id))).all()
    photos = await photos_of(session, [highlight.id for highlight, _ in rows])
    found: dict[int, ChildWeek] = {}
    for highlight, child in rows:
        entry = found.setdefault(child.id, ChildWeek(child, [], []))
        entry.texts.append(highlight.text)
        entry.photos.extend(photos.get(highlight.id, []))
    return list(found.values())


def albums(photos: list[Media]) -> list[list[Media]]:
    return [photos[start:start + ALBUM_SIZE] for start in range(0, len(photos), ALBUM_SIZE)]


def digest_text(language: str, class_group: ClassGroup, week: date, children: list[ChildWeek]) -> str:
    return render(language, "highlights.digest", week_from=week, week_to=last_day(class_group, week),
                  child_lines=[{"child": entry.child.name, "texts": entry.texts} for entry in children])


def _key(class_group: ClassGroup, week: date, part: str) -> str:
    return f"highlights:class={class_group.id}:week={week.isoformat()}:{part}"


def group_pushes(class_group: ClassGroup, week: date, children: list[ChildWeek], due_at: datetime) -> list[Push]:
    group = ChatRef(class_group.platform, class_group.chat_id, False)
    pushes = [Push(dedup_key=_key(class_group, week, "digest"), kind="highlight_digest", due_at=due_at,
                   class_id=class_group.id, target=group, text=digest_text(class_group.language, class_group, week,
                                                                          children))]
    photos = [photo for entry in children for photo in entry.photos]
    for number, album in enumerate(albums(photos), start=1):
        pushes.append(Push(dedup_key=_key(class_group, week, f"album={number}"), kind="highlight_digest",
                           due_at=due_at, class_id=class_group.id, target=group, text="", media=tuple(album)))
    return pushes


async def private_pushes(session: AsyncSession, class_group: ClassGroup, digest: HighlightDigest,
                         children: list[ChildWeek], due_at: datetime) -> list[Push]:
    """Each guardian gets only their own child's highlights, in their own language."""
    guardians = await guardians_of(session, [entry.child.id for entry in children])
    pushes = []
    for entry in children:
        for person in guardians.get(entry.child.id, []):
            language = person.language
            button = Button(render(language, "highlights.thanks_button"), THANKS_BUTTON,
                            (str(digest.id), str(entry.child.id)))
            text = render(language, "highlights.private_copy", child=entry.child.name, texts=entry.texts,
                          week_from=digest.week_start, week_to=last_day(class_group, digest.week_start))
            parts = albums(entry.photos) or [[]]
            for number, album in enumerate(parts, start=1):
                key = _key(class_group, digest.week_start, f"copy:child={entry.child.id}:person={person.id}:{number}")
                first = number == 1
                pushes.append(Push(dedup_key=key, kind="highlight_copy", due_at=due_at, class_id=class_group.id,
                                   target=PersonTarget(person.id), text=text if first else "",
                                   buttons=((button,),) if first else (), media=tuple(album)))
    return pushes


async def decide(session: AsyncSession, class_group: ClassGroup, week: date, state: DigestState, now: datetime,
                 by: int | None = None) -> HighlightDigest:
    digest = HighlightDigest(class_id=class_group.id, week_start=week, state=state, decided_by=by, decided_at=now)
    session.add(digest)
    await session.flush()
    await session.execute(update(Highlight).where(
        Highlight.class_id == class_group.id, Highlight.week_start == week, Highlight.digest_id.is_(None))
        .values(digest_id=digest.id))
    return digest


async def publish(session: AsyncSession, class_group: ClassGroup, week: date, now: datetime, due_at: datetime,
                  by: int | None = None) -> list[Push]:
    """Posts the week: the group's digest and albums, then the families' copies. Nothing for an empty week."""
    children = await week_of_children(session, class_group.id, week)
    digest = await decide(session, class_group, week, DigestState.published, now, by)
    if not children:
        return []
    return group_pushes(class_group, week, children, due_at) + await private_pushes(
        session, class_group, digest, children, due_at)
