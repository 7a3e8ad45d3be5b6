"""A class week as plain data, for checking /report week: written into the store as rows, read back from the
rows a dialog made, and the figures the report must show computed from it in plain Python (the reference)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models import ClassGroup, Membership, Person, Role, Student, StudentStatus
from models.events import Event, EventCheckin, EventRsvp
from models.habits import Evidence, HabitCheckIn, HabitPlan, PlanMode
from models.highlights import DigestState, Highlight, HighlightDigest
from models.homework import (
    Grading,
    HomeworkCard,
    HomeworkOccurrence,
    HomeworkSubmission,
    Repeat,
    SubmissionState,
)
from models.notices import Notice, NoticeConfirmation
from models.polls import Poll, PollVote
from models.signups import SignupEntry, SignupList, SignupSlot

BEIJING = "Asia/Shanghai"


@dataclass
class PlanWeek:
    title: str
    start: date
    days: int
    checkins: set[tuple[int, date]] = field(default_factory=set)  # (child index, day)


@dataclass
class CardWeek:
    subject: str
    days: list[date]
    sent: dict[tuple[int, date], bool] = field(default_factory=dict)  # (child index, day) → late


@dataclass
class PollWeek:
    question: str
    created: date
    closed: date | None
    voters: int  # the first `voters` parents voted


@dataclass
class NoticeWeek:
    text: str  # short: the report names a notice by its text
    posted: date | None  # None: still waiting for its time
    ack: bool
    confirmed: set[int] = field(default_factory=set)  # child indexes


@dataclass
class EventWeek:
    title: str
    starts: date
    opened: bool  # its check-in was opened (on its day)
    rsvps: dict[int, bool] = field(default_factory=dict)  # child index → going
    present: set[int] = field(default_factory=set)


@dataclass
class SignupWeek:
    title: str
    created: date
    closed: date | None
    places: list[int]  # per slot
    taken: list[tuple[int, int, date]] = field(default_factory=list)  # (slot, child index, day)


@dataclass
class ClassWeek:
    week: date  # its Monday
    today: date
    children: list[str]
    plans: list[PlanWeek] = field(default_factory=list)
    cards: list[CardWeek] = field(default_factory=list)
    highlights: list[tuple[int, date, bool]] = field(default_factory=list)  # (child, week start, counted)
    polls: list[PollWeek] = field(default_factory=list)
    members: int = 0  # who may vote: every member but the teachers
    notices: list[NoticeWeek] = field(default_factory=list)
    events: list[EventWeek] = field(default_factory=list)
    signups: list[SignupWeek] = field(default_factory=list)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=ZoneInfo(BEIJING)).astimezone(UTC)


def reference(spec: ClassWeek) -> dict:
    """What each report part must say, computed from the plain week: {part: (items, child rows)}."""
    last = min(spec.week + timedelta(days=6), spec.today)
    children = range(len(spec.children))
    habits, habit_rows = [], []
    for plan in spec.plans:
        days = [plan.start + timedelta(days=n) for n in range(plan.days)
                if spec.week <= plan.start + timedelta(days=n) <= last]
        if not days:
            continue
        kept = {child: sum(1 for day in days if (child, day) in plan.checkins) for child in children}
        done = sum(kept.values())
        habits.append({"title": plan.title, "days": len(days), "children": len(spec.children), "done": done,
                       "rate": percent(done, len(spec.children) * len(days))})
        habit_rows += [[spec.children[child], plan.title, kept[child], len(days)] for child in children]
    homework, homework_rows = [], []
    for card in spec.cards:
        days = [day for day in card.days if spec.week <= day <= last]
        if not days:
            continue
        sent = {child: [card.sent[(child, day)] for day in days if (child, day) in card.sent] for child in children}
        submitted = sum(len(lates) for lates in sent.values())
        on_time = sum(1 for lates in sent.values() for late in lates if not late)
        expected = len(spec.children) * len(days)
        homework.append({"subject": card.subject, "days": len(days), "expected": expected, "submitted": submitted,
                         "on_time": on_time, "rate": percent(submitted, expected),
                         "on_time_rate": percent(on_time, expected)})
        homework_rows += [[spec.children[child], card.subject, len(sent[child]),
                           sum(1 for late in sent[child] if not late), len(days)] for child in children]
    first_week = spec.week - timedelta(days=14)
    this_week = {child: sum(1 for who, week, counted in spec.highlights if who == child and counted
                            and week == spec.week) for child in children}
    recent = {child: sum(1 for who, week, counted in spec.highlights if who == child and counted
                         and first_week <= week <= spec.week) for child in children}
    seen_week = sum(1 for count in this_week.values() if count)
    seen_recent = sum(1 for count in recent.values() if count)
    highlights = [{"children": len(spec.children), "seen_week": seen_week, "seen_recent": seen_recent, "weeks": 3,
                   "rate_week": percent(seen_week, len(spec.children)),
                   "rate_recent": percent(seen_recent, len(spec.children))}] if spec.children else []
    highlight_rows = [[spec.children[child], this_week[child], recent[child]] for child in children]
    polls = [{"question": poll.question, "voters": poll.voters, "members": spec.members,
              "rate": percent(poll.voters, spec.members), "closed": poll.closed is not None,
              "closed_on": poll.closed}
             for poll in spec.polls
             if poll.created <= spec.week + timedelta(days=6) and (poll.closed is None or poll.closed >= spec.week)]
    families = len(spec.children)
    notices, notice_rows = [], []
    for notice in sorted((n for n in spec.notices if n.posted is not None and spec.week <= n.posted <= last),
                         key=lambda n: n.posted):
        if not notice.ack:
            notices.append({"title": notice.text, "ack": False, "confirmed": None, "families": families,
                            "rate": None})
            continue
        notices.append({"title": notice.text, "ack": True, "confirmed": len(notice.confirmed), "families": families,
                        "rate": percent(len(notice.confirmed), families)})
        notice_rows += [[spec.children[child], notice.text, int(child in notice.confirmed)] for child in children]
    events, event_rows = [], []
    for event in sorted((e for e in spec.events if spec.week <= e.starts <= spec.week + timedelta(days=6)),
                        key=lambda e: e.starts):
        going = sum(1 for said in event.rsvps.values() if said)
        events.append({"title": event.title, "day": event.starts, "going": going,
                       "not_going": len(event.rsvps) - going, "families": families,
                       "present": len(event.present) if event.opened else None,
                       "rate": percent(len(event.present), families) if event.opened else None,
                       "held": event.opened})
        event_rows += [[spec.children[child], event.title,
                        int(event.rsvps[child]) if child in event.rsvps else None,
                        int(child in event.present) if event.opened else None] for child in children]
    signups = [{"title": signup.title, "taken": len(signup.taken), "places": sum(signup.places),
                "rate": percent(len(signup.taken), sum(signup.places)),
                "taken_week": sum(1 for _, _, day in signup.taken if spec.week <= day <= last),
                "closed": signup.closed is not None, "closed_on": signup.closed}
               for signup in spec.signups
               if signup.created <= last and (signup.closed is None or signup.closed >= spec.week)]
    points = [[spec.children[child], sum(1 for signup in spec.signups for _, who, day in signup.taken
                                         if who == child and spec.week <= day <= last)]
              for child in children] if signups else []
    # The generated weeks hold no questionnaire; tests/handlers/reports/test_survey_part.py counts one.
    return {"habits": (habits, habit_rows), "homework": (homework, homework_rows),
            "highlights": (highlights, highlight_rows), "polls": (polls, []), "surveys": ([], []),
            "notices": (notices, notice_rows), "events": (events, event_rows), "signups": (signups, points)}


async def write(session, spec: ClassWeek, number: int) -> ClassGroup:
    """The week as rows: a class of its own (so that many weeks share one store), its children with one parent
    each, plans and check-ins, cards with their days and submissions, highlights, polls and votes."""
    created = at_noon(spec.week - timedelta(days=30))
    class_group = ClassGroup(name=f"班{number}", platform="fake", chat_id=f"-9{number}", join_code=f"R{number:05d}",
                             timezone=BEIJING, language="zh", created_at=created)
    session.add(class_group)
    teacher = Person(display_name="老师", language="zh", created_at=created)
    parents = [Person(display_name=f"家长{index}", language="zh", created_at=created)
               for index in range(len(spec.children))]
    session.add_all([teacher, *parents])
    await session.flush()
    session.add_all([Membership(class_id=class_group.id, person_id=teacher.id, role=Role.teacher, joined_at=created),
                     *(Membership(class_id=class_group.id, person_id=parent.id, role=Role.parent, joined_at=created)
                       for parent in parents)])
    students = [Student(class_id=class_group.id, name=name, status=StudentStatus.active, created_at=created)
                for name in spec.children]
    session.add_all(students)
    await session.flush()
    for plan in spec.plans:
        row = HabitPlan(class_id=class_group.id, title=plan.title, days=plan.days, start_date=plan.start,
                        end_date=plan.start + timedelta(days=plan.days - 1), remind_at=time(20, 0),
                        evidence=Evidence.none, makeup_quota=2, mode=PlanMode.required, created_at=created)
        session.add(row)
        await session.flush()
        session.add_all([HabitCheckIn(plan_id=row.id, student_id=students[child].id, day=day,
                                      is_makeup=day.day % 2 == 0, created_at=at_noon(day))
                         for child, day in sorted(plan.checkins)])
    for card in spec.cards:
        row = HomeworkCard(class_id=class_group.id, subject=card.subject, content="每日", grading=Grading.stars,
                           repeat=Repeat.daily, due_time=time(20, 0), created_at=created)
        session.add(row)
        await session.flush()
        for day in card.days:
            occurrence = HomeworkOccurrence(card_id=row.id, class_id=class_group.id, day=day,
                                            due_at=at_noon(day) + timedelta(hours=8), opened_at=at_noon(day))
            session.add(occurrence)
            await session.flush()
            session.add_all([HomeworkSubmission(occurrence_id=occurrence.id, student_id=students[child].id,
                                                state=SubmissionState.waiting, version=1, late=late,
                                                first_at=at_noon(day), updated_at=at_noon(day))
                             for (child, sent_day), late in sorted(card.sent.items()) if sent_day == day])
    digests: dict[date, HighlightDigest] = {}
    for child, week, counted in spec.highlights:
        digest = None
        if not counted:
            digest = digests.get(week)
            if digest is None:
                digest = digests[week] = HighlightDigest(class_id=class_group.id, week_start=week,
                                                         state=DigestState.skipped, decided_at=at_noon(week))
                session.add(digest)
                await session.flush()
        session.add(Highlight(class_id=class_group.id, student_id=students[child].id, week_start=week, text="好",
                              recorded_at=at_noon(week), digest_id=digest.id if digest else None))
    for poll in spec.polls:
        row = Poll(class_id=class_group.id, question=poll.question, options=["是", "否"],
                   created_at=at_noon(poll.created), closed_at=at_noon(poll.closed) if poll.closed else None)
        session.add(row)
        await session.flush()
        session.add_all([PollVote(poll_id=row.id, option=index % 2, person_id=parents[index].id)
                         for index in range(poll.voters)])
    for notice in spec.notices:
        row = Notice(class_id=class_group.id, created_by=teacher.id, text=notice.text, ack=notice.ack,
                     created_at=created, post_at=at_noon(notice.posted or spec.today + timedelta(days=1)),
                     posted_at=at_noon(notice.posted) if notice.posted else None)
        session.add(row)
        await session.flush()
        session.add_all([NoticeConfirmation(notice_id=row.id, student_id=students[child].id,
                                            person_id=parents[child].id, confirmed_at=at_noon(notice.posted))
                         for child in sorted(notice.confirmed)])
    for event in spec.events:
        opened = at_noon(event.starts) if event.opened else None
        row = Event(class_id=class_group.id, created_by=teacher.id, title=event.title, starts_at=at_noon(event.starts),
                    created_at=created, checkin_opened_at=opened,
                    checkin_closes_at=opened + timedelta(hours=2) if opened else None)
        session.add(row)
        await session.flush()
        session.add_all([EventRsvp(event_id=row.id, student_id=students[child].id, person_id=parents[child].id,
                                   going=going, answered_at=created) for child, going in sorted(event.rsvps.items())])
        session.add_all([EventCheckin(event_id=row.id, student_id=students[child].id, person_id=parents[child].id,
                                      checked_in_at=opened) for child in sorted(event.present)])
    for signup in spec.signups:
        row = SignupList(class_id=class_group.id, created_by=teacher.id, title=signup.title,
                         created_at=at_noon(signup.created),
                         closed_at=at_noon(signup.closed) if signup.closed else None)
        session.add(row)
        await session.flush()
        slots = [SignupSlot(list_id=row.id, position=position, name=f"岗位{position}", places=places)
                 for position, places in enumerate(signup.places)]
        session.add_all(slots)
        await session.flush()
        session.add_all([SignupEntry(slot_id=slots[slot].id, list_id=row.id, family=f"s{students[child].id}",
                                     student_id=students[child].id, person_id=parents[child].id,
                                     taken_at=at_noon(day)) for slot, child, day in signup.taken])
    await session.flush()
    return class_group


async def read(session, class_id: int, week: date, today: date) -> ClassWeek:
    """The week as the rows of a class say it, whatever made them (a dialog's commands)."""
    class_group = await session.get(ClassGroup, class_id)
    students = (await session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.active).order_by(Student.name))).all()
    index = {student.id: number for number, student in enumerate(students)}
    spec = ClassWeek(week, today, [student.name for student in students])
    for plan in (await session.scalars(select(HabitPlan).where(
            HabitPlan.class_id == class_id, HabitPlan.student_id.is_(None)).order_by(HabitPlan.id))).all():
        checkins = (await session.scalars(select(HabitCheckIn).where(HabitCheckIn.plan_id == plan.id))).all()
        spec.plans.append(PlanWeek(plan.title, plan.start_date, plan.days,
                                   {(index[c.student_id], c.day) for c in checkins if c.student_id in index}))
    for card in (await session.scalars(select(HomeworkCard).where(HomeworkCard.class_id == class_id)
                                       .order_by(HomeworkCard.id))).all():
        occurrences = (await session.scalars(select(HomeworkOccurrence).where(
            HomeworkOccurrence.card_id == card.id))).all()
        day_of = {occurrence.id: occurrence.day for occurrence in occurrences}
        sent = (await session.scalars(select(HomeworkSubmission).where(
            HomeworkSubmission.occurrence_id.in_(list(day_of))))).all()
        spec.cards.append(CardWeek(card.subject, sorted(day_of.values()),
                                   {(index[s.student_id], day_of[s.occurrence_id]): s.late for s in sent
                                    if s.student_id in index}))
    digests = {digest.id: digest.state for digest in (await session.scalars(select(HighlightDigest).where(
        HighlightDigest.class_id == class_id))).all()}
    for highlight in (await session.scalars(select(Highlight).where(Highlight.class_id == class_id))).all():
        counted = highlight.digest_id is None or digests[highlight.digest_id] == DigestState.published
        if highlight.student_id in index:
            spec.highlights.append((index[highlight.student_id], highlight.week_start, counted))
    zone = ZoneInfo(class_group.timezone)
    for poll in (await session.scalars(select(Poll).where(Poll.class_id == class_id).order_by(Poll.id))).all():
        votes = (await session.scalars(select(PollVote).where(PollVote.poll_id == poll.id))).all()
        spec.polls.append(PollWeek(poll.question, poll.created_at.astimezone(zone).date(),
                                   poll.closed_at.astimezone(zone).date() if poll.closed_at else None,
                                   len({vote.person_id or vote.voter_hash for vote in votes})))
    spec.members = len((await session.scalars(select(Membership).where(
        Membership.class_id == class_id, Membership.role != Role.teacher))).all())
    for notice in (await session.scalars(select(Notice).where(Notice.class_id == class_id).order_by(Notice.id))).all():
        confirmed = (await session.scalars(select(NoticeConfirmation.student_id).where(
            NoticeConfirmation.notice_id == notice.id))).all()
        spec.notices.append(NoticeWeek(notice.text, notice.posted_at.astimezone(zone).date() if notice.posted_at
                                       else None, notice.ack, {index[s] for s in confirmed if s in index}))
    for event in (await session.scalars(select(Event).where(Event.class_id == class_id).order_by(Event.id))).all():
        rsvps = (await session.scalars(select(EventRsvp).where(EventRsvp.event_id == event.id))).all()
        present = (await session.scalars(select(EventCheckin.student_id).where(
            EventCheckin.event_id == event.id))).all()
        spec.events.append(EventWeek(event.title, event.starts_at.astimezone(zone).date(),
                                     event.checkin_opened_at is not None,
                                     {index[r.student_id]: r.going for r in rsvps if r.student_id in index},
                                     {index[s] for s in present if s in index}))
    for signup in (await session.scalars(select(SignupList).where(SignupList.class_id == class_id)
                                         .order_by(SignupList.id))).all():
        slots = (await session.scalars(select(SignupSlot).where(SignupSlot.list_id == signup.id)
                                       .order_by(SignupSlot.position))).all()
        position = {slot.id: slot.position for slot in slots}
        entries = (await session.scalars(select(SignupEntry).where(SignupEntry.list_id == signup.id))).all()
        spec.signups.append(SignupWeek(signup.title, signup.created_at.astimezone(zone).date(),
                                       signup.closed_at.astimezone(zone).date() if signup.closed_at else None,
                                       [slot.places for slot in slots],
                                       [(position[e.slot_id], index[e.student_id], e.taken_at.astimezone(zone).date())
                                        for e in entries if e.student_id in index]))
    return spec
