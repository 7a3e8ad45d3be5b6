"""Which WeChat parts a process serves follows from the settings, beside Telegram or the sandbox."""
from bot.platforms import build_wiring
from bot.runtime import build_runtime
from bot.settings import Settings


def paths(wiring) -> set[str]:
    return {route.path for router in wiring.routers for route in router.routes}


def test_without_wechat_settings_only_the_robot_is_added(tmp_path):
    runtime = build_runtime(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db"))
    wiring = build_wiring(runtime)
    assert not {"/wechat/official", "/wechat/work"} & paths(wiring)
    assert "telegram" in wiring.messengers and "wecom_robot" in wiring.messengers


def test_official_account_and_wecom_are_served_beside_the_sandbox_and_replies_route_by_platform(tmp_path):
    runtime = build_runtime(Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db", wechat_oa_app_id="wxapp", wechat_oa_token="t",
        wecom_corp_id="corp", wecom_token="t", wecom_aes_key="jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"))
    wiring = build_wiring(runtime)
    assert {"/wechat/official", "/wechat/work"} <= paths(wiring)
    assert {"telegram", "wechat_oa", "wecom", "wecom_robot"} <= set(wiring.messengers)
