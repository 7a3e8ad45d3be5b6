"""Requests not signed with our token, or signed for another body, are refused before anything is written;
a message WeChat sends again under a new signature is applied once."""
import pytest

from support.wechat_seeds import processed_count
from support.wechat_users import CORP_ID, WeChatUser, WeComMember, message_xml


def help_from(openid: str, to: str = "gh_test") -> str:
    return message_xml(openid, to, "text", Content="帮助")


@pytest.mark.parametrize("change", [
    {"signature": "0" * 40}, {"signature": None}, {"msg_signature": "0" * 40}, {"msg_signature": None},
    {"nonce": "another"}, {"timestamp": None}], ids=str)
async def test_an_official_account_request_with_a_forged_or_missing_signature_is_refused(side, sessions, change):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    query, body = mum.sealed(help_from("oMum0001"), mum.query())
    query = {name: value for name, value in (query | change).items() if value is not None}
    assert (await mum.post(query, body)).status_code == 403
    assert await processed_count(sessions) == 0


@pytest.mark.parametrize("change", [{"msg_signature": "0" * 40}, {"msg_signature": None}, {"nonce": "another"}],
                         ids=str)
async def test_a_wecom_request_with_a_forged_or_missing_signature_is_refused(side, sessions, change):
    teacher = WeComMember(side.client, side.clock, "WangLaoShi")
    query, body = teacher.sealed(help_from("WangLaoShi", CORP_ID))
    query = {name: value for name, value in (query | change).items() if value is not None}
    assert (await teacher.post(query, body)).status_code == 403
    assert await processed_count(sessions) == 0


async def test_the_same_msgid_under_a_new_signature_is_applied_once(side, sessions):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    xml = help_from("oMum0001")
    assert "帮助" in mum.passive_text(await mum.post_xml(xml))
    assert mum.passive_text(await mum.post_xml(xml)) == ""  # a fresh nonce, the same MsgId
    assert await processed_count(sessions) == 1
