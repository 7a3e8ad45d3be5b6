"""Acting as someone else on the Official Account: plain mode's signature covers the token, timestamp and
nonce, never the body, so a signed query seen once must not carry another person's message."""
from support.wechat_seeds import class_with_teacher, guardians_of, processed_count
from support.wechat_side import wechat_side
from support.wechat_users import CORP_ID, WeChatUser, WeComMember, message_xml


async def test_with_an_aes_key_a_correctly_signed_plain_mode_body_is_refused(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", code="ABCDEF")
    attacker = WeChatUser(side.client, side.clock, "oVICTIM", safe=False)
    response = await attacker.send("加入 ABCDEF 小明 妈妈")
    assert response.status_code == 403 and "safe mode" in response.text
    assert await guardians_of(sessions, "小明") == [] and await processed_count(sessions) == 0


async def test_a_signed_query_replayed_with_another_body_does_not_run_as_the_victim(plain_side, sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", code="ABCDEF")
    someone = WeChatUser(plain_side.client, plain_side.clock, "oSomeone1", safe=False)
    assert "帮助" in someone.passive_text(await someone.send("帮助"))
    seen_query, _body = someone.last
    forged = message_xml("oVICTIM", "gh_test", "text", Content="加入 ABCDEF 小明 妈妈")
    response = await plain_side.client.post("/wechat/official", params=seen_query, content=forged.encode())
    assert response.status_code == 403 and "nonce" in response.text
    assert await guardians_of(sessions, "小明") == [] and await processed_count(sessions) == 1


async def test_wechats_own_retry_of_the_same_body_is_a_redelivery(plain_side, sessions):
    mum = WeChatUser(plain_side.client, plain_side.clock, "oMum0001", safe=False)
    assert "帮助" in mum.passive_text(await mum.send("帮助"))
    assert mum.passive_text(await mum.resend()) == ""  # answered once: the first answer was the reply
    assert await processed_count(sessions) == 1


async def test_a_nonce_seen_by_one_replica_is_known_to_another(plain_side, database_url, clock, wechat_api,
                                                                sessions):
    await class_with_teacher(sessions, teacher_platform="wechat_oa", teacher_id="oTeacher", code="ABCDEF")
    someone = WeChatUser(plain_side.client, clock, "oSomeone1", safe=False)
    await someone.send("帮助")
    seen_query, _body = someone.last
    forged = message_xml("oVICTIM", "gh_test", "text", Content="加入 ABCDEF 小明 妈妈")
    async with wechat_side(database_url, clock, wechat_api, oa_aes_key=None) as other_replica:
        response = await other_replica.client.post("/wechat/official", params=seen_query, content=forged.encode())
    assert response.status_code == 403
    assert await guardians_of(sessions, "小明") == []


async def test_the_wecom_app_refuses_a_nonce_again_with_another_sealed_body(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wecom", teacher_id="WangLaoShi")
    member = WeComMember(side.client, side.clock, "WangLaoShi")
    assert "小明" in member.passive_text(await member.send("/roster"))
    query, _body = member.last
    other = message_xml("WangLaoShi", CORP_ID, "text", Content="/roster add 小黑", AgentID=1000002)
    again = await member.post(*member.sealed(other, query["timestamp"], query["nonce"]))
    assert again.status_code == 403
    assert "小黑" not in member.passive_text(await member.send("/roster"))
