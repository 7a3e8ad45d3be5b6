"""/event: the RSVP card with its live counts and changeable answers, the two-hour check-in (within, after),
the attendance the teacher gets privately with CSV and XLSX (/event status: the ⬇️ button), 报名 and 签到
privately, roles and bad input."""
import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from models.events import Event, EventRsvp
from support.dialog import GROUP_ID
from support.habit_class import set_local
from support.notice_class import FeatureWorker, everything_the_group_saw, group_messages, notice_class, popup

THURSDAY = date(2026, 11, 26)
MEETING = '/event "期中家长会" 11-26 15:00'


async def post_meeting(teacher, worker):
    assert await teacher.group(MEETING) == []  # in the group the card itself is the answer
    [card] = await worker.run()
    return card


async def events(sessions):
    async with sessions() as session:
        return (await session.scalars(select(Event).order_by(Event.id))).all()


async def test_families_answer_change_their_answer_and_the_card_counts_without_names(dialog, sessions, clock):
    teacher, rep, parents, dad = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "events")
    card = await post_meeting(teacher, worker)
    [event] = await events(sessions)
    assert card.chat.chat_id == GROUP_ID
    assert card.text.startswith(f"🗓 <b>期中家长会</b>（#{event.id}）\n🕒 11月26日 15:00\n参加 0 · 不参加 0 · 未回复 3")
    assert [b.text for row in card.buttons for b in row] == ["✅ 参加", "❌ 不参加"]
    assert popup(await parents["小明"].press(card, "参加")) == "✅ 已报名参加「期中家长会」。"
    assert popup(await dad.press(card, "不参加")) == "🔄 已改为：不参加「期中家长会」。"  # one answer per family
    assert popup(await rep.press(card, "✅ 参加")) == "✅ 已报名参加「期中家长会」。"
    assert popup(await rep.press(card, "✅ 参加")) == "你家已经选了参加。"
    [edited] = await worker.run()
    assert edited is card and "参加 1 · 不参加 1 · 未回复 1" in card.text
    assert popup(await dad.press(card, "✅ 参加")) == "🔄 已改为：参加「期中家长会」。"
    clock.advance(minutes=1)
    await worker.run()
    assert "参加 2 · 不参加 0 · 未回复 1" in card.text
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(EventRsvp)) == 2
    assert popup(await teacher.press(card, "参加")) == "报名和签到是给家长的：你在这个班没有关联的孩子。"
    seen = everything_the_group_saw(dialog)
    assert "妈妈" not in seen and "爸爸" not in seen


async def test_check_in_opens_for_two_hours_and_the_teacher_gets_the_attendance(dialog, sessions, clock):
    teacher, rep, parents, dad = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "events")
    card = await post_meeting(teacher, worker)
    [event] = await events(sessions)
    await parents["小明"].press(card, "✅ 参加")
    await rep.press(card, "✅ 参加")
    await parents["小刚"].press(card, "不参加")
    await worker.run()
    set_local(clock, THURSDAY, "13:59")
    [early] = await teacher.private(f"/event checkin {event.id}")
    assert early.text.startswith("「期中家长会」11月26日 15:00 开始：签到最早在开始前 1 小时开放。")
    set_local(clock, THURSDAY, "14:50")
    assert await teacher.group(f"/event checkin {event.id}") == []
    sent = await worker.run()
    [post] = [m for m in sent if m is not card]
    assert post.text.startswith(f"📍 <b>期中家长会</b>（#{event.id}）签到开始\n已签到 0 个家庭")
    assert "11月26日 16:50 截止" in post.text and [b.text for row in post.buttons for b in row] == ["📍 签到"]
    assert "报名已结束" in card.text and card.buttons == ()  # the card's answers close with the check-in
    assert popup(await parents["小明"].press(post, "签到")) == "📍 签到成功（小明家），欢迎！"
    assert popup(await dad.press(post, "签到")) == "你家已经签到过了。"
    set_local(clock, THURSDAY, "16:49")
    assert popup(await parents["小刚"].press(post, "签到")) == "📍 签到成功（小刚家），欢迎！"
    [edited] = await worker.run()
    assert edited is post and "已签到 2 个家庭" in post.text
    [again] = await teacher.private(f"/event checkin {event.id}")
    assert again.text.startswith("「期中家长会」的签到已经开放了，11月26日 16:50 截止。")

    set_local(clock, THURSDAY, "16:50")
    assert popup(await rep.press(post, "签到")) == "「期中家长会」现在不在签到时间。"  # two hours are over
    before_rep = len(rep.inbox)
    sent = await worker.run()
    assert "签到已结束" in post.text and post.buttons == ()
    [report] = [m for m in sent if m.chat.chat_id == teacher.external_id]
    assert "报名：参加 2 · 不参加 1 · 未回复 0" in report.text
    assert "到场：2/3 个家庭，出席率 67%" in report.text and "报名参加的到场 1/2" in report.text
    assert "报名参加但未签到：小红" in report.text and "（目前）" not in report.text
    # The files every download is written as (handlers.core.exports): the class's name first, ISO times.
    xlsx_file, csv_file = report.reply.media
    assert (xlsx_file.file_name, csv_file.file_name) == (f"attendance-{event.id}.xlsx", f"attendance-{event.id}.csv")
    assert csv_file.data.startswith(b"\xef\xbb\xbf")
    lines = csv_file.data.decode("utf-8-sig").splitlines()
    assert lines == ["班级,孩子,报名,签到,签到时间", "三年级二班,小刚,不参加,已到,2026-11-26 16:49",
                     "三年级二班,小明,参加,已到,2026-11-26 14:50", "三年级二班,小红,参加,未到,"]  # in roster order
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert sheet.title == "期中家长会" and [c.value for c in sheet[4]] == ["三年级二班", "小红", "参加", "未到", None]
    assert len(rep.inbox) == before_rep  # a rep who did not create it is not sent it
    assert await worker.run() == []  # once
    [over] = await teacher.private(f"/event checkin {event.id}")
    assert over.text.startswith("「期中家长会」的签到已在 11月26日 16:50 结束。")
    seen = everything_the_group_saw(dialog)
    assert "小红" not in seen and "出席率" not in seen  # who did not come is told the teacher only


async def test_status_shows_the_attendance_so_far_to_organisers_only(dialog, sessions, clock):
    teacher, rep, parents, _ = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "events")
    await rep.private(MEETING)
    [card] = await worker.run()
    await parents["小明"].press(card, "✅ 参加")
    [event] = await events(sessions)
    [status] = [m for m in await rep.private(f"/event status {event.id}") if m.text]
    assert "出席情况（目前）" in status.text and "报名：参加 1 · 不参加 0 · 未回复 2" in status.text
    assert "明细见附件" not in status.text and not status.reply.media  # the files come from its ⬇️ button
    [download] = await rep.press(status, "⬇️ CSV / XLSX")
    assert sorted(m.file_name for m in download.reply.media) == [f"attendance-{event.id}.csv",
                                                                f"attendance-{event.id}.xlsx"]
    [refused] = await parents["小明"].private(f"/event status {event.id}")
    assert refused.text.startswith("只有老师或家委可以使用 /event status")
    [refused] = await parents["小明"].group(f"/event checkin {event.id}")
    assert refused.text.startswith("只有老师或家委可以使用 /event checkin")
    [refused] = await parents["小明"].group(MEETING)
    assert refused.text.startswith("只有老师或家委可以使用 /event new")
    assert len(await events(sessions)) == 1 and (await events(sessions))[0].checkin_opened_at is None
    assert not [m for m in group_messages(dialog) if "出席" in m.text]


async def test_bad_input_is_answered_and_writes_nothing(dialog, sessions, clock):
    teacher, _, parents, _ = await notice_class(dialog)
    for command, says in (("/event", "请写上活动名称"), ('/event "家长会"', "请写上活动时间"),
                          ('/event "家长会" 下午', "不是「下午」"), ('/event "家长会" 11-20 15:00', "已经过去了"),
                          ('/event "家长会" 08:00', "11月24日 08:00 已经过去了"),
                          ('/event "家长会" 11-26 25:00', "不是「11-26 25:00」"),
                          ('/event "' + "会" * 101 + '" 11-26 15:00', "最多 100 个字"),
                          ('/event "家长会" 11-26 15:00 at=1', "不认识的选项 at="),
                          ("/event checkin", "请写上活动编号"), ("/event checkin 9", "找不到活动「9」")):
        [reply] = await teacher.private(command)
        assert says in reply.text and "用法" in reply.text, (command, reply.text)
    [nothing] = await parents["小明"].private("签到")
    assert nothing.text.startswith("你的班级现在没有正在签到的活动。")
    [nothing] = await parents["小明"].private("报名")
    assert nothing.text.startswith("你的班级现在没有可以报名的活动。")
    assert await events(sessions) == []


async def test_bao_ming_and_qian_dao_privately(dialog, sessions, clock):
    teacher, _, parents, _ = await notice_class(dialog)
    worker = FeatureWorker(dialog, sessions, clock, "events")
    card = await post_meeting(teacher, worker)
    [event] = await events(sessions)
    gang = parents["小刚"]
    [choices] = await gang.private("报名")
    assert choices.text.startswith("🗓 <b>期中家长会</b>") and len(choices.buttons[0]) == 2
    [answer] = await gang.press(choices, "不参加")
    assert answer.text == "已记下：不参加「期中家长会」。"
    set_local(clock, THURSDAY, "15:10")
    await teacher.private(f"/event checkin {event.id}")
    [done] = await gang.private("签到")
    assert done.text == "📍 签到成功（小刚家），欢迎！"
    assert (await gang.private(f"签到 {event.id}"))[0].text == "你家已经签到过了。"
    [closed] = await gang.private("报名")
    assert closed.text.startswith("你的班级现在没有可以报名的活动。")
    await worker.run()
    assert "报名已结束" in card.text
