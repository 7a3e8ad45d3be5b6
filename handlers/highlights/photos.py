"""A highlight's photos: fetched from the platform when the teacher sends them and kept with the highlight,
so the scheduler can post them later on any platform (see models/highlights.py)."""
from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.context import Context
from handlers.core.errors import UserError
from handlers.core.messages import Attachment, Media
from models.highlights import MAX_PHOTOS, Highlight, HighlightPhoto


class Photo(BaseModel):
    """A photo as it came, before it is fetched: what a wait keeps while the bot asks which child."""

    file_id: str
    file_name: str | None = None


def photos_in(attachments) -> list[Photo]:
    return [Photo(file_id=a.file_id, file_name=a.file_name) for a in attachments if a.kind == "photo"]


async def keep(ctx: Context, highlight: Highlight, photos: list[Photo]) -> int:
    """Fetches and stores the photos after the highlight's others; returns how many it has now."""
    start = await ctx.session.scalar(select(func.count()).select_from(HighlightPhoto).where(
        HighlightPhoto.highlight_id == highlight.id))
    if start + len(photos) > MAX_PHOTOS:
        raise UserError("highlights.too_many_photos", limit=MAX_PHOTOS)
    for index, photo in enumerate(photos):
        data = await ctx.platform.download(Attachment("photo", photo.file_id, photo.file_name))
        name = f"highlight-{highlight.id}-{start + index + 1}.jpg"
        ctx.session.add(HighlightPhoto(highlight_id=highlight.id, position=start + index, file_name=name, data=data))
    await ctx.session.flush()
    return start + len(photos)


async def photos_of(session: AsyncSession, highlight_ids: list[int]) -> dict[int, list[Media]]:
    """Each highlight's photos in the order they were sent."""
    rows = (await session.scalars(select(HighlightPhoto).where(HighlightPhoto.highlight_id.in_(highlight_ids or [0]))
                                  .order_by(HighlightPhoto.highlight_id, HighlightPhoto.position))).all()
    found: dict[int, list[Media]] = {}
    for row in rows:
        found.setdefault(row.highlight_id, []).append(Media("photo", row.data, row.file_name))
    return found


async def photo_counts(session: AsyncSession, highlight_ids: list[int]) -> dict[int, int]:
    rows = await session.execute(select(HighlightPhoto.highlight_id, func.count()).where(
        HighlightPhoto.highlight_id.in_(highlight_ids or [0])).group_by(HighlightPhoto.highlight_id))
    return {highlight_id: count for highlight_id, count in rows.all()}
