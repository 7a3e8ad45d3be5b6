"""/hw new and its card, /submit and 📤, /review, /hw status: the teacher's and the families' side."""
from datetime import date

from sqlalchemy import func, select

from models.homework import HomeworkCard, HomeworkMedia, SubmissionState
from support.dialog import GROUP_ID
from support.habit_class import Scheduler, set_local
from support.homework_class import homework_class, reviews, send, submissions, versions

TODAY = date(2026, 11, 24)  # the clock fixture's Tuesday


async def card_in_group(dialog, sessions, clock, options="due=20:00 grading=stars"):
    teacher, code, parents = await homework_class(dialog)
    set_local(clock, TODAY, "08:00")
    assert await teacher.group(f'/hw new 口算 "每日10分钟口算打卡" {options}') == []
    worker = Scheduler(dialog, sessions, clock)
    await worker.worker.run_once()  # the card goes out through the outbox, so later submissions can edit it
    return teacher, parents, dialog.messenger.in_chat(GROUP_ID)[-1], worker


async def test_a_teacher_sets_homework_and_the_group_gets_its_card_with_a_deep_link(dialog, sessions, clock):
    _, _, card, _ = await card_in_group(dialog, sessions, clock)
    assert "📚 <b>口算</b> · 11月24日" in card.text and "截止 20:00 · 已交 0/4" in card.text
    [[button]] = card.buttons
    async with sessions() as session:
        occurrence_id = (await session.scalar(select(HomeworkCard))).id
    assert button.url == f"https://t.me/ClassBridgeBot?start=hw-{occurrence_id}"


async def test_bad_input_is_answered_and_writes_nothing(dialog, sessions, clock):
    teacher, _, _ = await homework_class(dialog)
    set_local(clock, TODAY, "21:00")
    for command, says in (('/hw new 口算 "x" due=20:00', "已经过去了"),
                          ('/hw new 口算 "x" grading=abc', "stars、score"),
                          ('/hw new 口算 "x" repeat=daily until=2026-11-01', "已经过去了"),
                          ("/hw new", "科目"), ('/hw new 口算 "x" due=25:00', "25:00")):
        [reply] = await teacher.private(command)
        assert says in reply.text and "用法" in reply.text, command
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(HomeworkCard)) == 0


async def test_a_family_submits_by_the_link_then_an_album_and_replaces_it_before_review(dialog, sessions, clock):
    _, parents, card, worker = await card_in_group(dialog, sessions, clock)
    mum = parents["小明"]
    [ask] = await mum.private("/start " + card.buttons[0][0].url.split("start=")[1])
    assert ask.text == "请发送 小明 的口算作业：照片（可多张）、语音、文件或文字。"
    [got] = await send(mum, kinds=("photo",), media_group="album-1")
    assert got.text.startswith("📥 已收到 小明 的口算作业")
    assert await send(mum, kinds=("photo",), media_group="album-1") == []  # the album's second photo
    [again] = await send(mum, "/submit 重做了第3题", kinds=("voice",))
    assert "第2版，替换了上一版" in again.text
    [submission] = await submissions(sessions)
    assert (submission.version, submission.late, submission.state) == (2, False, SubmissionState.waiting)
    first, second = await versions(sessions)
    async with sessions() as session:
        kinds = (await session.execute(select(HomeworkMedia.version_id, HomeworkMedia.kind)
                                       .order_by(HomeworkMedia.id))).all()
    assert kinds == [(first.id, "photo"), (first.id, "photo"), (second.id, "voice")]
    [edited] = await worker.run()
    assert edited is card and "已交 1/4" in card.text and "小明" not in card.text


async def test_the_teacher_reviews_with_one_tap_each_and_the_family_hears_privately(dialog, sessions, clock):
    teacher, parents, _, _ = await card_in_group(dialog, sessions, clock)
    for child in ("小明", "小红"):
        await send(parents[child], "/submit 做完了", kinds=("photo",))
    replies = await teacher.private("/review")
    photo, item = replies
    assert photo.reply.media and "<b>小明</b>" in item.text
    assert item.text.split("\n")[1] == "做完了"  # the submission's text on its own line, under the name
    graded = await teacher.press(item, "⭐⭐⭐")
    [family] = [m for m in graded if m.chat == parents["小明"].chat]
    assert family.text == "📝 老师批改了 小明 11月24日 的口算作业：⭐⭐⭐"
    next_item = graded[-1]
    assert "已评 小明：⭐⭐⭐" in next_item.text and "<b>小红</b>" in next_item.text
    [comment_sent, told] = sorted(await teacher.private("字写得很工整"), key=lambda m: m.chat != teacher.chat)
    assert told.text == "💬 老师对 小明 的口算作业的评语：字写得很工整"
    done = await teacher.press(comment_sent, "🔁")
    assert any("请 小红 重做" in m.text for m in done if m.chat == parents["小红"].chat)
    assert "都批改完了" in done[-1].text
    first, second = await reviews(sessions)
    assert (first.grade, first.comment, second.redo) == (3, "字写得很工整", True)
    reopened = await send(parents["小红"], "/submit 改好了", kinds=("photo",))
    assert "第2版" in reopened[0].text
    closed = await send(parents["小明"], "/submit 再交一次", kinds=("photo",))
    assert "已经批改" in closed[0].text
    assert all(m.chat.chat_id != GROUP_ID for m in dialog.messenger.transcript if "⭐" in m.text)


async def test_a_score_must_be_0_to_100_and_the_wait_goes_on(dialog, sessions, clock):
    teacher, parents, _, _ = await card_in_group(dialog, sessions, clock, "due=20:00 grading=score")
    await send(parents["小明"], "/submit", kinds=("photo",))
    await teacher.private("/review")
    [wrong] = await teacher.private("很好")
    assert "0 到 100" in wrong.text
    [bad] = await teacher.private("101")
    assert "0 到 100" in bad.text
    replies = await teacher.private("92")
    assert any(m.text.endswith("：92") for m in replies if m.chat == parents["小明"].chat)
    [review] = await reviews(sessions)
    assert review.grade == 92


async def test_status_names_the_missing_to_the_teacher_and_reminds_them_once(dialog, sessions, clock):
    teacher, parents, _, _ = await card_in_group(dialog, sessions, clock)
    await send(parents["小明"], "/submit", kinds=("photo",))
    [status] = await teacher.private("/hw status")
    assert "已交 1/4" in status.text
    assert set(status.text.split("未交：")[1].split("、")) == {"小红", "小刚", "小丽"}
    reminded = await teacher.press(status, "提醒")
    nudged = {m.chat.chat_id for m in reminded if m.chat != teacher.chat}
    assert nudged == {parents[c].external_id for c in ("小红", "小刚", "小丽")}
    [again] = await teacher.press(status, "提醒")
    assert "已经提醒过" in again.text


async def test_parents_are_refused_the_teachers_commands(dialog, sessions, clock):
    _, parents, _, _ = await card_in_group(dialog, sessions, clock)
    mum = parents["小明"]
    for command in ('/hw new 口算 "x"', "/review", "/hw status"):
        [reply] = await mum.private(command)
        assert "只有老师可以使用" in reply.text, command


async def test_a_parent_cannot_see_or_grade_another_familys_submission(dialog, sessions, clock):
    teacher, parents, _, _ = await card_in_group(dialog, sessions, clock)
    await send(parents["小明"], "/submit 小明的作业", kinds=("photo",))
    [_, item] = await teacher.private("/review")
    other = parents["小红"]
    forged = await other.press(item, "⭐⭐⭐")  # the teacher's grading button, pressed by another parent
    assert all("小明的作业" not in m.text for m in forged) and await reviews(sessions) == []
    [status] = await teacher.private("/hw status")
    [refused] = await other.press(status, "提醒")  # the teacher's remind button, pressed by a parent
    assert "只有老师" in refused.text
    assert not [m for m in await other.private("/review") if "小明的作业" in m.text]
    assert not [m for m in await other.private("/submit") if "小明的作业" in m.text]
    assert not [m for m in dialog.messenger.in_chat(other.external_id) if "小明的作业" in m.text]
