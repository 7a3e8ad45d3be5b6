"""Homework on WeChat with the published crypto: a family's 作业 and 提交 (text, or a photo first) on the
Official Account, the 📤 button as a numbered reply, and a teacher grading from the WeCom app by number."""
from sqlalchemy import select

from models.homework import HomeworkMedia, HomeworkReview, HomeworkSubmission
from support.wechat_seeds import class_with_teacher
from support.wechat_users import WeChatUser, WeComMember


async def homework_on_wechat(side, sessions):
    await class_with_teacher(sessions, teacher_platform="wecom", teacher_id="WangLaoShi", children=("小明", "小红"))
    teacher = WeComMember(side.client, side.clock, "WangLaoShi")
    created = teacher.passive_text(await teacher.send('/hw new 口算 "每日10分钟口算打卡" due=20:00 grading=stars'))
    assert created.startswith("✅ 已布置作业 #1 口算")
    mum, dad = WeChatUser(side.client, side.clock, "oMum0001"), WeChatUser(side.client, side.clock, "oDad0002")
    assert mum.passive_text(await mum.send("加入 ABC234 小明 妈妈")).startswith("✅")
    assert dad.passive_text(await dad.send("加入 ABC234 小红 爸爸")).startswith("✅")
    return teacher, mum, dad


async def test_a_family_lists_todays_homework_and_submits_a_photo_then_the_word(side, sessions, wechat_api):
    _, mum, _ = await homework_on_wechat(side, sessions)
    listed = mum.passive_text(await mum.send("作业"))
    assert "📚 今天的作业" in listed and "1. 口算（20:00 截止）：每日10分钟口算打卡" in listed
    assert "小明：未交" in listed and "小红" not in listed and "<b>" not in listed
    assert "回复数字：1 📤 提交口算作业" in listed
    wechat_api.media["MEDIA-mum"] = b"\xff\xd8 the worksheet"
    held = mum.passive_text(await mum.image("MEDIA-mum"))
    assert "回复“提交”则作为作业提交" in held
    assert mum.passive_text(await mum.send("提交")).startswith("📥 已收到 小明 的口算作业")
    async with sessions() as session:
        assert (await session.scalars(select(HomeworkMedia.file_id))).all() == ["MEDIA-mum"]
    # Within the next 30 minutes a text joins the version just sent; 提交 again starts a new one.
    assert mum.passive_text(await mum.send("第3题改过了")) == "📎 已加到 小明 的作业里（第1版）。"
    assert "第2版，替换了上一版" in mum.passive_text(await mum.send("提交 又改了一遍"))
    assert "小明：已交，待批改" in mum.passive_text(await mum.send("作业"))


async def test_the_submit_button_is_a_numbered_reply_and_the_next_text_is_the_homework(side, sessions):
    _, _, dad = await homework_on_wechat(side, sessions)
    assert "回复数字：1 📤 提交口算作业" in dad.passive_text(await dad.send("作业"))
    assert dad.passive_text(await dad.send("1")) == "请发送 小红 的口算作业：照片（可多张）、语音、文件或文字。"
    assert dad.passive_text(await dad.send("20题全对")).startswith("📥 已收到 小红 的口算作业")
    async with sessions() as session:
        assert len((await session.scalars(select(HomeworkSubmission))).all()) == 1


async def test_the_teacher_grades_from_wecom_by_number_and_the_family_hears_on_the_official_account(
        side, sessions, wechat_api):
    teacher, mum, dad = await homework_on_wechat(side, sessions)
    mum.passive_text(await mum.send("提交 做完了"))
    dad.passive_text(await dad.send("提交 20题全对"))
    item = teacher.passive_text(await teacher.send("批改"))
    assert "小明" in item and "做完了" in item and "20题全对" not in item
    assert "回复数字：1 ⭐⭐⭐  2 ⭐⭐  3 ⭐  4 🔁 重做  5 ⏭ 跳过" in item
    following = teacher.passive_text(await teacher.send("1"))
    assert "已评 小明：⭐⭐⭐" in following and "小红" in following and "20题全对" in following
    assert "都批改完了" in teacher.passive_text(await teacher.send("4"))
    await side.settle()
    assert wechat_api.texts_to("oMum0001") == ["📝 老师批改了 小明 11月24日 的口算作业：⭐⭐⭐"]
    [redo] = wechat_api.texts_to("oDad0002")
    assert redo == "🔁 老师请 小红 重做 11月24日 的口算作业，改好后请再提交（回复“提交”）。"
    async with sessions() as session:
        assert [(r.grade, r.redo) for r in (await session.scalars(select(HomeworkReview)
                                                                   .order_by(HomeworkReview.id))).all()] \
            == [(3, False), (None, True)]
    assert "小红：老师请重做" in dad.passive_text(await dad.send("作业"))


async def test_a_wecom_teacher_sees_the_photo_a_family_sent_on_the_official_account(side, sessions, wechat_api):
    # A file id means something only on the platform it was sent on: the photo is fetched from the Official
    # Account and uploaded to WeCom to show it to the teacher.
    teacher, mum, _ = await homework_on_wechat(side, sessions)
    wechat_api.media["MEDIA-sheet"] = b"\xff\xd8 the worksheet"
    mum.passive_text(await mum.image("MEDIA-sheet"))
    mum.passive_text(await mum.send("提交"))
    # The photo comes first, so the whole answer goes as app messages: the image, then the text under it.
    assert teacher.passive_text(await teacher.send("批改")) == ""
    await side.settle()
    image, text = [body for body in wechat_api.sent("message/send") if body["touser"] == "WangLaoShi"]
    assert image["msgtype"] == "image" and wechat_api.media[image["image"]["media_id"]] == b"\xff\xd8 the worksheet"
    assert "小明" in text["text"]["content"] and "上面 1 个附件" in text["text"]["content"]
    assert "无法显示" not in text["text"]["content"]


async def test_a_photo_the_platform_no_longer_has_is_named_not_lost(side, sessions, wechat_api):
    teacher, mum, _ = await homework_on_wechat(side, sessions)
    wechat_api.media["MEDIA-gone"] = b"\xff\xd8 three days ago"
    mum.passive_text(await mum.image("MEDIA-gone"))
    mum.passive_text(await mum.send("提交 第二页"))
    del wechat_api.media["MEDIA-gone"]  # temporary media expire after three days
    item = teacher.passive_text(await teacher.send("批改"))
    assert "第二页" in item and "另有 1 个附件无法显示" in item
