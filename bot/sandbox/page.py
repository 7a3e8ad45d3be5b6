"""The sandbox page at /sandbox and the small JSON API it uses to act as people in the stand-in's chats."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.cast import class_zones, populate, roles_by_user
from bot.sandbox.clock_view import clock_view
from bot.sandbox.html_subset import sanitize
from bot.sandbox.objects import Entry
from bot.sandbox.time_travel import STEPS, TimeTravel
from bot.sandbox.world import World

WEB = Path(__file__).resolve().parents[2] / "templates" / "web"
STATIC = {"sandbox.css": "text/css", "sandbox.js": "text/javascript"}
ROLE_LABELS = {"teacher": "老师 teacher", "rep": "家委 rep", "parent": "家长 parent"}


def message_view(world: World, entry: Entry, zone: str = "Asia/Shanghai") -> dict:
    message = entry.message
    sender = message.get("from", {})
    text = message.get("text") or message.get("caption") or ""
    view = {
        "message_id": message["message_id"], "from_id": sender.get("id"),
        "from_name": sender.get("first_name", ""), "is_bot": sender.get("is_bot", False),
        "text": text, "html": sanitize(entry.html) if entry.html is not None else escape(text),
        "edited": "edit_date" in message, "buttons": [],
        # When it was sent, on the sandbox's clock and in the class's time zone.
        "time": datetime.fromtimestamp(message["date"], ZoneInfo(zone)).strftime("%m-%d %H:%M"),
        "reactions": [r["emoji"] for r in entry.reactions if r.get("type") == "emoji"],
    }
    if message.get("photo"):
        largest = message["photo"][-1]
        # The size lets the page keep room for the picture before it loads, so the chat does not jump.
        view["photo"] = {"url": f"/sandbox/api/file/{largest['file_id']}",
                         "width": largest.get("width") or 0, "height": largest.get("height") or 0}
    if message.get("document"):
        document = message["document"]
        view["document"] = {"name": document.get("file_name") or "file",
                            "url": f"/sandbox/api/file/{document['file_id']}"}
    for row in message.get("reply_markup", {}).get("inline_keyboard", []):
        view["buttons"].append([{"text": b["text"], "callback_data": b.get("callback_data"), "url": b.get("url")}
                                for b in row])
    return view


class ReadMarks:
    """What each person has seen on the page: the last message id per chat, as in a Telegram client.
    Only the page's view, so it lives here and not in the stand-in's world."""

    def __init__(self, world: World):
        self.world = world
        self.seen: dict[tuple[int, int], int] = {}  # (user id, chat id) -> last message id seen

    def chats_of(self, user_id: int) -> list:
        chats = [chat for chat in self.world.chats.values() if chat.is_group and user_id in chat.members]
        if user_id in self.world.chats:  # the private chat exists once someone wrote in it
            chats.append(self.world.chats[user_id])
        return chats

    def mark_read(self, user_id: int, chat_id: int, entries: list[Entry]) -> None:
        if entries:
            self.seen[(user_id, chat_id)] = entries[-1].message_id

    def unread(self, user_id: int) -> dict[int, int]:
        counts = {}
        for chat in self.chats_of(user_id):
            last = self.seen.get((user_id, chat.id), 0)
            count = sum(1 for entry in chat.entries.values()
                        if entry.message_id > last and entry.sender_id != user_id)
            if count:
                counts[chat.id] = count
        return counts

    def clear(self) -> None:
        self.seen.clear()


async def until_disconnected(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


def sandbox_router(world: World, sessions: async_sessionmaker[AsyncSession], *,
                   time_travel: TimeTravel | None = None, timezone: str = "Asia/Shanghai",
                   run_demo: Callable[[], Awaitable[str]] | None = None) -> APIRouter:
    """`time_travel` adds the clock and its controls; `run_demo` the hint's button that seeds the demo."""
    router = APIRouter(prefix="/sandbox")
    resets = {"count": 0}
    marks = ReadMarks(world)

    @router.get("")
    async def page() -> FileResponse:
        return FileResponse(WEB / "sandbox.html", media_type="text/html")

    @router.get("/static/{name}")
    async def static(name: str) -> FileResponse:
        if name not in STATIC:
            raise HTTPException(404)
        return FileResponse(WEB / name, media_type=STATIC[name])

    @router.get("/api/state")
    async def state() -> JSONResponse:
        roles = await roles_by_user(sessions)
        people = [{"id": p.id, "name": p.full_name, "role": ROLE_LABELS.get(roles.get(p.id), ""),
                   "unread": sum(marks.unread(p.id).values())}
                  for p in world.users.values() if not p.is_bot]
        people.sort(key=lambda p: (p["role"] == "", p["id"]))
        groups = [{"id": c.id, "title": c.title, "type": "group", "members": list(c.members)}
                  for c in world.chats.values() if c.is_group]
        private = [{"id": p["id"], "title": f"私聊 {world.bot.full_name}", "type": "private", "members": [p["id"]]}
                   for p in people]
        zones = await class_zones(sessions)
        view = {"people": people, "chats": groups + private, "version": world.version(),
                # The first steps are shown until there is a class to act in.
                "hint": not zones, "demo": run_demo is not None}
        if time_travel is not None:
            view["clock"] = clock_view(time_travel.clock.now(), zones[0] if zones else timezone)
        return JSONResponse(view)

    @router.get("/api/messages")
    async def messages(chat_id: int, user_id: int | None = None) -> JSONResponse:
        try:
            entries = world.entries(chat_id)
        except KeyError:
            raise HTTPException(404, "no such chat") from None
        if user_id is not None:
            marks.mark_read(user_id, chat_id, entries)
        zones = await class_zones(sessions)
        zone = zones[0] if zones else timezone
        return JSONResponse({"messages": [message_view(world, entry, zone) for entry in entries],
                             "unread": marks.unread(user_id) if user_id is not None else {},
                             "version": world.version()})

    @router.get("/api/wait")
    async def wait(request: Request, since: int = 0) -> JSONResponse:
        seen = resets["count"]
        # A closed tab must not leave its long poll behind: the server would wait for it when stopping.
        changed = asyncio.ensure_future(world.wait_for_change(after=since, timeout=25.0))
        gone = asyncio.ensure_future(until_disconnected(request))
        try:
            await asyncio.wait({changed, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            changed.cancel()
            gone.cancel()
        if not changed.done() or changed.cancelled():
            return Response(status_code=204)
        return JSONResponse({"version": changed.result(), "reset": resets["count"] != seen or since == 0})

    @router.post("/api/send")
    async def send(request: Request) -> JSONResponse:
        body = await request.json()
        text = str(body.get("text", "")).strip()
        if not text:
            raise HTTPException(400, "empty message")
        return _act(lambda: world.user_sends_text(int(body["chat_id"]), int(body["user_id"]), text[:4096]))

    @router.post("/api/upload")
    async def upload(file: UploadFile, chat_id: int = Form(), user_id: int = Form(), caption: str = Form("")):
        data = await file.read()
        caption = caption.strip() or None
        if (file.content_type or "").startswith("image/"):
            return _act(lambda: world.user_sends_photo(chat_id, user_id, data, caption))
        return _act(lambda: world.user_sends_document(chat_id, user_id, data, file.filename or "file",
                                                      file.content_type, caption))

    @router.post("/api/press")
    async def press(request: Request) -> JSONResponse:
        body = await request.json()
        return _act(lambda: {"query_id": world.user_presses_button(
            int(body["chat_id"]), int(body["message_id"]), int(body["user_id"]), str(body["data"]))})

    @router.get("/api/answer/{query_id}")
    async def answer(query_id: str) -> JSONResponse:
        """The bot's answer to a button press, which Telegram shows as a short notice."""
        record = world.callback_queries.get(query_id)
        if record is None:
            raise HTTPException(404, "no such button press")
        return JSONResponse({"answered": record.answer is not None,
                             "text": (record.answer or {}).get("text") or ""})

    @router.get("/api/file/{file_id}")
    async def file(file_id: str) -> Response:
        stored = world.files.by_id.get(file_id)
        if stored is None:
            raise HTTPException(404)
        return Response(stored.data, media_type=stored.mime_type or "application/octet-stream")

    if time_travel is not None:
        @router.post("/api/clock")
        async def move_clock(request: Request) -> JSONResponse:
            how = str((await request.json()).get("by", ""))
            if how != "next" and how not in STEPS:
                raise HTTPException(400, "by must be next, hour or day")
            jump = await time_travel.jump(how)
            return JSONResponse({"moved": jump.moved, "now": jump.now.isoformat(), "moments": jump.moments})

    if run_demo is not None:
        @router.post("/api/demo")
        async def demo() -> JSONResponse:
            message = await run_demo()
            world.changed.bump()
            return JSONResponse({"message": message})

    @router.post("/api/reset")
    async def reset() -> JSONResponse:
        # Conversations are cleared; the people and classes in the store come back as they are.
        world.reset()
        marks.clear()
        await populate(world, sessions)
        resets["count"] += 1
        return JSONResponse({"ok": True})

    return router


def _act(action) -> JSONResponse:
    try:
        return JSONResponse(action())
    except (KeyError, ValueError) as error:
        raise HTTPException(400, str(error)) from None
