"""/signup stats (teacher or rep, privately): volunteer points (志愿者积分) of every family for the current
term — one point per place held on the term's lists, closed lists included — with CSV and XLSX. Points are
a private figure: they are never posted to the group. The files come from the ⬇️ CSV / XLSX button under
the answer, as every list's do (handlers.signups.downloads)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from handlers.classes.families import ROSTER_ORDER
from handlers.core import exports
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.exports import Table
from handlers.signups.terms import term_of
from models import ClassGroup, Person, Role, Student, StudentStatus
from models.signups import SignupEntry, SignupList, SignupSlot

POINTS_EXPORT = "signup-points"  # handlers.signups.downloads


@dataclass
class FamilyPoints:
    name: str
    places: list[str] = field(default_factory=list)  # 护学岗 · 周一护学岗

    @property
    def points(self) -> int:
        return len(self.places)


async def term_points(ctx: Context, class_id: int, timezone: str, today) -> list[FamilyPoints]:
    """Every family of the roster (those with no place too), and members who signed up in their own name;
    the most points first, then in roster order."""
    start, end = term_of(today).bounds(timezone)
    students = (await ctx.session.scalars(select(Student).where(
        Student.class_id == class_id, Student.status == StudentStatus.active).order_by(*ROSTER_ORDER))).all()
    families = {f"s{student.id}": FamilyPoints(student.name) for student in students}
    rows = (await ctx.session.execute(
        select(SignupEntry.family, SignupList.title, SignupSlot.name, Student.name, Person.display_name)
        .join(SignupList, SignupList.id == SignupEntry.list_id)
        .join(SignupSlot, SignupSlot.id == SignupEntry.slot_id)
        .outerjoin(Student, Student.id == SignupEntry.student_id)
        .outerjoin(Person, Person.id == SignupEntry.person_id)
        .where(SignupList.class_id == class_id, SignupList.created_at >= start, SignupList.created_at < end)
        .order_by(SignupList.created_at, SignupList.id, SignupSlot.position))).all()
    for family, title, slot, child, person in rows:
        entry = families.setdefault(family, FamilyPoints(child or person or "?"))
        entry.places.append(f"{title} · {slot}")
    ranked = sorted(enumerate(families.values()), key=lambda pair: (-pair[1].points, pair[0]))
    return [family for _, family in ranked]


def points_table(ctx: Context, term, families: list[FamilyPoints]) -> Table:
    return Table(ctx.text("signups.sheet_title", term=term), ctx.text("signups.export_header").split("|"),
                 [[family.name, family.points, "; ".join(family.places)] for family in families])


def file_stem(class_group: ClassGroup, term) -> str:
    return f"volunteers-{class_group.join_code}-{term.year}-{'autumn' if term.autumn else 'spring'}"


async def stats_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher, Role.rep)
    today = ctx.today(class_group)
    term = term_of(today)
    families = await term_points(ctx, class_group.id, class_group.timezone, today)
    ctx.say("signups.stats", class_name=class_group.name, term=term,
            helped=[family for family in families if family.points], idle=sum(1 for f in families if not f.points),
            buttons=(exports.button(ctx, POINTS_EXPORT, str(class_group.id)),))
