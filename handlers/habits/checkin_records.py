"""Recording one child's check-in or make-up, with every rule that can refuse it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import IN_CHUNK
from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.habits.daily_post import refresh_daily_post
from handlers.habits.visible_plans import plan_state
from models import ClassGroup, Student
from models.habit_rules import current_streak, day_number, kept_count
from models.habits import MAX_NOTE, Evidence, HabitCheckIn, HabitPlan
from models.upserts import prepared_upsert

# What a family plan is called once the parent who named it is erased: the plan is the child's, the words theirs.
ERASED_TITLE = "—"


@dataclass(frozen=True)
class Proof:
    """What came with the check-in: a note and a photo's file id, either or both possibly missing."""

    note: str | None = None
    photo: str | None = None


class MissingEvidence(Exception):
    """The plan asks for a photo or a note that did not come: privately the bot can wait for it."""

    def __init__(self, evidence: Evidence):
        super().__init__(evidence.value)
        self.evidence = evidence


@dataclass(frozen=True)
class ChildRecord:
    on_time: set[date]
    makeups: set[date]


async def records_of(session: AsyncSession, plan: HabitPlan) -> dict[int, ChildRecord]:
    """Every child's record in the plan; a child without check-ins gets an empty one."""
    rows = (await session.execute(select(HabitCheckIn.student_id, HabitCheckIn.day, HabitCheckIn.is_makeup)
                                  .where(HabitCheckIn.plan_id == plan.id))).all()
    records: dict[int, ChildRecord] = defaultdict(lambda: ChildRecord(set(), set()))
    for student_id, day, makeup in rows:
        (records[student_id].makeups if makeup else records[student_id].on_time).add(day)
    return records


async def records_in(session: AsyncSession, plans: list[HabitPlan]) -> dict[int, dict[int, ChildRecord]]:
    """`records_of` for many plans at once (plan id → child id → record)."""
    records = {plan.id: defaultdict(_empty_record) for plan in plans}
    ids = sorted(records)
    for first in range(0, len(ids), IN_CHUNK):
        for plan_id, student_id, day, makeup in await session.execute(
                select(HabitCheckIn.plan_id, HabitCheckIn.student_id, HabitCheckIn.day, HabitCheckIn.is_makeup)
                .where(HabitCheckIn.plan_id.in_(ids[first:first + IN_CHUNK]))):
            record = records[plan_id][student_id]
            (record.makeups if makeup else record.on_time).add(day)
    return records


async def checked_in_on(session: AsyncSession, plan_days: dict[int, date]) -> dict[int, set[int]]:
    """For each plan id, the children checked in on time on the plan's given day: what a daily post or a
    nudge needs, without the rest of the plan's days."""
    done: dict[int, set[int]] = {plan_id: set() for plan_id in plan_days}
    ids, days = sorted(plan_days), sorted(set(plan_days.values()))  # a tick's plans share a day or two
    for first in range(0, len(ids), IN_CHUNK):
        for plan_id, student_id, day in await session.execute(
                select(HabitCheckIn.plan_id, HabitCheckIn.student_id, HabitCheckIn.day)
                .where(HabitCheckIn.plan_id.in_(ids[first:first + IN_CHUNK]), HabitCheckIn.day.in_(days),
                       HabitCheckIn.is_makeup.is_(False))):
            if day == plan_days[plan_id]:
                done[plan_id].add(student_id)
    return done


def _empty_record() -> ChildRecord:
    return ChildRecord(set(), set())


_CHILD_DAYS = select(HabitCheckIn.day, HabitCheckIn.is_makeup).where(
    HabitCheckIn.plan_id == bindparam("plan_id"), HabitCheckIn.student_id == bindparam("student_id"))


async def child_record(session: AsyncSession, plan: HabitPlan, student_id: int) -> ChildRecord:
    rows = (await (await session.connection()).execute(_CHILD_DAYS, {"plan_id": plan.id, "student_id": student_id})
            ).all()
    return ChildRecord({day for day, makeup in rows if not makeup}, {day for day, makeup in rows if makeup})


def check_window(plan: HabitPlan, today: date) -> None:
    state = plan_state(plan, today)
    if state == "stopped":
        raise UserError("habits.plan_stopped", title=plan.title)
    if state == "upcoming":
        raise UserError("habits.not_started", title=plan.title, start=plan.start_date)
    if state == "ended":
        raise UserError("habits.plan_ended", title=plan.title, end=plan.end_date)


def check_proof(plan: HabitPlan, proof: Proof) -> None:
    if proof.note and len(proof.note) > MAX_NOTE:
        raise UserError("habits.note_too_long", limit=MAX_NOTE)
    if plan.evidence == Evidence.photo and not proof.photo or plan.evidence == Evidence.text and not proof.note:
        raise MissingEvidence(plan.evidence)


def _checkin_insert(insert):
    return insert(HabitCheckIn.__table__).on_conflict_do_nothing(index_elements=["plan_id", "student_id", "day"])


async def _insert(ctx: Context, plan: HabitPlan, child: Student, day: date, proof: Proof, makeup: bool) -> bool:
    """False when the child already has this day: another guardian was first, perhaps at the same moment.
    ON CONFLICT DO NOTHING lets the unique constraint decide without a savepoint around the insert."""
    values = dict(plan_id=plan.id, student_id=child.id, day=day, is_makeup=makeup, note=proof.note,
                  evidence_file_id=proof.photo, checked_in_by=ctx.person.id, created_at=ctx.now())
    connection = await ctx.session.connection()
    return (await connection.execute(prepared_upsert(ctx.session, _checkin_insert), values)).rowcount == 1


async def has_day(session: AsyncSession, plan: HabitPlan, child: Student, day: date) -> bool:
    return bool(await session.scalar(select(func.count()).select_from(HabitCheckIn).where(
        HabitCheckIn.plan_id == plan.id, HabitCheckIn.student_id == child.id, HabitCheckIn.day == day)))


async def check_in(ctx: Context, plan: HabitPlan, class_group: ClassGroup, child: Student, proof: Proof) -> str:
    """Records today's check-in and returns the text to answer with."""
    today = ctx.today(class_group)
    check_window(plan, today)
    record = await child_record(ctx.session, plan, child.id)  # also says whether today is done already
    if today in record.on_time or today in record.makeups:
        return ctx.text("habits.already_checked_in", child=child.name)
    check_proof(plan, proof)
    if not await _insert(ctx, plan, child, today, proof, makeup=False):
        return ctx.text("habits.already_checked_in", child=child.name)
    record.on_time.add(today)
    await refresh_daily_post(ctx.session, plan, class_group, today, ctx.now())
    return ctx.text("habits.checked_in", child=child.name, day=day_number(plan.start_date, today),
                    streak=current_streak(today, record.on_time, record.makeups),
                    done=kept_count(plan.start_date, plan.days, record.on_time, record.makeups), days=plan.days)


async def make_up(ctx: Context, plan: HabitPlan, class_group: ClassGroup, child: Student, day: date,
                  proof: Proof) -> str:
    """Records a make-up (补卡) for a missed past day of the plan, while the child's quota lasts."""
    today = ctx.today(class_group)
    check_window(plan, today)
    if day >= today:
        raise UserError("habits.makeup_not_past", date=day)
    if day < plan.start_date:
        raise UserError("habits.makeup_outside", date=day, start=plan.start_date, end=plan.end_date)
    record = await child_record(ctx.session, plan, child.id)
    if day in record.on_time or day in record.makeups:
        raise UserError("habits.makeup_not_missed", child=child.name, date=day)
    if len(record.makeups) >= plan.makeup_quota:
        raise UserError("habits.makeup_quota_used", child=child.name, quota=plan.makeup_quota)
    check_proof(plan, proof)
    if not await _insert(ctx, plan, child, day, proof, makeup=True):
        raise UserError("habits.makeup_not_missed", child=child.name, date=day)
    record.makeups.add(day)
    return ctx.text("habits.made_up", child=child.name, date=day, number=day_number(plan.start_date, day),
                    left=plan.makeup_quota - len(record.makeups),
                    done=kept_count(plan.start_date, plan.days, record.on_time, record.makeups), days=plan.days)


async def forget_checkin_notes(session: AsyncSession, person_id: int) -> None:
    """/forgetme: what a person wrote or photographed goes (check-in notes and photos, the title of a family
    plan they made); the check-in and the plan stay, as the child's record."""
    await session.execute(update(HabitCheckIn).where(HabitCheckIn.checked_in_by == person_id)
                          .values(note=None, evidence_file_id=None))
    await session.execute(update(HabitPlan).where(HabitPlan.created_by == person_id, HabitPlan.student_id.is_not(None))
                          .values(title=ERASED_TITLE))
