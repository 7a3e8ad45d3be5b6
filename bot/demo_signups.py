"""The demo class's 护学岗 sign-up list (the rep asks for crossing-duty volunteers), with Monday and Thursday
full, Tuesday half taken and Wednesday still free, so the sandbox group shows names per slot and a tap on a
full slot shows its popup."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from handlers.core.outbox import enqueue
from handlers.signups import places
from handlers.signups.tally import list_push
from models import ClassGroup, Membership, Person, Role
from models.signups import SignupList, SignupSlot

TITLE = "护学岗"
SLOTS = (("周一护学岗", 2), ("周二护学岗", 2), ("周三护学岗", 2), ("周四护学岗", 1))
TAKEN = (2, 1, 0, 1)  # places taken per slot, by the first families in turn


async def add_demo_signups(session, class_group: ClassGroup, now: datetime) -> None:
    members = (await session.execute(select(Membership.person_id, Membership.role).where(
        Membership.class_id == class_group.id).order_by(Membership.id))).all()
    rep = next(person_id for person_id, role in members if role == Role.rep)
    parents = [person_id for person_id, role in members if role == Role.parent]
    signup = SignupList(class_id=class_group.id, created_by=rep, title=TITLE, created_at=now)
    session.add(signup)
    await session.flush()
    slots = [SignupSlot(list_id=signup.id, position=position, name=name, places=count)
             for position, (name, count) in enumerate(SLOTS)]
    session.add_all(slots)
    await session.flush()
    volunteers = iter(parents)
    for slot, count in zip(slots, TAKEN, strict=True):
        for _ in range(count):
            person = await session.get(Person, next(volunteers))
            await places.tap(session, signup, slot, await places.family_of(session, person, class_group.id),
                             person.id, now)
    await enqueue(session, await list_push(session, signup, class_group, now), now)
