"""An anonymous survey keeps no link between a person (or family) and their answers: after three families
answered, with a restart, every row the answers wrote, in every table, names nobody, holds no id of a
person or child, and no hash anyone could recompute; the log at INFO names nobody; results and exports show
no names; one response per family still holds; and closing erases the salt."""
import json
import logging

from sqlalchemy import select

from models import Identity, Person, Student
from support.habit_class import person_id_of
from support.store_rows import every_row, naive_hashes, new_rows, person_columns
from support.survey_class import BLOCK, SurveyWorker, answer_all, open_card, post_survey, survey_class, survey_rows

ALLOWED = {"survey_responses", "survey_answers", "tally_edits", "processed_updates", "waits"}


async def test_anonymous_answers_leave_no_link_between_a_family_and_what_it_answered(dialog, sessions, clock, caplog):
    teacher, rep, people = await survey_class(dialog)
    worker = SurveyWorker(dialog, sessions, clock)
    _, card = await post_survey(rep, worker, BLOCK.format(anonymous="yes"))
    person_ids = {await person_id_of(sessions, member) for member in people.values()}
    async with sessions() as session:
        external_ids = set((await session.scalars(select(Identity.external_id))).all())
        names = {name for name in (await session.scalars(select(Person.display_name))).all() if "妈妈" in name
                 or "爸爸" in name}
        child_ids = set((await session.scalars(select(Student.id))).all())
    keys = {f"person:{i}" for i in person_ids} | {f"family:{i}" for i in child_ids}
    before = await every_row(sessions)

    with caplog.at_level(logging.INFO):
        await answer_all(people["小明妈妈"], card, ["满意", ["亲子阅读"], "4", "text:多组织读书会", None])
        mid = await every_row(sessions)
        await open_card(people["小红妈妈"], card)
        waiting = new_rows(mid, await every_row(sessions))["waits"]
        # The wait knows where the person is in the survey, not what they answered.
        assert [set(json.loads(row["data"])) for row in waiting] == [{"survey_id", "position"}]
        await answer_all(people["小红妈妈"], card, ["很满意", ["家长开放日"], "5", "text:户外活动", "text:谢谢"])
        await answer_all(people["小刚妈妈"], card, ["一般", ["亲子阅读"], "3", "text:作业少一点", None])
        restart = ["很满意", ["线上家长会"], "5", "text:周末活动", None]
        await answer_all(people["小明爸爸"], card, restart)  # the family's second answer replaces its first
        await worker.run()
    assert "已填 3 份" in card.text

    added = new_rows(before, await every_row(sessions))
    assert set(added) <= ALLOWED | {"outbox"}, set(added)
    for table, rows in added.items():
        for row in rows:
            for column in person_columns(table):
                assert row[column] is None or table == "waits", (table, column)
            for value in row.values():
                assert value not in external_ids, (table, value)
                assert not (isinstance(value, str) and any(name in value for name in names)), (table, value)
    respondents = [r.respondent for r in (await survey_rows(sessions))["responses"]]
    assert len(respondents) == 3 and not set(respondents) & (keys | naive_hashes(person_ids | child_ids | keys))
    assert all(len(r) == 64 and ":" not in r for r in respondents)
    for record in caplog.records:
        assert not any(name in record.getMessage() for name in names), record.getMessage()

    [results] = await teacher.private("/survey results 1")
    assert "• 周末活动\n" in results.text and "——" not in results.text
    assert not any(name in results.text for name in names)
    [export] = await teacher.private("/survey export 1")
    csv_text = export.reply.media[0].data.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("#,1. 您对本学期家校沟通是否满意？")  # no name column
    assert not any(name in csv_text for name in names)

    [status] = await teacher.private("/survey status 1")
    assert status.text.endswith("匿名问卷：不显示谁还没填。") and not any(name in status.text for name in names)
    await teacher.private("/survey close 1")
    rows = await survey_rows(sessions)
    assert rows["salts"] == [] and len(rows["responses"]) == 3  # the answers stay; who gave them cannot be found


async def test_an_anonymous_reminder_reaches_those_who_have_not_answered_without_naming_them(dialog, sessions, clock):
    teacher, rep, people = await survey_class(dialog)
    _, card = await post_survey(rep, SurveyWorker(dialog, sessions, clock), BLOCK.format(anonymous="yes"))
    await answer_all(people["小明妈妈"], card, ["满意", ["亲子阅读"], "4", "text:好", None])
    [status] = await teacher.private("/survey status 1")
    assert status.text == "📋 问卷 #1：家长满意度调查\n已填 1 份\n匿名问卷：不显示谁还没填，还有 2 人未填。"
    reminded = (await teacher.press(status, "提醒"))[-1]
    assert reminded.text == "🔔 已私信提醒 2 人。"
    nudged = {name for name, member in people.items() if member.inbox and "还在等你填写" in member.inbox[-1].text}
    assert nudged == {"小红妈妈", "小刚妈妈"}  # 小明's family answered, through mum
