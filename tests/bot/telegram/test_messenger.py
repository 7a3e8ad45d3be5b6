"""Replies become Bot API calls; Telegram's refusals become the send errors delivery acts on."""
import io

import pytest
from PIL import Image

from bot.sandbox.limits import Limits
from handlers.core.messages import Button, ChatRef, Media, Reply
from handlers.core.ports import NotModified, RetryLater, Unreachable


def png(colour=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), colour).save(out, "PNG")
    return out.getvalue()


def private(world, name="妈妈", started=True) -> ChatRef:
    user_id = world.add_user(name, started=started)
    return ChatRef("telegram", str(user_id), True)


async def test_text_with_buttons_and_escaped_html(stand_in, messenger):
    world, _ = stand_in
    chat = private(world)
    message_id = await messenger.send(
        chat, Reply("<b>小明&lt;i&gt;</b> 打卡", buttons=((Button("✅", "checkin", ("7",)),),))
    )
    [message] = world.messages(int(chat.chat_id))
    assert message["text"] == "小明<i> 打卡" and message["entities"][0]["type"] == "bold"
    data = message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert messenger.codec.decode(data).args == ("7",)
    assert message_id == str(message["message_id"])


async def test_twelve_photos_go_as_an_album_of_ten_and_one_of_two(stand_in, messenger):
    world, _ = stand_in
    chat = private(world)
    photos = tuple(Media("photo", png((i * 20, 0, 0)), f"{i}.png") for i in range(12))
    await messenger.send(chat, Reply("本周闪光点", media=photos))
    messages = world.messages(int(chat.chat_id))
    groups = [m.get("media_group_id") for m in messages if "photo" in m]
    assert len(groups) == 12 and len(set(groups)) == 2
    assert messages[0]["caption"] == "本周闪光点"


async def test_documents_and_a_single_photo(stand_in, messenger):
    world, bot = stand_in
    chat = private(world)
    await messenger.send(
        chat,
        Reply("花名册", media=(Media("document", b"a,b\n", "roster.csv"), Media("document", b"PK..", "roster.xlsx"))),
    )
    await messenger.send(chat, Reply(media=(Media("photo", png(), "certificate.png", caption="证书"),)))
    messages = world.messages(int(chat.chat_id))
    assert [m["document"]["file_name"] for m in messages if "document" in m] == ["roster.csv", "roster.xlsx"]
    photo = messages[-1]["photo"][-1]
    assert bytes(await (await bot.get_file(photo["file_id"])).download_as_bytearray()) == png()


async def test_edits_and_an_unchanged_edit(stand_in, messenger):
    world, _ = stand_in
    chat = private(world)
    message_id = await messenger.send(chat, Reply("今日已打卡 1/2"))
    await messenger.send(chat, Reply("今日已打卡 2/2", edit_message_id=message_id))
    assert world.messages(int(chat.chat_id))[0]["text"] == "今日已打卡 2/2"
    with pytest.raises(NotModified):
        await messenger.send(chat, Reply("今日已打卡 2/2", edit_message_id=message_id))


async def test_a_person_who_never_started_or_blocked_the_bot_is_unreachable(stand_in, messenger):
    world, _ = stand_in
    with pytest.raises(Unreachable):
        await messenger.send(private(world, started=False), Reply("提醒"))
    blocked = private(world)
    world.user_blocks_bot(int(blocked.chat_id))
    with pytest.raises(Unreachable):
        await messenger.send(blocked, Reply("提醒"))


async def test_too_many_messages_asks_to_retry_later(stand_in, messenger):
    world, _ = stand_in
    world.limits = Limits(private_per_second=1.0, private_burst=1)
    chat = private(world)
    await messenger.send(chat, Reply("一"))
    with pytest.raises(RetryLater) as error:
        await messenger.send(chat, Reply("二"))
    assert error.value.retry_after >= 1


def long_roster(children: int = 300) -> str:
    return "<b>花名册</b>\n" + "\n".join(f"{n}. 小明{n:04d} — 张妈妈（妈妈） ✓ &lt;b&gt;" for n in range(children))


async def test_a_long_text_arrives_whole_in_parts_with_the_buttons_under_the_last(stand_in, messenger):
    world, _ = stand_in
    chat = private(world)
    button = Button("✅", "checkin", ("7",))
    message_id = await messenger.send(chat, Reply(long_roster(), buttons=((button,),)))
    messages = world.messages(int(chat.chat_id))
    assert len(messages) == 3
    assert "\n".join(m["text"] for m in messages) == "花名册\n" + "\n".join(
        f"{n}. 小明{n:04d} — 张妈妈（妈妈） ✓ <b>" for n in range(300))
    assert ["reply_markup" in m for m in messages] == [False, False, True]
    assert message_id == str(messages[-1]["message_id"])  # the message whose buttons are pressed


async def test_a_too_long_edit_is_cut_and_still_lands(stand_in, messenger):
    world, _ = stand_in
    chat = private(world)
    message_id = await messenger.send(chat, Reply("今日已打卡 1/2"))
    await messenger.send(chat, Reply(long_roster(), edit_message_id=message_id))
    [message] = world.messages(int(chat.chat_id))
    assert message["text"].startswith("花名册\n0. 小明0000") and message["text"].endswith("…")


def test_a_text_that_takes_several_messages_is_not_a_webhook_answer(messenger):
    chat = ChatRef("telegram", "5", True)
    assert messenger.as_webhook_answer(chat, Reply("短")) is not None
    assert messenger.as_webhook_answer(chat, Reply(long_roster())) is None


async def test_a_reaction_lands_on_the_persons_message_and_sends_no_text(stand_in, messenger):
    world, _ = stand_in
    mum = world.add_user("妈妈")
    group = world.add_group("三年级二班")
    world.add_member(group, mum)
    said = world.user_sends_text(group, mum, "/checkin")
    chat = ChatRef("telegram", str(group), False)
    reply = Reply("✅ 小明 第1天打卡成功", reaction="👍", react_to=str(said["message_id"]))
    assert messenger.as_webhook_answer(chat, reply) is None
    assert await messenger.send(chat, reply) is None
    [entry] = world.entries(group)
    assert entry.reactions == [{"type": "emoji", "emoji": "👍"}]


async def test_a_reaction_the_chat_refuses_becomes_the_text(stand_in, messenger):
    world, _ = stand_in
    mum = world.add_user("妈妈")
    group = world.add_group("三年级二班")
    world.add_member(group, mum)
    said = world.user_sends_text(group, mum, "/checkin")
    chat = ChatRef("telegram", str(group), False)
    await messenger.send(chat, Reply("✅ 小明 第1天打卡成功", reaction="✅", react_to=str(said["message_id"])))
    mine, answer = world.messages(group)
    assert answer["text"] == "✅ 小明 第1天打卡成功" and world.entries(group)[0].reactions == []
