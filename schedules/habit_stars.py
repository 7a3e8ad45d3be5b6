"""Weekly habit stars (习惯小明星) in the group at the class's digest time: only the children to celebrate."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.checkin_records import records_of
from handlers.families import taking_part
from handlers.messages import ChatRef
from handlers.texts import render
from models.habit_schedule import next_digest
from models.habit_stars import habit_stars
from models.habits import HabitPlan
from schedules.habits import due_plans, take_due_day
from schedules.providers import Push, provider


@provider("habit_stars")
async def weekly_stars(session: AsyncSession, now: datetime) -> list[Push]:
    pushes = []
    for plan, class_group in await due_plans(session, HabitPlan.next_stars_at, now):
        # Stars are still good news the next morning, so a late tick lets quiet hours hold them.
        taken = take_due_day(plan, class_group, "next_stars_at", now, next_digest, same_evening=False)
        if taken is None:
            continue
        digest_day, due_at = taken
        children = await taking_part(session, plan)
        records = await records_of(session, plan)
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
