"""报告 on WeChat: the week's text as the passive reply, then the chart and the XLSX through the media upload
of the customer-service API — as an image and a file from the WeCom app; the Official Account's
customer-service messages carry no files, so there the chart comes as an image and the XLSX is named."""
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser, WeComMember


async def test_a_teacher_on_wecom_gets_the_weeks_text_then_the_chart_and_the_sheet(side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wecom", teacher_id="WangLaoShi", children=("小明", "小红"))
    teacher = WeComMember(side.client, side.clock, "WangLaoShi")
    await teacher.send('/hw new 口算 "每日10分钟口算打卡" due=20:00')
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    mum.passive_text(await mum.send("提交 做完了"))
    text = teacher.passive_text(await teacher.send("报告"))
    assert text.startswith("📊 三年级二班 周报 · 11月23日–11月29日") and "<b>" not in text
    assert "口算：提交率 50%（1/2，1 天）· 准时率 50%" in text
    await side.settle()
    uploads = [call.query.get("type") for call in wechat_api.calls if call.path == "media/upload"]
    assert uploads == ["image", "file"]
    sent = [body["msgtype"] for body in wechat_api.sent("message/send") if body.get("touser") == "WangLaoShi"]
    assert sent[-2:] == ["image", "file"]
    [chart, sheet] = [wechat_api.media[call.body["media_id"]] for call in wechat_api.calls
                      if call.path == "media/upload"]
    assert chart.startswith(b"\x89PNG") and sheet.startswith(b"PK")  # a PNG and an XLSX (a zip)


async def test_a_parent_on_the_official_account_gets_no_report(side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wecom", teacher_id="WangLaoShi", children=("小明",))
    mum = WeChatUser(side.client, side.clock, "oMum0001")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    refused = mum.passive_text(await mum.send("报告"))
    assert "只有老师或家委可以使用" in refused and "%" not in refused
    await side.settle()
    assert not [call for call in wechat_api.calls if call.path == "media/upload"]
