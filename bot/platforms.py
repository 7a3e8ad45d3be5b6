"""Which platforms this process serves, from the settings: Telegram when a token is set, else the sandbox;
and WeChat beside either when its settings are given (bot/wechat/wiring.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.runtime import Runtime
from bot.telegram.bridge import TelegramBridge
from bot.telegram.webhook import webhook_router
from bot.wechat.wiring import add_wechat


@dataclass
class Wiring:
    platforms: list = field(default_factory=list)  # async context managers run with the app
    routers: list = field(default_factory=list)
    mounts: list = field(default_factory=list)
    bridges: list = field(default_factory=list)
    messengers: dict = field(default_factory=dict)  # platform name -> Messenger, for scheduled pushes
    world: object | None = None  # the sandbox's stand-in state, when running in the sandbox
    wechat_bridges: dict = field(default_factory=dict)  # platform name -> WeChatBridge


def telegram_wiring(runtime: Runtime) -> Wiring:
    settings = runtime.settings
    bridge = TelegramBridge(
        runtime,
        token=settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_file_base_url,
        webhook_url=settings.telegram_webhook_url,
        webhook_secret=settings.telegram_webhook_secret.get_secret_value()
        if settings.telegram_webhook_secret
        else None,
        button_secret=settings.button_secret.get_secret_value() if settings.button_secret else None,
        bot_username=settings.telegram_bot_username,
    )
    wiring = Wiring(platforms=[bridge], bridges=[bridge], messengers={"telegram": bridge.messenger})
    if settings.telegram_webhook_url:
        wiring.routers.append(webhook_router(bridge))
    return wiring


def build_wiring(runtime: Runtime) -> Wiring:
    if runtime.settings.sandbox:
        from bot.sandbox.wiring import sandbox_wiring

        wiring = sandbox_wiring(runtime)
    else:
        wiring = telegram_wiring(runtime)
    # One class can live on several platforms: the worker sends each reply with its chat's messenger.
    add_wechat(runtime, wiring)
    return wiring
