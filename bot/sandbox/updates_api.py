"""Bot API methods for the bot itself: getMe, getting updates (long polling or webhook), and files."""
from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING

from bot.sandbox.objects import bot_user_json, file_json
from bot.sandbox.params import ApiError, Params, bad
from bot.sandbox.world import WebhookConfig

if TYPE_CHECKING:
    from bot.sandbox.botapi import BotApi

WEBHOOK_ACTIVE = ("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                  "the webhook first")
TERMINATED = ("Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
              "running")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


async def get_me(api: BotApi, p: Params) -> dict:
    return bot_user_json(api.world.bot, api.world.privacy_mode)


async def get_updates(api: BotApi, p: Params) -> list[dict]:
    world = api.world
    if world.webhook.url:
        raise ApiError(409, WEBHOOK_ACTIVE)
    offset = p.integer("offset")
    limit = min(max(p.integer("limit", 100), 1), 100)
    timeout = max(p.number("timeout", 0.0), 0.0)
    if p.has("allowed_updates"):
        world.allowed_updates = p.json("allowed_updates") or None
    if offset is not None:
        world.confirm_updates(offset)
    # A newer poll replaces an older one, which answers 409: two bot instances polling see that error.
    api.poll_generation += 1
    mine = api.poll_generation
    world.updates_changed.bump()
    seen = world.updates_changed.version
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if api.poll_generation != mine:
            raise ApiError(409, TERMINATED)
        if world.webhook.url:
            raise ApiError(409, WEBHOOK_ACTIVE)
        if world.updates:
            return world.updates[:limit]
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return []
        seen = await world.updates_changed.wait(seen, remaining)


async def set_webhook(api: BotApi, p: Params) -> bool:
    world = api.world
    url = p.text("url") or ""
    # Telegram insists on HTTPS; the sandbox delivers to local http:// addresses as well.
    if url and not url.startswith(("http://", "https://")):
        raise bad("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.text("secret_token")
    if secret and not _SECRET.fullmatch(secret):
        raise bad("bad webhook: Secret token contains unallowed characters")
    max_connections = p.integer("max_connections", 40)
    if not 1 <= max_connections <= 100:
        raise bad("bad webhook: max_connections must be between 1 and 100")
    if p.boolean("drop_pending_updates"):
        world.updates.clear()
    if p.has("allowed_updates"):
        world.allowed_updates = p.json("allowed_updates") or None
    world.webhook = WebhookConfig(url, secret or None, max_connections)
    world.updates_changed.bump()
    if url:
        api.pusher.start()
    return True


async def delete_webhook(api: BotApi, p: Params) -> bool:
    world = api.world
    if p.boolean("drop_pending_updates"):
        world.updates.clear()
    world.webhook = WebhookConfig()
    world.updates_changed.bump()
    return True


async def get_webhook_info(api: BotApi, p: Params) -> dict:
    webhook = api.world.webhook
    info = {"url": webhook.url, "has_custom_certificate": False, "pending_update_count": len(api.world.updates)}
    if webhook.url:
        info["max_connections"] = webhook.max_connections
        if api.world.allowed_updates:
            info["allowed_updates"] = list(api.world.allowed_updates)
    if webhook.last_error_date is not None:
        info["last_error_date"] = webhook.last_error_date
        info["last_error_message"] = webhook.last_error_message
    return info


async def get_file(api: BotApi, p: Params) -> dict:
    stored = api.world.files.by_id.get(p.text("file_id") or "")
    if stored is None:
        raise bad("invalid file_id")
    return file_json(stored)


METHODS = {
    "getMe": get_me, "getUpdates": get_updates, "setWebhook": set_webhook, "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info, "getFile": get_file,
}
