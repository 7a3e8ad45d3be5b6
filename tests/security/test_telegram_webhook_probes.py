"""What reaches /telegram/webhook from someone who is not Telegram, or from Telegram with an update PTB
reads without checking: refused or ignored, never applied twice, never a traceback."""
import httpx

from bot.sandbox.webhook_pusher import method_call_in
from bot.telegram.webhook import SECRET_HEADER
from support.e2e_cast import TEACHER
from support.logged import tracebacks
from support.webhook_side import SECRET, an_update, post, processed


async def posted(live, content: bytes, secret: str | None = SECRET) -> httpx.Response:
    headers = {"Content-Type": "application/json"} | ({SECRET_HEADER: secret} if secret is not None else {})
    async with httpx.AsyncClient(base_url=live.base) as client:
        return await client.post("/telegram/webhook", content=content, headers=headers)


async def test_a_secret_that_is_nearly_right_or_missing_is_refused(hooked):
    body = httpx.Request("POST", "/", json=an_update(91001)).content
    for secret in (SECRET[:-1], SECRET + "x", SECRET.upper(), "", None):
        assert (await posted(hooked, body, secret)).status_code == 403
    assert await processed(hooked) == 0 and hooked.bot_messages(TEACHER) == []


async def test_an_update_id_seen_before_is_not_applied_again_even_with_another_text(hooked):
    hooked.world.users[TEACHER].started = True
    first = await post(hooked, an_update(91010, "/help"))
    replayed = await post(hooked, an_update(91010, "/forgetme"))
    assert "家校桥" in method_call_in(first)["text"]
    assert replayed.status_code == 200 and method_call_in(replayed) is None
    assert await processed(hooked) == 1


async def test_five_megabytes_and_bodies_that_are_not_utf8_json_are_refused(hooked):
    assert (await posted(hooked, b'{"update_id": 1, "x": "' + b"a" * 5_000_000 + b'"}')).status_code == 413
    assert (await posted(hooked, '{"update_id": 91020, "text": "帮助"}'.encode("gbk"))).status_code == 400
    assert (await posted(hooked, b"[1, 2, 3]")).status_code == 400
    assert await processed(hooked) == 0


async def test_a_text_that_is_a_number_is_ignored_without_a_traceback_or_an_apology(hooked, caplog):
    hooked.world.users[TEACHER].started = True  # so an answer, an apology too, would ride in the response
    update = an_update(91030)
    update["message"]["text"] = 123
    del update["message"]["entities"]
    response = await post(hooked, update)
    assert response.status_code == 200 and method_call_in(response) is None
    assert tracebacks(caplog) == [] and await processed(hooked) == 0


async def test_a_name_or_button_data_that_is_no_string_is_not_acted_on(hooked, caplog):
    hooked.world.users[TEACHER].started = True
    named = an_update(91040)
    named["message"]["from"]["first_name"] = 7
    answered = await post(hooked, named)
    assert "家校桥" in method_call_in(answered)["text"]
    pressed = {"update_id": 91041, "callback_query": {
        "id": "q1", "from": named["message"]["from"], "chat_instance": "c", "data": 12345,
        "message": dict(named["message"], message_id=900, text="?")}}
    # The press is only answered (so the button stops spinning): nothing runs, nothing is said.
    assert method_call_in(await post(hooked, pressed)) == {"method": "answerCallbackQuery", "callback_query_id": "q1"}
    assert tracebacks(caplog) == [] and await processed(hooked) == 1
