"""The demo class's weekly highlights: three weeks already posted, with photos and some families' ❤️, and a few
bright spots recorded for this week's digest. Two children are flagged by the coverage check: one whose last
highlight is five weeks old, and one who never had one — so `/highlights` shows the check at work at once."""
from __future__ import annotations

import io
from datetime import datetime, timedelta

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select

from handlers.core.fonts import cjk_font_path
from handlers.highlights.weeks import digest_at, open_week
from models import ClassGroup, Guardianship, Membership, Role, Student
from models.highlights import DigestState, Highlight, HighlightDigest, HighlightPhoto, HighlightThanks

SPOTS = (
    "主动帮同学讲解数学题", "午餐后把教室地面扫得干干净净", "朗读课文声音洪亮、有感情", "跳绳一分钟跳了150下",
    "把捡到的橡皮交给了失主", "作文《我的妈妈》写得真挚动人", "课间耐心教一年级小朋友系鞋带",
    "美术课的剪纸作品被选进了展板", "连续两周按时完成阅读打卡", "运动会接力跑奋力追赶，为班级争光",
)
PHOTO_COLOURS = ("#f6c344", "#7cc6a4", "#6fa8dc", "#e88f8f", "#b39ddb")
FORGOTTEN_WEEKS = 5  # the roster's second-last child was last seen five weeks ago; the last child never
THIS_WEEK = (0, 7, 14)  # recorded for this week's digest, still to be posted


def demo_photo(caption: str, colour: str) -> bytes:
    """A small picture standing in for a class photo: a coloured card with the highlight's words."""
    image = Image.new("RGB", (480, 320), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(cjk_font_path(), 28)
    draw.rounded_rectangle((24, 24, 456, 296), radius=24, outline="white", width=6)
    draw.text((240, 160), caption[:12], fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


async def add_demo_highlights(session, class_group: ClassGroup, now: datetime) -> None:
    teacher = await session.scalar(select(Membership.person_id).where(
        Membership.class_id == class_group.id, Membership.role == Role.teacher))
    children = (await session.scalars(select(Student).where(Student.class_id == class_group.id)
                                      .order_by(Student.id))).all()
    guardians = dict((await session.execute(select(Guardianship.student_id, Guardianship.person_id).where(
        Guardianship.student_id.in_([child.id for child in children])))).all())
    week = await open_week(session, class_group, now)
    *regular, forgotten, _never = children
    # The check looks at this week and the two before it: those two cover every regular child between them,
    # and the week before them adds some history.
    posted = [(week - timedelta(days=7), regular[0::2]), (week - timedelta(days=14), regular[1::2]),
              (week - timedelta(days=21), regular[0::3])]
    posted.append((week - timedelta(days=7 * FORGOTTEN_WEEKS), [forgotten]))
    number = 0
    for week_start, group in posted:
        decided_at = digest_at(class_group, week_start)
        digest = HighlightDigest(class_id=class_group.id, week_start=week_start, state=DigestState.published,
                                 decided_by=teacher, decided_at=decided_at)
        session.add(digest)
        await session.flush()
        for child in group:
            number += 1
            await _highlight(session, class_group, child, teacher, week_start, decided_at - timedelta(days=2),
                             number, digest_id=digest.id)
            if child.id in guardians and number % 2:  # about half the families said thank you
                session.add(HighlightThanks(digest_id=digest.id, student_id=child.id,
                                            person_id=guardians[child.id], created_at=decided_at + timedelta(hours=1)))
    for index in THIS_WEEK:
        number += 1
        await _highlight(session, class_group, children[index], teacher, week, now - timedelta(hours=index + 1),
                         number, digest_id=None)
    await session.flush()


async def _highlight(session, class_group: ClassGroup, child: Student, teacher: int, week_start, at: datetime,
                     number: int, *, digest_id: int | None) -> None:
    text = SPOTS[number % len(SPOTS)]
    highlight = Highlight(class_id=class_group.id, student_id=child.id, week_start=week_start, text=text,
                          recorded_by=teacher, recorded_at=at, digest_id=digest_id)
    session.add(highlight)
    await session.flush()
    if number % 3 != 2:  # two in three come with a photo
        session.add(HighlightPhoto(highlight_id=highlight.id, position=0, file_name=f"highlight-{highlight.id}-1.jpg",
                                   data=demo_photo(text, PHOTO_COLOURS[number % len(PHOTO_COLOURS)])))
