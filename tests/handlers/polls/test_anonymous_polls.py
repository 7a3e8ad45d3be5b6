"""An anonymous poll keeps no link between a person and a choice: after votes, changes and withdrawals,
every row the votes wrote, in every table, names nobody, and the log at INFO names nobody either; one
vote per person still holds, and closing erases the salt that tied a hash to a person."""
import hashlib
import json
import logging

from sqlalchemy import select

from models import Base, Identity, Person
from support.habit_class import person_id_of
from support.poll_class import PollWorker, ask, poll_class, polls, popup, votes


def _frozen(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False) if isinstance(value, dict | list) else value


async def every_row(sessions) -> dict[str, set[tuple]]:
    """Every row of every table, JSON values as their text (so a name inside a JSON column is seen)."""
    async with sessions() as session:
        return {table.name: {tuple(_frozen(value) for value in row) for row in await session.execute(select(table))}
                for table in Base.metadata.sorted_tables}


def person_columns(table) -> list[str]:
    return [column.name for column in table.columns
            if any(key.column.table.name == "persons" for key in column.foreign_keys)]


def naive_hashes(values) -> set[str]:
    """What a careless design would store: plain hashes of an id or a name, which anyone can recompute."""
    found = set()
    for value in values:
        for digest in (hashlib.sha256, hashlib.md5, hashlib.sha1):
            found.add(digest(str(value).encode()).hexdigest())
    return found


async def test_anonymous_votes_leave_no_link_between_a_person_and_a_choice(dialog, sessions, clock, caplog):
    teacher, rep, parents = await poll_class(dialog)
    worker = PollWorker(dialog, sessions, clock)
    _, message = await ask(rep, worker, '/poll "您对本学期家校沟通是否满意？" 满意 | 很满意 | 一般 anon')
    assert "匿名投票：谁也看不到谁投了什么。" in message.text
    voters = [parents["小明"], parents["小刚"], rep]
    person_ids = {await person_id_of(sessions, voter) for voter in voters}
    async with sessions() as session:
        external_ids = set((await session.scalars(select(Identity.external_id))).all())
        names = set((await session.scalars(select(Person.display_name))).all())
    before = await every_row(sessions)

    with caplog.at_level(logging.INFO):
        assert popup(await parents["小明"].press(message, "一般")) == "✅ 已投：一般"
        assert popup(await parents["小明"].press(message, "很满意")) == "🔄 已改投：很满意"  # changes
        assert popup(await parents["小刚"].press(message, "满意")) == "✅ 已投：满意"
        assert popup(await rep.press(message, "满意")) == "✅ 已投：满意"
        assert popup(await rep.press(message, "满意")) == "↩️ 已撤回你的投票。"  # withdraws
        assert popup(await rep.press(message, "一般")) == "✅ 已投：一般"
        await worker.run()
    assert "很满意　████████ 1（33%）" in message.text and "3 人已投" in message.text  # one vote per person

    after = await every_row(sessions)
    changed = {name for name in after if after[name] != before[name]}
    assert changed <= {"poll_votes", "tally_edits", "processed_updates", "outbox"}, changed
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    for name in changed:
        table = tables[name]
        for row in after[name] - before[name]:
            values = dict(zip(table.columns.keys(), row, strict=True))
            for column in person_columns(table):
                assert values[column] not in person_ids, (name, column)
            for value in values.values():
                assert value not in external_ids, (name, value)
                assert not (isinstance(value, str) and any(n in value for n in names if "妈妈" in n)), (name, value)
    hashes = [vote.voter_hash for vote in await votes(sessions)]
    assert all(vote.person_id is None for vote in await votes(sessions))
    assert len(set(hashes)) == 3 and not set(hashes) & naive_hashes(person_ids | external_ids | names)
    for record in caplog.records:
        text = record.getMessage()
        assert not any(n in text for n in names if "妈妈" in n), text
        assert not any(f"person {pid}" in text or f"person_id={pid}" in text for pid in person_ids), text

    [poll] = await polls(sessions)
    [status] = await teacher.private(f"/poll status {poll.id}")  # teachers included: no names, no list
    assert "匿名投票：不记录谁投了票" in status.text and "妈妈" not in status.text
    assert [row[0].text for row in status.buttons] == ["⬇️ CSV / XLSX"]  # no reminder
    await teacher.private(f"/poll close {poll.id}")
    rows = await every_row(sessions)
    assert rows["poll_salts"] == set()  # no hash can be matched to a person any more
