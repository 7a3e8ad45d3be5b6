"""What no WeChat server sends: entity bombs, external entities, huge or non-UTF-8 bodies, and numbers
that are not numbers. Each is refused before anything is written, and none is an error of ours (500)."""
import pytest

from support.logged import tracebacks
from support.wechat_seeds import processed_count
from support.wechat_users import CORP_ID, WeChatUser, WeComMember, message_xml

BOMB = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi", strict=True))
        + ']><xml><ToUserName>gh</ToUserName><FromUserName>oMum0001</FromUserName><CreateTime>1</CreateTime>'
          '<MsgType>text</MsgType><Content>&i;</Content><MsgId>7</MsgId></xml>')
XXE = ('<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml>'
       '<ToUserName>gh</ToUserName><FromUserName>oMum0001</FromUserName><CreateTime>1</CreateTime>'
       '<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>8</MsgId></xml>')


def with_fields(**fields) -> str:
    xml = {"ToUserName": "gh_test", "FromUserName": "oMum0001", "CreateTime": "1795000000", "MsgType": "text",
           "Content": "帮助", "MsgId": "6000000000000000001"} | fields
    return "<xml>" + "".join(f"<{name}>{value}</{name}>" for name, value in xml.items()) + "</xml>"


@pytest.mark.parametrize("safe", [True, False], ids=["safe", "plain"])
@pytest.mark.parametrize("xml", [BOMB, XXE], ids=["entity-bomb", "external-entity"])
async def test_entity_declarations_are_refused(side, plain_side, sessions, safe, xml):
    mum = WeChatUser((side if safe else plain_side).client, side.clock, "oMum0001", safe=safe)
    response = await mum.post_xml(xml)
    assert response.status_code == 400 and "root:" not in response.text
    assert await processed_count(sessions) == 0


async def test_five_megabytes_are_refused_unread_on_both_endpoints(side, sessions):
    huge = b"<xml>" + b"a" * 5_000_000 + b"</xml>"
    mum, teacher = WeChatUser(side.client, side.clock, "oMum0001"), WeComMember(side.client, side.clock, "T")
    assert (await mum.post(mum.sealed("<xml/>", mum.query())[0], huge)).status_code == 413
    assert (await teacher.post(teacher.sealed("<xml/>")[0], huge)).status_code == 413
    assert await processed_count(sessions) == 0


async def test_a_body_that_is_not_utf8_is_refused(side, plain_side, sessions):
    gbk = message_xml("oMum0001", "gh_test", "text", Content="帮助").encode("gbk")
    plain = WeChatUser(plain_side.client, plain_side.clock, "oMum0001", safe=False)
    assert (await plain.post(plain.query(), gbk)).status_code == 400
    sealed = WeChatUser(side.client, side.clock, "oMum0001")
    query, _body = sealed.sealed("<xml/>", sealed.query())
    assert (await sealed.post(query, b"<xml><Encrypt>\xff\xfe\xfd</Encrypt></xml>")).status_code in (400, 403)
    assert await processed_count(sessions) == 0


MALFORMED = [{"MsgId": "y"}, {"MsgId": "-5"}, {"CreateTime": "notanumber"}, {"CreateTime": "9" * 30}]


@pytest.mark.parametrize("fields", MALFORMED, ids=lambda fields: "=".join(*fields.items()))
async def test_a_field_that_is_no_number_is_a_400_without_a_traceback(side, sessions, caplog, fields):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    response = await mum.post_xml(with_fields(**fields))
    assert response.status_code == 400 and "malformed" in response.text
    assert tracebacks(caplog) == [] and await processed_count(sessions) == 0


async def test_an_event_with_a_create_time_that_is_no_number_is_a_400(side, sessions, caplog):
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    xml = with_fields(MsgType="event", Event="subscribe", CreateTime="notanumber", MsgId="", Content="")
    assert (await mum.post_xml(xml)).status_code == 400
    teacher = WeComMember(side.client, side.clock, "WangLaoShi")
    wecom = with_fields(ToUserName=CORP_ID, FromUserName="WangLaoShi", MsgId="y", AgentID="1000002")
    assert (await teacher.post(*teacher.sealed(wecom))).status_code == 400
    assert tracebacks(caplog) == [] and await processed_count(sessions) == 0
