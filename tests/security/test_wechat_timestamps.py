"""A signed request is good for five minutes either side of the bot's clock: a captured one cannot be
replayed later, and one stamped ahead cannot be kept for later."""
from datetime import timedelta

import pytest

from bot.wechat.envelope import signature_of
from support.wechat_seeds import processed_count
from support.wechat_users import CORP_ID, OA_TOKEN, WeChatUser, WeComMember, message_xml

TOO_FAR = [timedelta(minutes=-6), timedelta(minutes=6), timedelta(days=-1), timedelta(days=365 * 12)]
NEAR_ENOUGH = [timedelta(minutes=-4), timedelta(minutes=4)]


def minutes(off: timedelta) -> str:
    return f"{int(off.total_seconds() // 60):+d}min"


def stamped(clock, off: timedelta) -> str:
    return str(int((clock.now() + off).timestamp()))


def help_from(openid: str) -> str:
    return message_xml(openid, "gh_test", "text", Content="帮助")


@pytest.mark.parametrize("off", TOO_FAR, ids=minutes)
async def test_an_official_account_message_stamped_too_far_from_our_clock_is_refused(side, sessions, off):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    response = await mum.post_xml(help_from("oMum0001"), mum.query(stamped(side.clock, off)))
    assert response.status_code == 403 and "stale" in response.text
    assert await processed_count(sessions) == 0


@pytest.mark.parametrize("off", TOO_FAR[:2], ids=minutes)
async def test_plain_mode_refuses_a_stale_timestamp_too(plain_side, sessions, off):
    mum = WeChatUser(plain_side.client, plain_side.clock, "oMum0001", safe=False)
    response = await mum.post_xml(help_from("oMum0001"), mum.query(stamped(plain_side.clock, off)))
    assert response.status_code == 403 and await processed_count(sessions) == 0


@pytest.mark.parametrize("off", TOO_FAR[:2], ids=minutes)
async def test_a_wecom_message_stamped_too_far_from_our_clock_is_refused(side, sessions, off):
    teacher = WeComMember(side.client, side.clock, "WangLaoShi")
    xml = message_xml("WangLaoShi", CORP_ID, "text", Content="/help", AgentID=1000002)
    response = await teacher.post(*teacher.sealed(xml, stamped(side.clock, off)))
    assert response.status_code == 403 and await processed_count(sessions) == 0


@pytest.mark.parametrize("off", NEAR_ENOUGH, ids=minutes)
async def test_a_server_clock_a_few_minutes_off_is_still_answered(side, off):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    response = await mum.post_xml(help_from("oMum0001"), mum.query(stamped(side.clock, off)))
    assert "帮助" in mum.passive_text(response)


async def test_a_stale_url_check_is_refused(side):
    stale = stamped(side.clock, timedelta(hours=-1))
    query = {"signature": signature_of(OA_TOKEN, stale, "n1"), "timestamp": stale, "nonce": "n1", "echostr": "42"}
    assert (await side.client.get("/wechat/official", params=query)).status_code == 403


async def test_a_timestamp_that_is_no_number_is_refused(plain_side, sessions):
    mum = WeChatUser(plain_side.client, plain_side.clock, "oMum0001", safe=False)
    response = await mum.post_xml(help_from("oMum0001"), mum.query("soon"))
    assert response.status_code == 400 and await processed_count(sessions) == 0
