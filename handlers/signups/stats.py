"""/signup stats (teacher or rep, privately): volunteer points (志愿者积分) of every family for the current
term — one point per place held on the term's lists, closed lists included — with CSV and XLSX. Points are
a private figure: they are never posted to the group."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from sqlalchemy import select

from handlers.classes.families import ROSTER_ORDER
from handlers.core.arguments import Args
from handlers.core.context import Context
from handlers.core.messages import Media
from handlers.core.sheets import sheet_title
from handlers.signups.terms import term_of
from models import Person, Role, Student, StudentStatus
from models.signups import SignupEntry, SignupList, SignupSlot


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


def points_csv(header: list[str], table: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(table)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the Chinese names right


def points_xlsx(title: str, header: list[str], table: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title, "signups")
    sheet.append(header)
    for row in table:
        sheet.append(row)
    for column, width in zip("ABC", (16, 8, 60), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


async def stats_command(ctx: Context, args: Args) -> None:
    class_group, _ = await ctx.require_class(Role.teacher, Role.rep)
    today = ctx.today(class_group)
    term = term_of(today)
    families = await term_points(ctx, class_group.id, class_group.timezone, today)
    header = ctx.text("signups.export_header").split("|")
    table = [[family.name, family.points, "; ".join(family.places)] for family in families]
    base = f"volunteers-{class_group.join_code}-{term.year}-{'autumn' if term.autumn else 'spring'}"
    media = (Media("document", points_csv(header, table), f"{base}.csv"),
             Media("document", points_xlsx(ctx.text("signups.sheet_title", term=term), header, table),
                   f"{base}.xlsx"))
    ctx.say("signups.stats", class_name=class_group.name, term=term,
            helped=[family for family in families if family.points], idle=sum(1 for f in families if not f.points),
            media=media)
