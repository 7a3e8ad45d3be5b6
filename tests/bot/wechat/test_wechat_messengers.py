"""Sending to WeChat through wechatpy against the API stand-in: text with numbered choices and links, photos
uploaded then sent, an expired token refreshed once, and WeChat's error codes as delivery understands them."""
import pytest

from bot.wechat.api_calls import OfficialAccountClient
from bot.wechat.messengers import OfficialAccountMessenger
from handlers.core.messages import Button, ChatRef, Media, Reply
from handlers.core.ports import RetryLater, SendError, TransientError, Unreachable

MUM = ChatRef("wechat_oa", "oMum0001", True)


@pytest.fixture
def messenger(wechat_api, sessions, clock):
    client = OfficialAccountClient("wxapp", "secret", wechat_api.base_url)
    return OfficialAccountMessenger(client, sessions, clock)


async def test_html_buttons_and_photos_become_what_a_wechat_user_can_read_and_answer(messenger, wechat_api):
    reply = Reply(text='<b>小明&lt;b&gt;</b> 的证书 <a href="https://example.com/c?a=1&amp;b=2">查看</a>',
                  buttons=((Button("❤️ 谢谢老师", "thanks", ("7",)),), (Button("打开网页", url="https://example.com/"),)),
                  media=(Media("photo", b"\x89PNG certificate", "certificate.png"),))
    await messenger.send(MUM, reply)
    assert wechat_api.texts_to("oMum0001") == [
        "小明<b> 的证书 查看（https://example.com/c?a=1&b=2）\n打开网页：https://example.com/\n回复数字：1 ❤️ 谢谢老师"]
    [image] = [body for body in wechat_api.sent("message/custom/send") if body["msgtype"] == "image"]
    assert wechat_api.media[image["image"]["media_id"]] == b"\x89PNG certificate"


async def test_an_expired_token_is_refreshed_and_the_message_sent_once(messenger, wechat_api):
    await messenger.send(MUM, Reply(text="第一条"))
    wechat_api.expire_tokens = True
    await messenger.send(MUM, Reply(text="第二条"))
    assert wechat_api.texts_to("oMum0001") == ["第一条", "第二条"] and wechat_api.tokens_issued == 2


async def test_a_token_refused_again_after_refreshing_is_not_retried_forever(messenger, wechat_api):
    wechat_api.faults["message/custom/send"] = [40001, 40001, 40001]
    with pytest.raises(SendError):
        await messenger.send(MUM, Reply(text="x"))
    assert wechat_api.faults["message/custom/send"] == [40001]  # two tries: the first and one after refreshing


@pytest.mark.parametrize("errcode,kind", [(45015, Unreachable), (43004, Unreachable), (45047, Unreachable),
                                          (45009, RetryLater), (-1, TransientError), (40008, SendError)])
async def test_wechat_error_codes_become_the_send_errors_delivery_acts_on(messenger, wechat_api, errcode, kind):
    wechat_api.faults["message/custom/send"] = [errcode]
    with pytest.raises(kind) as raised:
        await messenger.send(MUM, Reply(text="x"))
    assert type(raised.value) is kind and str(errcode) in str(raised.value)


async def test_a_wechat_host_that_does_not_answer_is_a_transient_error(sessions, clock):
    client = OfficialAccountClient("wxapp", "secret", "http://127.0.0.1:9/")
    with pytest.raises(TransientError):
        await OfficialAccountMessenger(client, sessions, clock).send(MUM, Reply(text="x"))


async def test_outside_the_48_hour_window_a_configured_template_message_carries_the_reminder(
        wechat_api, sessions, clock):
    client = OfficialAccountClient("wxapp", "secret", wechat_api.base_url)
    messenger = OfficialAccountMessenger(client, sessions, clock, template_id="TPL-REMIND")
    wechat_api.faults["message/custom/send"] = [45015]
    await messenger.send(MUM, Reply(text="📅 21天阅读 第8/21天：今天还没打卡哦"))
    [template] = wechat_api.sent("message/template/send")
    assert template["touser"] == "oMum0001" and template["template_id"] == "TPL-REMIND"
    assert template["data"]["content"]["value"] == "📅 21天阅读 第8/21天：今天还没打卡哦"


async def test_outside_the_window_a_highlight_copy_arrives_as_its_text_and_the_family_stays_reachable(
        wechat_api, sessions, clock):
    # A template message carries no picture: the photo cannot follow, but the send is done, not failed.
    client = OfficialAccountClient("wxapp", "secret", wechat_api.base_url)
    messenger = OfficialAccountMessenger(client, sessions, clock, template_id="TPL-REMIND")
    wechat_api.faults["message/custom/send"] = [45015, 45015]  # every customer-service message
    photo = Media("photo", b"\xff\xd8 reading corner", "highlight-1-1.jpg")
    await messenger.send(MUM, Reply(text="🌟 小明 本周的闪光点：主动帮同学讲题", media=(photo,)))
    [template] = wechat_api.sent("message/template/send")
    assert template["data"]["content"]["value"] == "🌟 小明 本周的闪光点：主动帮同学讲题"
    assert wechat_api.sent("media/upload") == [] and wechat_api.sent("message/custom/send") == []


async def test_without_a_template_the_person_outside_the_window_is_unreachable(wechat_api, sessions, clock):
    client = OfficialAccountClient("wxapp", "secret", wechat_api.base_url)
    wechat_api.faults["message/custom/send"] = [45015]
    with pytest.raises(Unreachable):
        await OfficialAccountMessenger(client, sessions, clock).send(MUM, Reply(text="x"))
    assert wechat_api.sent("message/template/send") == []
