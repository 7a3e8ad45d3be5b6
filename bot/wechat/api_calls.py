"""Calls to the WeChat and WeCom APIs through wechatpy: its clients speak `requests`, so every call runs in
a worker thread, and WeChat's answers become the `SendError` kinds delivery understands.

The API host comes from the settings (a local stand-in in tests). wechatpy keeps the access token in its
session storage and fetches a new one when it is about to expire; a token WeChat calls expired or
invalid anyway (another process fetched a newer one) is refreshed and the call retried once."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import requests
from wechatpy.client import WeChatClient
from wechatpy.enterprise.client import WeChatClient as WeComAppClient
from wechatpy.exceptions import WeChatClientException

from handlers.core.ports import RetryLater, SendError, TransientError, Unreachable

T = TypeVar("T")
TOKEN_EXPIRED = {40001, 40014, 42001}
# The person cannot be written to now: not following, out of the 48-hour window for customer-service
# messages, over its message quota, blocked us, or not a member of the app (WeCom 60111, 81013).
UNREACHABLE = {40003, 43004, 43019, 45015, 45047, 46004, 60111, 81013, 93000}
RATE_LIMITED = {45009, 45033, 45011}
BUSY = {-1}
TIMEOUT = 10  # seconds: a hung connection is a transient failure, never a stuck delivery


class OfficialAccountClient(WeChatClient):
    def __init__(self, app_id: str, secret: str, base_url: str):
        super().__init__(app_id, secret, timeout=TIMEOUT, auto_retry=False)
        self.API_BASE_URL = base_url.rstrip("/") + "/cgi-bin/"

    def fetch_access_token(self):
        return self._fetch_access_token(url=self.API_BASE_URL + "token", params={
            "grant_type": "client_credential", "appid": self.appid, "secret": self.secret})


class WeComClient(WeComAppClient):
    def __init__(self, corp_id: str, secret: str, base_url: str):
        super().__init__(corp_id, secret, timeout=TIMEOUT, auto_retry=False)
        self.API_BASE_URL = base_url.rstrip("/") + "/cgi-bin/"

    def fetch_access_token(self):
        return self._fetch_access_token(url=self.API_BASE_URL + "gettoken",
                                        params={"corpid": self.corp_id, "corpsecret": self.secret})


def send_error_of(errcode: int | None, message: str) -> SendError:
    if errcode is None or errcode in BUSY:  # an HTTP error or "system busy"
        return TransientError(message)
    if errcode in UNREACHABLE:
        return Unreachable(message)
    if errcode in RATE_LIMITED:
        return RetryLater(60.0, message)
    return SendError(message)


def _call(client: WeChatClient, function: Callable[..., T], args, kwargs) -> T:
    for attempt in (1, 2):
        try:
            return function(*args, **kwargs)
        except WeChatClientException as error:
            if error.errcode in TOKEN_EXPIRED and attempt == 1:
                try:
                    client.fetch_access_token()
                except WeChatClientException as refused:
                    raise send_error_of(refused.errcode, f"token: {refused.errcode} {refused.errmsg}") from refused
                except requests.RequestException as lost:
                    raise TransientError(f"token: {lost}") from lost
                continue
            raise send_error_of(error.errcode, f"{error.errcode} {error.errmsg}") from error
        except requests.RequestException as error:
            raise TransientError(str(error)) from error
    raise AssertionError("unreachable")


async def call(client: WeChatClient, function: Callable[..., T], *args, **kwargs) -> T:
    return await asyncio.to_thread(_call, client, function, args, kwargs)


def fetch_media(client: WeChatClient, media_id: str) -> bytes:
    """Downloads a temporary media file (an image a person sent) from the configured API host."""
    response = client.get("media/get", params={"media_id": media_id})
    if isinstance(response, dict):  # an error comes back as JSON; wechatpy raised for non-zero codes
        raise SendError(f"media {media_id}: unexpected answer")
    return response.content
