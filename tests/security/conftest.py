"""The WeChat endpoints (safe mode, and plain mode without an AES key) and the Telegram webhook against the
sandbox's Bot API, for probes of what an attacker or a broken sender can post."""
import pytest

from support.webhook_side import hooked  # noqa: F401
from support.wechat_side import side, wechat_api, wechat_side  # noqa: F401 (side, wechat_api: fixtures)


@pytest.fixture
async def plain_side(database_url, clock, wechat_api):  # noqa: F811
    """The Official Account without an AES key: plain mode, signed query only."""
    async with wechat_side(database_url, clock, wechat_api, oa_aes_key=None) as plain:
        yield plain

