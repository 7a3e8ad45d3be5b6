"""The daily post of each habit plan, and the private nudge to families who have not checked in yet.

A post or nudge is only worth sending on its own class day: if the bot was down past midnight, the
missed ones are skipped here (with a log line) and the plan moves on to the current day."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.checkin_records import records_of
from handlers.daily_posts import checkin_buttons, daily_post_text, tally_key
from handlers.families import guardians_of, taking_part
from handlers.messages import Button, ChatRef, PersonTarget
from handlers.texts import render
from models import ClassGroup
from models.habit_rules import day_number
from models.habit_schedule import local_day, next_nudge, next_post
from models.habits import HabitPlan
from models.quiet_hours import in_quiet_hours
from schedules.providers import Push, provider

log = logging.getLogger(__name__)


async def due_plans(session: AsyncSession, column, now: datetime) -> list[tuple[HabitPlan, ClassGroup]]:
    # Ordered by `column` first so its index serves the order too: by id alone, SQLite reads every plan.
    rows = await session.execute(select(HabitPlan, ClassGroup).join(ClassGroup, ClassGroup.id == HabitPlan.class_id)
                                 .where(column <= now).order_by(column, HabitPlan.id))
    return [(plan, class_group) for plan, class_group in rows]


def take_due_day(plan: HabitPlan, class_group: ClassGroup, attribute: str, now: datetime,
                 advance: Callable, *, same_evening: bool = True) -> tuple[date, datetime] | None:
    """Moves the plan's `attribute` past every moment that has come; returns today's, if one of them is.

    With `same_evening`, a moment found only once quiet hours have begun (the bot was down) is dropped
    too: held until the morning, a daily post or nudge would speak of a day that is over."""
    zone = class_group.timezone
    today, found = local_day(now, zone), None
    late = in_quiet_hours(now.astimezone(ZoneInfo(zone)).time(), class_group.quiet_start, class_group.quiet_end)
    while (due_at := getattr(plan, attribute)) is not None and due_at <= now:
        day = local_day(due_at, zone)
        setattr(plan, attribute, advance(plan, class_group, day))
        if day == today and not (same_evening and late):
            found = (day, due_at)
        else:
            log.info("plan %s: %s for %s is stale; skipped", plan.id, attribute, day)
    return found


@provider("habit_daily")
async def daily_posts(session: AsyncSession, now: datetime) -> list[Push]:
    pushes = []
    for plan, class_group in await due_plans(session, HabitPlan.next_post_at, now):
        taken = take_due_day(plan, class_group, "next_post_at", now, next_post)
        if taken is None:
            continue
        day, due_at = taken
        children = await taking_part(session, plan)
        records = await records_of(session, plan)
        if not plan.is_family:
            done = sum(1 for child in children if day in records[child.id].on_time)
            key = tally_key(plan, day)
            pushes.append(Push(dedup_key=key, kind="habit_daily", due_at=due_at, class_id=class_group.id,
                               target=ChatRef(class_group.platform, class_group.chat_id, False),
                               text=daily_post_text(plan, class_group, day, done, len(children)),
                               buttons=checkin_buttons(plan, class_group.language), tally_key=key))
            continue
        # A family plan is private: its reminder goes to the family, and only while the day is still open.
        open_children = [child for child in children if day not in records[child.id].on_time]
        for child in open_children:
            for person in (await guardians_of(session, [child.id], reachable_only=True))[child.id]:
                text = render(person.language, "habits.family_reminder", title=plan.title, child=child.name,
                              day=day_number(plan.start_date, day), days=plan.days)
                pushes.append(Push(dedup_key=f"{tally_key(plan, day)}:person={person.id}", kind="habit_daily",
                                   due_at=due_at, class_id=class_group.id, target=PersonTarget(person.id), text=text,
                                   buttons=checkin_buttons(plan, person.language, child.id)))
    return pushes


@provider("habit_nudge")
async def nudges(session: AsyncSession, now: datetime) -> list[Push]:
    """One private nudge per guardian, naming only their own children who are still to check in."""
    pushes = []
    for plan, class_group in await due_plans(session, HabitPlan.next_nudge_at, now):
        taken = take_due_day(plan, class_group, "next_nudge_at", now, next_nudge)
        if taken is None:
            continue
        day, due_at = taken
        records = await records_of(session, plan)
        missing = [child for child in await taking_part(session, plan) if day not in records[child.id].on_time]
        guardians = await guardians_of(session, [child.id for child in missing], reachable_only=True)
        families: dict[int, tuple] = {}
        for child in missing:
            for person in guardians[child.id]:
                families.setdefault(person.id, (person, []))[1].append(child)
        for person, children in families.values():
            buttons = tuple((Button(render(person.language, "habits.nudge_button", child=child.name), "checkin",
                                    (str(plan.id), str(child.id))),) for child in children)
            text = render(person.language, "habits.nudge", title=plan.title, children=[c.name for c in children],
                          day=day_number(plan.start_date, day), days=plan.days)
            pushes.append(Push(dedup_key=f"habit-nudge:plan={plan.id}:day={day.isoformat()}:person={person.id}",
                               kind="habit_nudge", due_at=due_at, class_id=class_group.id,
                               target=PersonTarget(person.id), text=text, buttons=buttons))
    return pushes
