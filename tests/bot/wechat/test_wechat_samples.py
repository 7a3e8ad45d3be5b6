"""WeChat's own published crypto samples, against our endpoints and envelope, and the WeCom app in use.
The samples were signed in 2014: the bot's clock is set to their time, or they would be refused as stale."""
import json
from datetime import UTC, datetime
from pathlib import Path

import xmltodict
from sqlalchemy import select

from bot.wechat.envelope import Envelope
from models import Identity, ProcessedUpdate
from support.wechat_seeds import class_with_teacher, processed_count
from support.wechat_users import WeComMember

SAMPLES = json.loads((Path(__file__).resolve().parents[2] / "data" / "wechat_samples.json").read_text(encoding="utf-8"))


def at_the_time_of(clock, sample: dict) -> None:
    clock.set(datetime.fromtimestamp(int(sample["timestamp"]), UTC))


async def test_the_wecom_url_check_answers_the_decrypted_echostr(side, clock):
    sample = SAMPLES["wecom_url_verification"]
    at_the_time_of(clock, sample)
    params = {name: sample[name] for name in ("msg_signature", "timestamp", "nonce", "echostr")}
    response = await side.client.get("/wechat/work", params=params)
    assert (response.status_code, response.text) == (200, sample["expected"])
    forged = dict(params, msg_signature="5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4")
    assert (await side.client.get("/wechat/work", params=forged)).status_code == 403


async def test_the_wecom_sample_message_is_opened_and_handled(side, sessions, clock):
    sample = SAMPLES["wecom_message"]
    at_the_time_of(clock, sample)
    envelope = Envelope(sample["token"], sample["encoding_aes_key"], sample["corp_id"], wecom=True)
    opened = xmltodict.parse(envelope.open(sample["body"].encode(), sample["msg_signature"], sample["timestamp"],
                                           sample["nonce"]))["xml"]
    assert {name: opened[name] for name in sample["expected"]} == sample["expected"]

    params = {name: sample[name] for name in ("msg_signature", "timestamp", "nonce")}
    response = await side.client.post("/wechat/work", params=params, content=sample["body"].encode())
    member = WeComMember(side.client, side.clock, "mycreate")
    assert member.passive_text(response) == "我没看懂这条消息。发送 /help 查看可用命令。"
    async with sessions() as session:
        assert await session.scalar(select(ProcessedUpdate.key)) == "wecom:wx5823bf96d3bd56c7:msg:4561255354251345929"
        assert await session.scalar(select(Identity.platform).where(Identity.external_id == "mycreate")) == "wecom"
    tampered = sample["body"].replace("RypEvHKD8QQK", "RypEvHKD8QQL")
    assert (await side.client.post("/wechat/work", params=params, content=tampered.encode())).status_code == 403
    assert await processed_count(sessions) == 1


def test_official_account_encryption_matches_wechats_sample_with_a_fixed_random_prefix():
    sample = SAMPLES["oa_encrypt_fixed_random"]
    envelope = Envelope(sample["token"], sample["encoding_aes_key"], sample["app_id"],
                        random_prefix=sample["random_prefix"])
    assert envelope.encrypt(sample["plaintext"]) == sample["encrypt"]
    sealed = xmltodict.parse(envelope.seal(sample["plaintext"], sample["timestamp"], sample["nonce"]))["xml"]
    assert sealed["Encrypt"] == sample["encrypt"]
    reply = envelope.seal("<xml><A>回执</A></xml>", sample["timestamp"], sample["nonce"])
    signature = xmltodict.parse(reply)["xml"]["MsgSignature"]
    assert envelope.open(reply.encode(), signature, sample["timestamp"], sample["nonce"]) == "<xml><A>回执</A></xml>"


async def test_a_teacher_uses_commands_inside_wecom(side, sessions, wechat_api):
    await class_with_teacher(sessions, teacher_platform="wecom", teacher_id="WangLaoShi", children=("小明", "小红"))
    teacher = WeComMember(side.client, side.clock, "WangLaoShi")
    roster = teacher.passive_text(await teacher.send("/roster"))
    assert "小明" in roster and "小红" in roster and "<b>" not in roster

    release_budget, side.wecom.budget = side.wecom.budget, 0.0
    assert teacher.passive_text(await teacher.send("/roster add 小刚")) == ""
    await side.settle()
    side.wecom.budget = release_budget
    [sent] = wechat_api.sent("message/send")
    assert sent["touser"] == "WangLaoShi" and sent["agentid"] == "1000002" and "小刚" in sent["text"]["content"]
