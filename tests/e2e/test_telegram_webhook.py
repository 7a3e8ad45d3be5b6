"""Webhook mode: Telegram (here the stand-in) posts updates to /telegram/webhook with a secret header."""
import httpx

from bot.rate_limit import Limit, Limits
from bot.sandbox.webhook_pusher import method_call_in
from bot.telegram.webhook import SECRET_HEADER
from support.e2e_cast import TEACHER, a_popup_too_long_becomes_a_message, teacher_of_two_classes
from support.webhook_side import SECRET, an_update, pending_in_outbox, post, processed


async def test_updates_arrive_through_the_webhook(hooked):
    assert hooked.world.webhook.url.endswith("/telegram/webhook")
    answer = await hooked.reply_to(TEACHER, TEACHER, "/help")
    assert "家校桥" in answer["text"]


async def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_processed(hooked):
    async with httpx.AsyncClient(base_url=hooked.base) as client:
        wrong = await client.post("/telegram/webhook", json=an_update(90001), headers={SECRET_HEADER: "guess"})
        missing = await client.post("/telegram/webhook", json=an_update(90002))
    assert wrong.status_code == 403 and missing.status_code == 403
    assert await processed(hooked) == 0
    assert hooked.bot_messages(TEACHER) == []


async def test_a_private_reply_rides_in_the_webhook_answer(hooked):
    hooked.world.users[TEACHER].started = True  # these updates are posted by hand, not typed in the chat
    sent_before = hooked.world.stats.calls["sendMessage"]
    response = await post(hooked, an_update(90010))
    call = method_call_in(response)
    assert response.status_code == 200 and call["method"] == "sendMessage"
    assert call["chat_id"] == TEACHER and "家校桥" in call["text"] and call["parse_mode"] == "HTML"
    assert hooked.world.stats.calls["sendMessage"] == sent_before  # no second request for the reply


async def test_past_the_sending_limit_a_reply_goes_the_usual_paced_way(hooked):
    """The answer's call is counted with everything the process sends; past the overall limit (here 1 a
    second) the reply waits in the outbox for its place, and goes once the clock has moved on."""
    hooked.world.users[TEACHER].started = True
    hooked.runtime.send_limiter.limits = Limits(overall=Limit(1, 1.0), private=Limit(5, 1.0))
    first = await post(hooked, an_update(90030))
    second = await post(hooked, an_update(90031, "/lang zh"))
    assert method_call_in(first)["method"] == "sendMessage"
    assert second.status_code == 200 and method_call_in(second) is None
    hooked.a_while_later()
    sent = await hooked.until(lambda: hooked.bot_messages(TEACHER), "the second reply, sent")
    assert len(sent) == 1 and hooked.world.stats.calls["sendMessage"] == 1


async def test_a_redelivered_update_is_applied_once_and_its_lost_answer_sent_once(hooked):
    hooked.world.users[TEACHER].started = True
    # Telegram retries when it did not see our 200, so it never ran the call that answer carried (here
    # nobody runs the answers): the first retry has the reply sent from the outbox, later ones nothing.
    answers = [method_call_in(await post(hooked, an_update(90003))) for _ in range(3)]
    assert answers[0]["method"] == "sendMessage" and "家校桥" in answers[0]["text"]
    assert answers[1:] == [None, None]
    assert await processed(hooked) == 1
    hooked.a_while_later()
    sent = await hooked.until(lambda: hooked.bot_messages(TEACHER), "the lost answer, sent")
    assert len(sent) == 1 and sent[0]["text"].startswith("家校桥 · 帮助")  # the HTML parsed
    await post(hooked, an_update(90003))
    assert await pending_in_outbox(hooked) == 0 and len(hooked.bot_messages(TEACHER)) == 1


async def test_a_group_reply_is_sent_not_carried_in_the_answer(hooked):
    """Telegram may refuse a group message under its per-group limit, and an answer's failure is never
    told: so group replies are sent, where a refusal is seen and waited out."""
    group = hooked.world.add_group("三年级二班")
    hooked.world.add_member(group, TEACHER, admin=True)
    update = an_update(90020, "/setup 三年级二班")
    update["message"]["chat"] = {"id": group, "type": "supergroup", "title": "三年级二班"}
    response = await post(hooked, update)
    assert response.status_code == 200 and method_call_in(response) is None
    answer = await hooked.until(lambda: hooked.bot_messages(group), "the setup answer in the group")
    assert "三年级二班" in answer[0]["text"]


async def test_a_button_press_is_answered_in_the_webhook_answer(hooked):
    """Through the stand-in's own delivery: the answer to the press comes back in the webhook's answer and
    Telegram runs it; the edit of the question is sent after."""
    question = await hooked.reply_to(TEACHER, TEACHER, "/forgetme")
    cancel = question["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    hooked.a_while_later()
    query_id = hooked.world.user_presses_button(TEACHER, question["message_id"], TEACHER, cancel)
    await hooked.until(lambda: hooked.world.callback_queries[query_id].answer is not None, "the press answered")
    edited = await hooked.until(lambda: "取消" in hooked.bot_messages(TEACHER)[-1]["text"] and
                                hooked.bot_messages(TEACHER)[-1], "the question edited")
    assert edited["message_id"] == question["message_id"]
    assert hooked.world.stats.calls["answerCallbackQuery"] == 1


async def test_a_malformed_body_is_a_400(hooked):
    async with httpx.AsyncClient(base_url=hooked.base) as client:
        response = await client.post("/telegram/webhook", content=b"{not json", headers={SECRET_HEADER: SECRET})
    assert response.status_code == 400
    assert await processed(hooked) == 0


async def test_a_popup_too_long_for_the_webhook_answer_is_sent_as_a_message(hooked):
    await teacher_of_two_classes(hooked)
    await a_popup_too_long_becomes_a_message(hooked)
    assert hooked.world.stats.calls["answerCallbackQuery"] == 1
