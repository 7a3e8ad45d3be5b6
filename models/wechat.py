"""What a chat without buttons needs remembered between messages: the numbered choices the bot offered,
and a photo sent before the words that say what it is for."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import JSON, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class NumberedChoice(Base):
    """One button, offered as "reply 1 / 2 / 3". Kept in the store so that whichever replica receives the
    number can press the button."""

    __tablename__ = "numbered_choices"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    args: Mapped[list] = mapped_column(JSON, default=list)
    message_id: Mapped[str] = mapped_column(String(32))  # the message that offered it, as a pressed button's
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime())


class HeldPhoto(Base):
    """A photo that came without a caption (WeChat images never have one), waiting for "打卡"."""

    __tablename__ = "held_photos"
    __table_args__ = (Index("ix_held_photos_platform_chat_id", "platform", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    file_id: Mapped[str] = mapped_column(String(256))
    held_at: Mapped[datetime] = mapped_column(UTCDateTime())


# WeChat's requests are good this long either side of our clock; a nonce is remembered as long.
NONCE_WINDOW = timedelta(minutes=5)


class SeenNonce(Base):
    """A signed WeChat request seen in the last minutes. The signature covers the token, timestamp and
    nonce but (in plain mode) not the body, so a signed query replayed with another body is told apart from
    WeChat's own retry of the same body by the hash kept here. In the store, so it holds across replicas."""

    __tablename__ = "wechat_nonces"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime(), primary_key=True)  # the request's timestamp
    body_hash: Mapped[str] = mapped_column(String(64))  # SHA-256, hex
