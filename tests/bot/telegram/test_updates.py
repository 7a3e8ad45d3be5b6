"""Telegram updates become neutral `Incoming`s: who, where, what, and which attachment."""
from telegram import Bot, Update

from bot.telegram.buttons import ButtonCodec
from bot.telegram.updates import FORGED, to_incoming

BOT = Bot("1:x")
CODEC = ButtonCodec(b"k")
USER = {
    "id": 7,
    "is_bot": False,
    "first_name": "小明",
    "last_name": "妈妈",
    "username": "mum",
    "language_code": "zh-hans",
}
GROUP = {"id": -100, "type": "supergroup", "title": "三年级二班"}


def incoming(payload: dict):
    return to_incoming(Update.de_json({"update_id": 42, **payload}, BOT), 1, CODEC)


def test_a_group_command():
    result = incoming(
        {"message": {"message_id": 5, "date": 0, "chat": GROUP, "from": USER, "text": "/checkin@ClassBridgeBot 读书"}}
    )
    assert result.update_key == "telegram:1:42" and not result.chat.is_private and result.chat.chat_id == "-100"
    assert result.sender.display_name == "小明 妈妈" and result.sender.language == "zh-hans"
    assert result.text == "/checkin@ClassBridgeBot 读书" and result.message_id == "5"


def test_photo_document_and_voice_attachments():
    chat = {"id": 7, "type": "private", "first_name": "小明"}
    photo = incoming(
        {
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": chat,
                "from": USER,
                "caption": "/checkin",
                "photo": [
                    {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60},
                    {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960},
                ],
            }
        }
    )
    assert photo.text == "/checkin" and [(a.kind, a.file_id) for a in photo.attachments] == [("photo", "large")]
    document = incoming(
        {
            "message": {
                "message_id": 2,
                "date": 0,
                "chat": chat,
                "from": USER,
                "document": {
                    "file_id": "doc",
                    "file_unique_id": "d",
                    "file_name": "名单.xlsx",
                    "mime_type": "application/vnd.ms-excel",
                },
            }
        }
    )
    assert document.attachments[0].file_name == "名单.xlsx"
    voice = incoming(
        {
            "message": {
                "message_id": 3,
                "date": 0,
                "chat": chat,
                "from": USER,
                "voice": {"file_id": "v", "file_unique_id": "v", "duration": 3, "mime_type": "audio/ogg"},
            }
        }
    )
    assert voice.attachments[0].kind == "voice" and voice.chat.is_private


def test_button_presses_verified_or_forged():
    message = {
        "message_id": 9,
        "date": 0,
        "chat": GROUP,
        "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
        "text": "x",
    }
    good = incoming(
        {
            "callback_query": {
                "id": "q",
                "from": USER,
                "chat_instance": "c",
                "message": message,
                "data": CODEC.encode("checkin", ("3",)),
            }
        }
    )
    assert good.button.action == "checkin" and good.button.args == ("3",) and good.message_id == "9"
    forged = incoming(
        {
            "callback_query": {
                "id": "q",
                "from": USER,
                "chat_instance": "c",
                "message": message,
                "data": "checkin:4~AAAAAAAAAA",
            }
        }
    )
    assert forged.button == FORGED


def test_updates_the_bot_does_not_act_on():
    assert (
        incoming(
            {"edited_message": {"message_id": 1, "date": 0, "edit_date": 1, "chat": GROUP, "from": USER, "text": "x"}}
        )
        is None
    )
    bot_user = {**USER, "is_bot": True}
    assert incoming({"message": {"message_id": 1, "date": 0, "chat": GROUP, "from": bot_user, "text": "/help"}}) is None
