"""Bot API methods about chats, members and command menus, and the chat checks sending relies on."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from bot.sandbox.objects import (
    ADMINISTRATOR,
    OWNER,
    Chat,
    chat_full_info_json,
    chat_member_json,
)
from bot.sandbox.params import Params, bad, forbidden

if TYPE_CHECKING:
    from bot.sandbox.botapi import BotApi
    from bot.sandbox.world import World

SCOPES = {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
          "chat_administrators", "chat_member"}
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


def find_chat(world: World, chat_id: int | str) -> Chat:
    if isinstance(chat_id, str):
        for chat in world.chats.values():
            if chat.username and f"@{chat.username}".lower() == chat_id.lower():
                return chat
        raise bad("chat not found")
    try:
        return world.chat(chat_id)
    except KeyError:
        raise bad("chat not found") from None


def writable_chat(world: World, p: Params) -> Chat:
    """The chat the call addresses, once the bot may write there (403s as Telegram words them)."""
    chat = find_chat(world, p.chat_id())
    if chat.is_group:
        if chat.bot_kicked:
            raise forbidden("bot was kicked from the supergroup chat")
        return chat
    person = chat.person
    if person.is_bot:
        raise forbidden("bot can't send messages to bots")
    if person.blocked:
        raise forbidden("bot was blocked by the user")
    if not person.started:
        raise forbidden("bot can't initiate conversation with a user")
    return chat


async def get_chat(api: BotApi, p: Params) -> dict:
    return chat_full_info_json(find_chat(api.world, p.chat_id()))


async def get_chat_member(api: BotApi, p: Params) -> dict:
    world = api.world
    chat = find_chat(world, p.chat_id())
    user_id = p.integer("user_id", missing="user not found")
    person = world.users.get(user_id)
    if person is None:
        raise bad("user not found")
    if not chat.is_group:
        if user_id not in (chat.id, world.bot.id):
            raise bad("user not found")
        return chat_member_json(person, "member")
    if user_id == world.bot.id:
        status = world.bot_status(chat)
        return chat_member_json(person, "left" if status == "kicked" else status)
    return chat_member_json(person, chat.members.get(user_id, "left"))


async def get_chat_administrators(api: BotApi, p: Params) -> list[dict]:
    world = api.world
    chat = find_chat(world, p.chat_id())
    if not chat.is_group:
        raise bad("there are no administrators in the private chat")
    return [chat_member_json(world.users[user_id], status) for user_id, status in chat.members.items()
            if status in (OWNER, ADMINISTRATOR)]


def _menu_key(p: Params) -> tuple[str, str]:
    scope = p.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPES:
        raise bad("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), p.text("language_code") or ""


async def set_my_commands(api: BotApi, p: Params) -> bool:
    commands = p.json("commands")
    if not isinstance(commands, list):
        raise bad("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad("BOT_COMMANDS_TOO_MUCH")
    menu = []
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description) <= 256:
            raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
        menu.append({"command": command["command"], "description": description})
    key = _menu_key(p)
    if menu:
        api.world.commands[key] = menu
    else:
        api.world.commands.pop(key, None)
    return True


async def get_my_commands(api: BotApi, p: Params) -> list[dict]:
    return [dict(command) for command in api.world.commands.get(_menu_key(p), [])]


async def delete_my_commands(api: BotApi, p: Params) -> bool:
    api.world.commands.pop(_menu_key(p), None)
    return True


METHODS = {
    "getChat": get_chat, "getChatMember": get_chat_member, "getChatAdministrators": get_chat_administrators,
    "setMyCommands": set_my_commands, "getMyCommands": get_my_commands, "deleteMyCommands": delete_my_commands,
}
