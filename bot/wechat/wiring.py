"""Adds WeChat to the platforms a process serves, from the settings: the Official Account when
WECHAT_OA_APP_ID and WECHAT_OA_TOKEN are set, the WeCom app when WECOM_CORP_ID, WECOM_TOKEN and
WECOM_AES_KEY are set, and the WeCom group robot always (it needs no credentials of ours: each class
brings its robot's URL)."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from bot.runtime import Runtime
from bot.wechat.api_calls import OfficialAccountClient, WeComClient
from bot.wechat.bridge import WeChatBridge
from bot.wechat.envelope import Envelope
from bot.wechat.messengers import OfficialAccountMessenger, WeComMessenger
from bot.wechat.official_webhook import PLATFORM as OA
from bot.wechat.official_webhook import official_router
from bot.wechat.platform import WeChatPlatform
from bot.wechat.robot import RobotMessenger
from bot.wechat.wecom_webhook import PLATFORM as WECOM
from bot.wechat.wecom_webhook import wecom_router
from handlers.core.wecom_robot import ROBOT_PLATFORM

log = logging.getLogger(__name__)


def _secret(value) -> str:
    return value.get_secret_value() if value is not None else ""


@asynccontextmanager
async def draining(bridge: WeChatBridge):
    """At shutdown, answers still being sent are let finish."""
    yield bridge
    await bridge.drain()


def official_account(runtime: Runtime) -> tuple[WeChatBridge, object]:
    settings = runtime.settings
    if settings.wechat_oa_app_secret is None:
        log.warning("WECHAT_OA_APP_SECRET is not set: only passive replies can reach Official Account users")
    client = OfficialAccountClient(settings.wechat_oa_app_id, _secret(settings.wechat_oa_app_secret),
                                   settings.wechat_api_base_url)
    messenger = OfficialAccountMessenger(client, runtime.sessions, runtime.clock,
                                         template_id=settings.wechat_oa_template_id,
                                         template_field=settings.wechat_oa_template_field)
    bridge = WeChatBridge(runtime, platform=WeChatPlatform(client), platform_name=OA,
                          messenger=messenger)
    envelope = None
    if settings.wechat_oa_aes_key is not None:
        envelope = Envelope(_secret(settings.wechat_oa_token), _secret(settings.wechat_oa_aes_key),
                            settings.wechat_oa_app_id)
    router = official_router(bridge, app_id=settings.wechat_oa_app_id, token=_secret(settings.wechat_oa_token),
                             envelope=envelope)
    return bridge, router


def wecom_app(runtime: Runtime) -> tuple[WeChatBridge, object]:
    settings = runtime.settings
    client = WeComClient(settings.wecom_corp_id, _secret(settings.wecom_secret), settings.wecom_api_base_url)
    messenger = WeComMessenger(client, settings.wecom_agent_id or "", runtime.sessions, runtime.clock)
    bridge = WeChatBridge(runtime, platform=WeChatPlatform(client), platform_name=WECOM,
                          messenger=messenger)
    envelope = Envelope(_secret(settings.wecom_token), _secret(settings.wecom_aes_key), settings.wecom_corp_id,
                        wecom=True)
    return bridge, wecom_router(bridge, corp_id=settings.wecom_corp_id, envelope=envelope)


def add_wechat(runtime: Runtime, wiring) -> None:
    settings = runtime.settings
    wiring.messengers.setdefault(ROBOT_PLATFORM, RobotMessenger(runtime.sessions))
    entries = []
    if settings.wechat_oa_app_id and settings.wechat_oa_token:
        entries.append((OA, *official_account(runtime)))
    if settings.wecom_corp_id and settings.wecom_token and settings.wecom_aes_key:
        entries.append((WECOM, *wecom_app(runtime)))
    for platform, bridge, router in entries:
        wiring.routers.append(router)
        wiring.platforms.append(draining(bridge))
        wiring.messengers[platform] = bridge.messenger
        wiring.wechat_bridges[platform] = bridge
        log.info("serving %s at %s", platform, "/wechat/official" if platform == OA else "/wechat/work")
