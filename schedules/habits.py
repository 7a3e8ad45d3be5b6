"""The habit feature's pushes: the daily post and the private nudge, the weekly stars, and the end of a plan.

A daily post or nudge is only worth sending on its own class day: if the bot was down past midnight, the
missed ones are skipped (with a log line) and the plan moves on to the current day. Stars are still good
news the next morning. At the end of a plan, a child who checks in on the last day gets the certificate
that day, at the next tick; a child who took part but missed the last day gets it when the last class day
is over. The summary waits for that moment too, so its figures are final."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import IN_CHUNK, reachable_addressees, teachers_in
from handlers.core.messages import Button, ChatRef, Media, PersonTarget
from handlers.core.texts import render
from handlers.habits.certificate import draw_certificate
from handlers.habits.checkin_records import checked_in_on, records_in
from handlers.habits.daily_post import checkin_buttons, daily_post_text, tally_key
from handlers.habits.participants import taking_part_in
from handlers.habits.summary import summarize, summary_chart, summary_xlsx
from models import ClassGroup
from models.habit_rules import day_number, kept_count
from models.habit_schedule import local_day, moment, next_digest, next_nudge, next_post
from models.habit_stars import habit_stars
from models.habits import HabitCertificate, HabitPlan
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


def take_due_days(rows: list[tuple[HabitPlan, ClassGroup]], attribute: str, now: datetime, advance: Callable,
                  *, same_evening: bool = True) -> list[tuple[HabitPlan, ClassGroup, date, datetime]]:
    """`take_due_day` for every due plan; those with today's moment, with its day and time."""
    return [(plan, class_group, *taken) for plan, class_group in rows
            if (taken := take_due_day(plan, class_group, attribute, now, advance, same_evening=same_evening))]


@provider("habit_daily")
async def daily_posts(session: AsyncSession, now: datetime) -> list[Push]:
    # What every due plan needs is read at once (a few queries per tick, not a few per plan).
    due = take_due_days(await due_plans(session, HabitPlan.next_post_at, now), "next_post_at", now, next_post)
    children_of = await taking_part_in(session, [plan for plan, *_ in due])
    done_of = await checked_in_on(session, {plan.id: day for plan, _, day, _ in due})
    open_children = {plan.id: [child for child in children_of[plan.id] if child.id not in done_of[plan.id]]
                     for plan, *_ in due if plan.is_family}
    guardians = await reachable_addressees(session, [child.id for children in open_children.values()
                                                     for child in children])
    pushes = []
    for plan, class_group, day, due_at in due:
        children = children_of[plan.id]
        if not plan.is_family:
            done = sum(1 for child in children if child.id in done_of[plan.id])
            key = tally_key(plan, day)
            pushes.append(Push(dedup_key=key, kind="habit_daily", due_at=due_at, class_id=class_group.id,
                               target=ChatRef(class_group.platform, class_group.chat_id, False),
                               text=daily_post_text(plan, class_group, day, done, len(children)),
                               buttons=checkin_buttons(plan, class_group.language), tally_key=key))
            continue
        # A family plan is private: its reminder goes to the family, and only while the day is still open.
        for child in open_children[plan.id]:
            for person in guardians[child.id]:
                text = render(person.language, "habits.family_reminder", title=plan.title, child=child.name,
                              day=day_number(plan.start_date, day), days=plan.days)
                pushes.append(Push(dedup_key=f"{tally_key(plan, day)}:person={person.id}", kind="habit_daily",
                                   due_at=due_at, class_id=class_group.id, target=PersonTarget(person.id), text=text,
                                   buttons=checkin_buttons(plan, person.language, child.id)))
    return pushes


@provider("habit_nudge")
async def nudges(session: AsyncSession, now: datetime) -> list[Push]:
    """One private nudge per guardian, naming only their own children who are still to check in."""
    due = take_due_days(await due_plans(session, HabitPlan.next_nudge_at, now), "next_nudge_at", now, next_nudge)
    children_of = await taking_part_in(session, [plan for plan, *_ in due])
    done_of = await checked_in_on(session, {plan.id: day for plan, _, day, _ in due})
    missing_of = {plan.id: [child for child in children_of[plan.id] if child.id not in done_of[plan.id]]
                  for plan, *_ in due}
    guardians = await reachable_addressees(session, [child.id for missing in missing_of.values() for child in missing])
    pushes = []
    for plan, class_group, day, due_at in due:
        missing = missing_of[plan.id]
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


@provider("habit_stars")
async def weekly_stars(session: AsyncSession, now: datetime) -> list[Push]:
    # Stars are still good news the next morning, so a late tick lets quiet hours hold them.
    due = take_due_days(await due_plans(session, HabitPlan.next_stars_at, now), "next_stars_at", now, next_digest,
                        same_evening=False)
    plans = [plan for plan, *_ in due]
    children_of, records_of_plan = await taking_part_in(session, plans), await records_in(session, plans)
    pushes = []
    for plan, class_group, digest_day, due_at in due:
        children, records = children_of[plan.id], records_of_plan[plan.id]
        kept = {child.id: records[child.id].on_time | records[child.id].makeups for child in children}
        stars = habit_stars(plan.start_date, plan.days, digest_day, kept)
        if not stars.full_week and not stars.most_improved:
            continue  # nobody to celebrate this week: better silence than a post that implies blame
        names = {child.id: child.name for child in children}
        text = render(class_group.language, "habits.stars", title=plan.title, first=stars.week[0],
                      last=stars.week[-1], stars=[names[i] for i in stars.full_week],
                      improved=[names[i] for i in stars.most_improved])
        pushes.append(Push(dedup_key=f"habit-stars:plan={plan.id}:day={digest_day.isoformat()}", kind="habit_stars",
                           due_at=due_at, class_id=class_group.id,
                           target=ChatRef(class_group.platform, class_group.chat_id, False), text=text))
    return pushes


@provider("habit_certificate")
async def certificates(session: AsyncSession, now: datetime) -> list[Push]:
    due = await due_plans(session, HabitPlan.next_certificates_at, now)
    plans = [plan for plan, _ in due]
    children_of, records_of_plan = await taking_part_in(session, plans), await records_in(session, plans)
    issued = await _issued(session, plans)
    earned = []  # (plan, class group, child, days kept)
    for plan, class_group in due:
        over = now >= moment(plan.end_date + timedelta(days=1), time(0), class_group.timezone)
        if over:
            plan.next_certificates_at = None
        for child in children_of[plan.id]:
            record = records_of_plan[plan.id][child.id]
            kept = kept_count(plan.start_date, plan.days, record.on_time, record.makeups)
            finished_today = plan.end_date in record.on_time
            if (plan.id, child.id) in issued or not kept or not (finished_today or over):
                continue
            session.add(HabitCertificate(plan_id=plan.id, student_id=child.id, days_done=kept, issued_at=now))
            earned.append((plan, class_group, child, kept))
    guardians = await reachable_addressees(session, [child.id for _, _, child, _ in earned])
    pushes = []
    for plan, class_group, child, kept in earned:
        if not guardians[child.id]:
            continue
        image = draw_certificate(class_group.language, child=child.name, title=plan.title, done=kept,
                                 days=plan.days, day=plan.end_date, class_name=class_group.name)
        media = (Media("photo", image, f"certificate-{plan.id}-{child.id}.png"),)
        for person in guardians[child.id]:
            text = render(person.language, "habits.certificate_caption", child=child.name, title=plan.title,
                          done=kept, days=plan.days)
            pushes.append(Push(
                dedup_key=f"habit-certificate:plan={plan.id}:child={child.id}:person={person.id}",
                kind="habit_certificate", due_at=now, class_id=class_group.id, target=PersonTarget(person.id),
                text=text, media=media))
    return pushes


async def _issued(session: AsyncSession, plans: list[HabitPlan]) -> set[tuple[int, int]]:
    """(plan id, child id) of the certificates already issued in these plans."""
    ids, issued = sorted(plan.id for plan in plans), set()
    for first in range(0, len(ids), IN_CHUNK):
        issued |= {(plan_id, student_id) for plan_id, student_id in await session.execute(
            select(HabitCertificate.plan_id, HabitCertificate.student_id)
            .where(HabitCertificate.plan_id.in_(ids[first:first + IN_CHUNK])))}
    return issued


@provider("habit_summary")
async def summaries(session: AsyncSession, now: datetime) -> list[Push]:
    due = await due_plans(session, HabitPlan.next_summary_at, now)
    plans = [plan for plan, _ in due]
    children_of, records_of_plan = await taking_part_in(session, plans), await records_in(session, plans)
    teachers = await teachers_in(session, [class_group.id for _, class_group in due])
    pushes = []
    for plan, class_group in due:
        due_at, plan.next_summary_at = plan.next_summary_at, None
        summary = summarize(plan, children_of[plan.id], records_of_plan[plan.id])
        for teacher in teachers[class_group.id]:
            text = render(teacher.language, "habits.summary", title=plan.title, days=plan.days, summary=summary)
            sheet = Media("document", summary_xlsx(plan, summary, teacher.language), f"habit-plan-{plan.id}.xlsx")
            chart = Media("photo", summary_chart(plan, summary, teacher.language), f"habit-plan-{plan.id}.png")
            pushes.append(Push(dedup_key=f"habit-summary:plan={plan.id}:person={teacher.id}", kind="habit_summary",
                               due_at=due_at, class_id=class_group.id, target=PersonTarget(teacher.id), text=text,
                               media=(sheet, chart)))
    return pushes
