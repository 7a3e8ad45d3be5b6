"""A burst of votes: every parent of one class presses a quick poll's button within seconds.

    python -m bench.poll_burst [--voters 500] [--seconds 10] [--database-url URL]

The class's teacher asks a poll privately; `classbridge run` (webhook mode, Telegram's limits kept by its own
limiter) posts it to the group through the outbox; then each of the voters presses one of its buttons in the
sandbox's Bot API stand-in with Telegram's limits on, the presses spread evenly over `--seconds`, and the
stand-in delivers each press to the bot's webhook as Telegram does. Prints the votes recorded (each voter
once, no duplicates), how many presses were answered, the edits of the poll's message the group received and
the most in any 60 seconds (Telegram allows about 20), and whether the final tally in the group equals the
votes in the store. Runs on real time: it is a bench, not a test."""
from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
import time
from datetime import time as clock_time

import httpx
from sqlalchemy import distinct, func, select

from bench.checkin import PATH, SECRET, process, until
from bench.stand_in import running_stand_in
from bot import migrate
from bot.demo import PLATFORM
from bot.runtime import build_runtime
from bot.sandbox.limits import Limits
from bot.sandbox.local_server import free_port
from bot.settings import Settings
from handlers.core.clock import SystemClock
from models import ClassGroup, Identity, Membership, Person, Role
from models.engine import make_engine
from models.polls import PollVote

GROUP_ID = -1009100000001
TEACHER_ID = 901
FIRST_VOTER = 50_000
OPTIONS = ("公园", "博物馆", "图书馆")
QUESTION = f'/poll "周五亲子活动去哪里？" {" | ".join(OPTIONS)}'
WAIT_SECONDS = 180  # for the last coalesced edit: at 20 edits a minute it comes within seconds of the last vote


async def seed(database_url: str, world, voters: int) -> list[int]:
    """One class of `voters` parents and a teacher, known to the store and to the stand-in alike."""
    runtime = build_runtime(Settings(database_url=database_url))
    now = SystemClock().now()
    user_ids = [FIRST_VOTER + n for n in range(voters)]
    async with runtime.sessions.begin() as session:
        # No quiet hours: the bench runs at any hour, and the poll must go out now.
        class_group = ClassGroup(name="基准班", platform=PLATFORM, chat_id=str(GROUP_ID), join_code="BURST1",
                                 timezone="Asia/Shanghai", language="zh", created_at=now,
                                 quiet_start=clock_time(0, 0), quiet_end=clock_time(0, 0))
        session.add(class_group)
        await session.flush()
        for user_id, role in ((TEACHER_ID, Role.teacher), *((user, Role.parent) for user in user_ids)):
            person = Person(display_name=f"家长{user_id}" if role == Role.parent else "老师", language="zh",
                            created_at=now)
            session.add_all([person, Identity(person=person, platform=PLATFORM, external_id=str(user_id),
                                              private_chat_id=str(user_id), reachable=True)])
            await session.flush()
            session.add(Membership(class_id=class_group.id, person_id=person.id, role=role, joined_at=now))
    await runtime.close()
    world.add_group("基准班", chat_id=GROUP_ID)
    world.add_member(GROUP_ID, world.bot.id)
    world.add_user("老师", user_id=TEACHER_ID, started=True)
    world.add_member(GROUP_ID, TEACHER_ID, admin=True)
    for user_id in user_ids:
        world.add_user(f"家长{user_id}", user_id=user_id, started=True)
        world.add_member(GROUP_ID, user_id)
    return user_ids


def poll_message(world) -> dict | None:
    return next((message for message in world.messages(GROUP_ID) if message.get("text", "").startswith("📊")), None)


def tally_of(text: str) -> tuple[list[int], int]:
    """The counts per option and the number of voters, as the group reads them."""
    counts = [int(re.search(rf"^{option}　█* ?(\d+)（", text, re.M).group(1)) for option in OPTIONS]
    return counts, int(re.search(r"(\d+) 人已投", text).group(1))


def most_in_a_minute(moments: list[float]) -> int:
    moments, most, start = sorted(moments), 0, 0
    for end, moment in enumerate(moments):
        while moment - moments[start] >= 60:
            start += 1
        most = max(most, end - start + 1)
    return most


async def stored_votes(database_url: str) -> tuple[int, int, list[int]]:
    """(votes, distinct voters, votes per option) in the store."""
    engine = make_engine(database_url)
    async with engine.connect() as connection:
        total = await connection.scalar(select(func.count()).select_from(PollVote))
        people = await connection.scalar(select(func.count(distinct(PollVote.person_id))))
        per_option = dict((await connection.execute(select(PollVote.option, func.count())
                                                    .group_by(PollVote.option))).all())
    await engine.dispose()
    return total, people, [per_option.get(index, 0) for index in range(len(OPTIONS))]


async def burst(database_url: str, voters: int, seconds: float) -> dict:
    engine = make_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: migrate.upgrade(database_url, connection=sync))
    await engine.dispose()
    async with running_stand_in(Limits()) as (world, base, _bot, _messenger, _botapi):
        user_ids = await seed(database_url, world, voters)
        port = free_port()
        # The bot's own limits are its defaults: 30 messages a second, 20 a minute per group.
        env = {"DATABASE_URL": database_url, "HTTP_PORT": str(port), "TELEGRAM_BOT_TOKEN": world.token,
               "TELEGRAM_API_BASE_URL": f"{base}/bot", "TELEGRAM_WEBHOOK_SECRET": SECRET,
               "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}{PATH}", "LOG_LEVEL": "WARNING"}
        async with process(["-m", "bot", "run"], env), httpx.AsyncClient() as client:
            async def started() -> bool:
                try:
                    healthy = (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
                except httpx.HTTPError:
                    return False
                return healthy and bool(world.webhook.url)

            await until(started, "classbridge run to start")
            world.user_sends_text(TEACHER_ID, TEACHER_ID, QUESTION)

            async def posted() -> bool:
                return poll_message(world) is not None

            await until(posted, "the poll in the group")
            post = poll_message(world)
            buttons = [row[0]["callback_data"] for row in post["reply_markup"]["inline_keyboard"]]
            edits_before = len(world.stats.edits.get(GROUP_ID, []))
            begun = time.monotonic()
            queries = []
            for n, user_id in enumerate(user_ids):  # evenly over `seconds`, as a class reading the group would
                await asyncio.sleep(max(0.0, begun + n * seconds / voters - time.monotonic()))
                queries.append(world.user_presses_button(GROUP_ID, post["message_id"], user_id,
                                                         buttons[n % len(buttons)]))
            pressed = time.monotonic() - begun

            async def answered() -> bool:
                return all(world.callback_queries[query].answer is not None for query in queries)

            await until(answered, "every press's answer")
            all_answered = time.monotonic() - begun
            total, people, per_option = await stored_votes(database_url)

            async def final() -> bool:
                message = world.chat(GROUP_ID).entries[post["message_id"]].message
                return tally_of(message["text"])[1] == total

            deadline = time.monotonic() + WAIT_SECONDS
            while not await final() and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            settled = time.monotonic() - begun
            text = world.chat(GROUP_ID).entries[post["message_id"]].message["text"]
        edits = world.stats.edits.get(GROUP_ID, [])[edits_before:]
        answers = [world.callback_queries[query].answer or {} for query in queries]
        return {
            "voters": voters, "pressed": pressed, "answered": all_answered, "settled": settled,
            "votes": total, "people": people, "per_option": per_option, "tally": tally_of(text),
            "answers_ok": sum(1 for answer in answers if answer.get("text", "").startswith("✅ 已投")),
            "edits": len(edits), "edits_per_minute": most_in_a_minute(edits), "too_many": world.stats.too_many_requests,
        }


def report(figures: dict) -> None:
    counts, shown_voters = figures["tally"]
    duplicates = figures["votes"] - figures["people"]
    print(f"{figures['voters']} voters pressed within {figures['pressed']:.1f} s; every press answered after "
          f"{figures['answered']:.1f} s ({figures['answers_ok']} answers '✅ 已投')")
    print(f"votes recorded: {figures['votes']} from {figures['people']} voters, {duplicates} duplicates; "
          f"per option {figures['per_option']}")
    print(f"edits of the poll sent to the group: {figures['edits']}, at most {figures['edits_per_minute']} in any "
          f"60 s (limit 20); 429 answers from the stand-in: {figures['too_many']}")
    same = counts == figures["per_option"] and shown_voters == figures["votes"]
    print(f"final tally in the group: {counts}, {shown_voters} voters, {figures['settled']:.1f} s after the first "
          f"press — {'equals' if same else 'DIFFERS FROM'} the recorded votes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=10.0, help="the presses are spread over this long")
    parser.add_argument("--database-url", default=None, help="an empty database; a SQLite file by default")
    options = parser.parse_args()
    if options.database_url:
        report(asyncio.run(burst(options.database_url, options.voters, options.seconds)))
        return
    with tempfile.TemporaryDirectory() as directory:
        report(asyncio.run(burst(f"sqlite+aiosqlite:///{directory}/burst.db", options.voters, options.seconds)))


if __name__ == "__main__":
    main()
