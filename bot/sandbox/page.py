"""The sandbox page at /sandbox and the small JSON API it uses to act as people in the stand-in's chats."""
from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.sandbox.cast import populate, roles_by_user
from bot.sandbox.html_subset import sanitize
from bot.sandbox.objects import Entry
from bot.sandbox.world import World

WEB = Path(__file__).resolve().parents[2] / "templates" / "web"
STATIC = {"sandbox.css": "text/css", "sandbox.js": "text/javascript"}
ROLE_LABELS = {"teacher": "老师 teacher", "rep": "家委 rep", "parent": "家长 parent"}


def message_view(world: World, entry: Entry) -> dict:
    message = entry.message
    sender = message.get("from", {})
    text = message.get("text") or message.get("caption") or ""
    view = {
        "message_id": message["message_id"], "from_id": sender.get("id"),
        "from_name": sender.get("first_name", ""), "is_bot": sender.get("is_bot", False),
        "text": text, "html": sanitize(entry.html) if entry.html is not None else escape(text),
        "edited": "edit_date" in message, "buttons": [],
    }
    if message.get("photo"):
        view["photo_url"] = f"/sandbox/api/file/{message['photo'][-1]['file_id']}"
    if message.get("document"):
        document = message["document"]
        view["document"] = {"name": document.get("file_name") or "file",
                            "url": f"/sandbox/api/file/{document['file_id']}"}
    for row in message.get("reply_markup", {}).get("inline_keyboard", []):
        view["buttons"].append([{"text": b["text"], "callback_data": b.get("callback_data"), "url": b.get("url")}
                                for b in row])
    return view


def sandbox_router(world: World, sessions: async_sessionmaker[AsyncSession]) -> APIRouter:
    router = APIRouter(prefix="/sandbox")
    resets = {"count": 0}

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
        people = [{"id": p.id, "name": p.full_name, "role": ROLE_LABELS.get(roles.get(p.id), "")}
                  for p in world.users.values() if not p.is_bot]
        people.sort(key=lambda p: (p["role"] == "", p["id"]))
        groups = [{"id": c.id, "title": c.title, "type": "group", "members": list(c.members)}
                  for c in world.chats.values() if c.is_group]
        private = [{"id": p["id"], "title": "🤖 ClassBridge", "type": "private", "members": [p["id"]]}
                   for p in people]
        return JSONResponse({"people": people, "chats": groups + private, "version": world.version()})

    @router.get("/api/messages")
    async def messages(chat_id: int, user_id: int | None = None) -> JSONResponse:
        try:
            entries = world.entries(chat_id)
        except KeyError:
            raise HTTPException(404, "no such chat") from None
        return JSONResponse({"messages": [message_view(world, entry) for entry in entries],
                             "version": world.version()})

    @router.get("/api/wait")
    async def wait(since: int = 0) -> JSONResponse:
        seen = resets["count"]
        version = await world.wait_for_change(after=since, timeout=25.0)
        return JSONResponse({"version": version, "reset": resets["count"] != seen or since == 0})

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

    @router.get("/api/file/{file_id}")
    async def file(file_id: str) -> Response:
        stored = world.files.by_id.get(file_id)
        if stored is None:
            raise HTTPException(404)
        return Response(stored.data, media_type=stored.mime_type or "application/octet-stream")

    @router.post("/api/reset")
    async def reset() -> JSONResponse:
        # Conversations are cleared; the people and classes in the store come back as they are.
        world.reset()
        await populate(world, sessions)
        resets["count"] += 1
        return JSONResponse({"ok": True})

    return router


def _act(action) -> JSONResponse:
    try:
        return JSONResponse(action())
    except (KeyError, ValueError) as error:
        raise HTTPException(400, str(error)) from None
