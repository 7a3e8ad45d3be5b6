"""A signed WeChat request is good for one body, and only for a few minutes.

WeChat signs the token, timestamp and nonce of every request, but in plain mode not the body: a signed
query seen once could carry any other body, as anyone. So a timestamp more than five minutes off our clock
is refused, and a nonce is remembered for that window with its body's hash, in the store so that every
replica knows it. WeChat retries a message with the very same body: that is a re-delivery, which the
update key then recognises; the same signed query with another body is a forgery."""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wechat.bodies import Refused
from handlers.core.clock import Clock
from models.upserts import insert_for
from models.wechat import NONCE_WINDOW as WINDOW
from models.wechat import SeenNonce

MAX_NONCE = 64  # WeChat's nonces are about ten digits


def signed_moment(timestamp: str, clock: Clock) -> datetime:
    """The request's time, refused when it is not a number or not within the window of our clock, either way
    (a clock ahead of ours would make a captured request good for longer)."""
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        raise Refused(400, "bad timestamp")
    moment = datetime.fromtimestamp(int(timestamp), UTC)
    if abs(clock.now() - moment) > WINDOW:
        raise Refused(403, "stale timestamp")
    return moment


class Nonces:
    """The nonces one endpoint has seen (the Official Account's and the WeCom app's are apart)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], platform: str):
        self.sessions, self.platform = sessions, platform

    async def check(self, nonce: str, signed_at: datetime, body: str | bytes) -> None:
        """Remembers `nonce`; refuses it when it came before with another body. `body` is the message as
        opened: WeChat may seal a retry afresh, so in safe mode the sealed bytes may differ."""
        if not nonce or len(nonce) > MAX_NONCE:
            raise Refused(400, "bad nonce")
        digest = hashlib.sha256(body.encode() if isinstance(body, str) else body).hexdigest()
        key = {"platform": self.platform, "nonce": nonce, "signed_at": signed_at}
        async with self.sessions.begin() as session:
            # ON CONFLICT: two replicas receiving the same nonce at once agree on the one body that was first.
            await session.execute(insert_for(session, SeenNonce).values(**key, body_hash=digest)
                                  .on_conflict_do_nothing(index_elements=list(key)))
            first = await session.scalar(select(SeenNonce.body_hash).filter_by(**key))
        if first != digest:
            raise Refused(403, "nonce already used")
