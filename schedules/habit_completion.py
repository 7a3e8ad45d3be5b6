"""The end of a plan: each family's certificate, and the plan summary with its XLSX for the teachers.

A child who checks in on the last day gets the certificate that day, at the next tick; a child who took
part but missed the last day gets it when the last class day is over. The summary waits for that moment
too, so its figures are final."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.certificates import draw_certificate
from handlers.checkin_records import records_of
from handlers.families import guardians_of, taking_part
from handlers.messages import Media, PersonTarget
from handlers.plan_summary import summarize, summary_xlsx
from handlers.roster_rules import teachers_of
from handlers.texts import render
from models.habit_rules import kept_count
from models.habit_schedule import moment
from models.habits import HabitCertificate, HabitPlan
from schedules.habits import due_plans
from schedules.providers import Push, provider


@provider("habit_certificate")
async def certificates(session: AsyncSession, now: datetime) -> list[Push]:
    pushes = []
    for plan, class_group in await due_plans(session, HabitPlan.next_certificates_at, now):
        over = now >= moment(plan.end_date + timedelta(days=1), time(0), class_group.timezone)
        if over:
            plan.next_certificates_at = None
        issued = set((await session.scalars(select(HabitCertificate.student_id).where(
            HabitCertificate.plan_id == plan.id))).all())
        records = await records_of(session, plan)
        for child in await taking_part(session, plan):
            record = records[child.id]
            kept = kept_count(plan.start_date, plan.days, record.on_time, record.makeups)
            finished_today = plan.end_date in record.on_time
            if child.id in issued or not kept or not (finished_today or over):
                continue
            session.add(HabitCertificate(plan_id=plan.id, student_id=child.id, days_done=kept, issued_at=now))
            guardians = (await guardians_of(session, [child.id], reachable_only=True))[child.id]
            if not guardians:
                continue
            image = draw_certificate(class_group.language, child=child.name, title=plan.title, done=kept,
                                     days=plan.days, day=plan.end_date, class_name=class_group.name)
            media = (Media("photo", image, f"certificate-{plan.id}-{child.id}.png"),)
            for person in guardians:
                text = render(person.language, "habits.certificate_caption", child=child.name, title=plan.title,
                              done=kept, days=plan.days)
                pushes.append(Push(
                    dedup_key=f"habit-certificate:plan={plan.id}:child={child.id}:person={person.id}",
                    kind="habit_certificate", due_at=now, class_id=class_group.id, target=PersonTarget(person.id),
                    text=text, media=media))
    return pushes


@provider("habit_summary")
async def summaries(session: AsyncSession, now: datetime) -> list[Push]:
    pushes = []
    for plan, class_group in await due_plans(session, HabitPlan.next_summary_at, now):
        due_at, plan.next_summary_at = plan.next_summary_at, None
        summary = summarize(plan, await taking_part(session, plan), await records_of(session, plan))
        for teacher in await teachers_of(session, class_group.id):
            text = render(teacher.language, "habits.summary", title=plan.title, days=plan.days, summary=summary)
            sheet = Media("document", summary_xlsx(plan, summary, teacher.language), f"habit-plan-{plan.id}.xlsx")
            pushes.append(Push(dedup_key=f"habit-summary:plan={plan.id}:person={teacher.id}", kind="habit_summary",
                               due_at=due_at, class_id=class_group.id, target=PersonTarget(teacher.id), text=text,
                               media=(sheet,)))
    return pushes
