"""The WeCom group robot (群机器人) of a class: group pushes posted into the class's WeCom group as markdown.

The outbox holds copies of each group push for the robot (handlers.core.wecom_robot.robot_copies: one for the
text, one per photo), addressed as chat ("wecom_robot", <robot id>); the delivery worker sends them here, and its
rate limiter keeps each robot
within WeCom's 20 messages a minute. The webhook URL is read from the class at sending time, so a robot
removed with `/settings wecom_robot=off` gets nothing more."""
from __future__ import annotations

import base64
import hashlib

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.wechat.api_calls import TIMEOUT, send_error_of
from bot.wechat.messengers import pieces
from bot.wechat.plain_text import robot_markdown
from handlers.core.messages import ChatRef, Media, Reply
from handlers.core.ports import TransientError, Unreachable
from models import ClassGroup

MARKDOWN_BYTES = 4000  # WeCom takes up to 4096 bytes of markdown
IMAGE_BYTES = 2 * 1024 * 1024


class RobotMessenger:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]):
        self.sessions = sessions

    async def send(self, chat: ChatRef, reply: Reply) -> str | None:
        async with self.sessions() as session:
            url = await session.scalar(select(ClassGroup.wecom_robot_url).where(
                ClassGroup.wecom_robot_id == chat.chat_id, ClassGroup.wecom_robot_url.is_not(None)).limit(1))
        if url is None:
            raise Unreachable("no class uses this robot any more")
        async with httpx.AsyncClient(timeout=TIMEOUT) as http:
            for part in pieces(markdown_of(reply), MARKDOWN_BYTES):
                await _post(http, url, {"msgtype": "markdown", "markdown": {"content": part}})
            for item in reply.media:
                await _post(http, url, _media_message(item))
        return None


def markdown_of(reply: Reply) -> str:
    links = [f"[{robot_markdown(b.text)}]({b.url})" for row in reply.buttons for b in row if b.url]
    return "\n".join([robot_markdown(reply.text), *links]).strip()


def _media_message(item: Media) -> dict:
    if item.kind != "photo" or len(item.data) > IMAGE_BYTES:
        return {"msgtype": "markdown", "markdown": {"content": f"📎 {robot_markdown(item.file_name)}"}}
    return {"msgtype": "image", "image": {"base64": base64.b64encode(item.data).decode(),
                                          "md5": hashlib.md5(item.data).hexdigest()}}


async def _post(http: httpx.AsyncClient, url: str, message: dict) -> None:
    try:
        response = await http.post(url, json=message)
    except httpx.HTTPError as error:
        raise TransientError(f"robot: {type(error).__name__}") from error
    if response.status_code >= 500:
        raise TransientError(f"robot: HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        raise TransientError(f"robot: HTTP {response.status_code}, not JSON") from None
    if answer.get("errcode", 0) != 0:
        raise send_error_of(int(answer["errcode"]), f"robot: {answer['errcode']} {answer.get('errmsg', '')}")
