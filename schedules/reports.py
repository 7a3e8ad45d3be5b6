"""The weekly report (/settings report=fri 17:00): at its time the class week's report goes privately to each
teacher of the class, with its XLSX and chart. The schedule row moves on in the same transaction and every
push has its own de-duplication key (class, week, teacher), so a retried tick, a restart or a second replica
sends it once; quiet hours defer it like any push."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classes.families import teachers_of
from handlers.core.messages import PersonTarget
from handlers.reports import week as weeks
from handlers.reports.weekly import next_send
from models import ClassGroup
from models.habit_schedule import local_day
from models.reports import ReportSchedule
from schedules.providers import Push, provider


@provider("report_week")
async def weekly_reports(session: AsyncSession, now: datetime) -> list[Push]:
    rows = (await session.execute(select(ReportSchedule, ClassGroup).join(
        ClassGroup, ClassGroup.id == ReportSchedule.class_id).where(ReportSchedule.next_at <= now)
        .order_by(ReportSchedule.class_id))).all()
    pushes = []
    for schedule, class_group in rows:
        due_at = schedule.next_at
        week = weeks.week_of(local_day(due_at, class_group.timezone))
        schedule.last_week = week
        schedule.next_at = next_send(class_group, schedule.weekday, schedule.at, now, week)
        report = await weeks.week_report(session, class_group, week, now)
        for teacher in await teachers_of(session, class_group.id):
            language = teacher.language
            pushes.append(Push(
                dedup_key=f"report-week:class={class_group.id}:week={week.isoformat()}:person={teacher.id}",
                kind="report_week", due_at=due_at, class_id=class_group.id, target=PersonTarget(teacher.id),
                text=weeks.text(report, language, per_child=True),
                media=tuple(weeks.files(report, language, per_child=True))))
    return pushes
