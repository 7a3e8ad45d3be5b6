"""Photos, documents and albums through the stand-in, uploaded and downloaded by python-telegram-bot."""
import json

import pytest
from telegram import InputMediaDocument, InputMediaPhoto
from telegram.constants import ParseMode
from telegram.error import BadRequest

from support.sandbox_helpers import png, says


async def test_a_photo_the_bot_sends_downloads_byte_for_byte(sandbox):
    bot = sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    data = png(40, 30)
    sent = await bot.send_photo(group, data, caption="<b>Today</b>'s board", parse_mode=ParseMode.HTML)
    largest = sent.photo[-1]
    assert (largest.width, largest.height, sent.caption) == (40, 30, "Today's board")
    file = await bot.get_file(largest.file_id)
    assert bytes(await file.download_as_bytearray()) == data
    again = await bot.send_photo(group, largest.file_id)  # re-sending by file_id stores nothing new
    assert again.photo[-1].file_unique_id == largest.file_unique_id
    with says(BadRequest, "IMAGE_PROCESS_FAILED"):
        await bot.send_photo(group, b"not an image at all")
    with says(BadRequest, "wrong file identifier/HTTP URL specified"):
        await bot.send_photo(group, "no-such-file-id")


async def test_a_photo_a_parent_sends_reaches_the_bot_which_downloads_it(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    data = png(8, 8, "blue")
    world.user_sends_photo(ana, ana, data, caption="/submit page 3")
    (update,) = await bot.get_updates()
    message = update.message
    assert message.caption == "/submit page 3" and message.caption_entities[0].type == "bot_command"
    file = await bot.get_file(message.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == data


async def test_a_document_travels_both_ways(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    sent = await bot.send_document(group, b"name,score\nAna,3\n", filename="progress.csv", caption="Week 3")
    assert (sent.document.file_name, sent.document.mime_type, sent.caption) == ("progress.csv", "text/csv", "Week 3")
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"name,score\nAna,3\n"
    world.add_member(group, world.bot.id, admin=True)
    world.user_sends_document(group, ana, b"%PDF-1.4 roster", "roster.pdf", "application/pdf")
    (update,) = await bot.get_updates()
    assert update.message.document.file_name == "roster.pdf"
    file = await bot.get_file(update.message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 roster"


async def test_a_media_group_takes_two_to_ten_items(sandbox):
    world, bot = sandbox.world, sandbox.bot
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    photos = [png(10 + i, 10) for i in range(11)]
    album = await bot.send_media_group(group, [InputMediaPhoto(data, caption="Art class" if i == 0 else None)
                                               for i, data in enumerate(photos[:3])])
    assert len(album) == 3 and len({m.media_group_id for m in album}) == 1
    assert [m.photo[-1].width for m in album] == [10, 11, 12] and album[0].caption == "Art class"
    file = await bot.get_file(album[2].photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == photos[2]
    for wrong in (photos[:1], photos):
        with pytest.raises(BadRequest):
            await bot.send_media_group(group, [InputMediaPhoto(data) for data in wrong])
    assert len(world.messages(group)) == 3
    documents = await bot.send_media_group(group, [InputMediaDocument(b"a", filename="a.txt"),
                                                   InputMediaDocument(b"b", filename="b.txt")])
    assert [m.document.file_name for m in documents] == ["a.txt", "b.txt"]
    with says(BadRequest, "document can't be mixed"):
        await bot.send_media_group(group, [InputMediaPhoto(photos[0]), InputMediaDocument(b"c", filename="c.txt")])


async def test_media_group_size_errors_are_worded_like_telegram(sandbox, raw):
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    eleven = [{"type": "photo", "media": f"attach://p{i}"} for i in range(11)]
    files = {f"p{i}": (f"p{i}.png", png(), "image/png") for i in range(11)}
    answer = await raw.post(sandbox.url("sendMediaGroup"), data={"chat_id": str(group), "media": json.dumps(eleven)},
                            files=files)
    assert answer.json()["description"] == "Bad Request: Too much messages to send as an album"
    answer = await raw.post(
        sandbox.url("sendMediaGroup"),
        data={"chat_id": str(group), "media": json.dumps(eleven[:1])},
        files={"p0": files["p0"]},
    )
    assert answer.json()["description"] == "Bad Request: media group must include 2-10 items"
    answer = await raw.post(
        sandbox.url("sendMediaGroup"),
        data={"chat_id": str(group), "media": json.dumps(eleven[:2])},
        files={"p0": files["p0"]},
    )
    assert answer.json()["description"] == "Bad Request: can't parse InputMedia: media not found"


async def test_a_caption_over_1024_visible_characters_is_refused(sandbox):
    (ana,) = sandbox.people("Ana")
    group = sandbox.group(ana)
    await sandbox.bot.send_photo(group, png(), caption="<i>" + "c" * 1024 + "</i>", parse_mode=ParseMode.HTML)
    with says(BadRequest, "message caption is too long"):
        await sandbox.bot.send_photo(group, png(), caption="c" * 1025)
    with says(BadRequest, "message caption is too long"):
        await sandbox.bot.send_media_group(group, [InputMediaPhoto(png(), caption="c" * 1025), InputMediaPhoto(png())])
    assert len(sandbox.world.messages(group)) == 1
