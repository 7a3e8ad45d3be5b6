"""A class's WeCom group robot (群机器人): the webhook URL a teacher sets, and the copy of every group push
that the robot posts into the class's WeCom group."""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from handlers.core.errors import UserError
from handlers.core.messages import ChatRef
from handlers.core.pushes import Push

ROBOT_PLATFORM = "wecom_robot"
ROBOT_PATH = "/cgi-bin/webhook/send"
WECOM_HOST = "qyapi.weixin.qq.com"
# Loopback hosts are allowed so a local stand-in of WeCom can play the robot in tests and demos.
LOOPBACK = ("127.0.0.1", "localhost")
_KEY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def check_robot_url(value: str) -> str:
    """The URL WeCom shows when a robot is added to a group, and nothing that could post elsewhere."""
    parts = urlsplit(value.strip())
    keys = parse_qs(parts.query).get("key", [])
    host_ok = (parts.scheme == "https" and parts.hostname == WECOM_HOST) or (
        parts.scheme in ("http", "https") and parts.hostname in LOOPBACK)
    if not host_ok or parts.path != ROBOT_PATH or len(keys) != 1 or not _KEY.match(keys[0]) or len(value) > 256:
        raise UserError("bad_robot_url")
    return value.strip()


def robot_id(url: str) -> str:
    """Names the robot without its key: classes that share a robot share its sending limit."""
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def masked(url: str) -> str:
    """Enough to recognise the robot, not enough to post to it: https://qyapi…key=abcd…wxyz."""
    parts = urlsplit(url)
    key = parse_qs(parts.query).get("key", [""])[0]
    return f"{parts.scheme}://{(parts.hostname or '')[:5]}…key={key[:4]}…{key[-4:]}"


def robot_copies(push: Push, wecom_robot_id: str | None) -> list[Push]:
    """The same push for the class's robot (`wecom_robot_id`, the class's), when it goes to the class's
    group and the class has a robot.

    Robot messages cannot carry buttons nor be edited, so only link buttons stay and no tally is kept; a push
    whose buttons are its point says in `robot_text` how to answer from WeChat instead. Each photo is a robot
    message of its own, so each is its own copy: the robot's limit of 20 messages a minute then counts every
    image, and an album of 10 photos cannot burst past it."""
    target = push.target
    if (not wecom_robot_id or not isinstance(target, ChatRef)
            or target.is_private or target.platform == ROBOT_PLATFORM):
        return []
    robot = ChatRef(ROBOT_PLATFORM, wecom_robot_id, False)
    links = tuple(row for row in (tuple(b for b in row if b.url) for row in push.buttons) if row)
    copies = []
    text = push.robot_text or push.text
    if text or links:
        copies.append(replace(push, dedup_key=f"{push.dedup_key}:robot"[:200], buttons=links, tally_key=None,
                              text=text, robot_text=None, target=robot, media=()))
    for number, item in enumerate(push.media, 1):
        copies.append(replace(push, dedup_key=f"{push.dedup_key}:robot:{number}"[:200], text="", buttons=(),
                              tally_key=None, robot_text=None, target=robot, media=(item,)))
    return copies
