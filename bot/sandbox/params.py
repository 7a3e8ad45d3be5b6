"""A Bot API call's parameters, read the ways real clients send them, and the errors answered with.

Clients mix query strings, urlencoded forms, multipart bodies and JSON. In forms every value is a
string and nested values (reply_markup, media, ...) are JSON inside the string; in a JSON body they are
already structured. Params hides that difference."""
from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.datastructures import UploadFile
from starlette.requests import Request


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after

    def body(self) -> dict:
        body = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def forbidden(description: str) -> ApiError:
    return ApiError(403, f"Forbidden: {description}")


def too_many(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


@dataclass
class Upload:
    file_name: str | None
    content_type: str | None
    data: bytes


_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


class Params:
    def __init__(self, values: dict):
        self.values = values

    @classmethod
    async def from_request(cls, request: Request) -> Params:
        values: dict = dict(request.query_params)
        content_type = request.headers.get("content-type", "").lower()
        if content_type.startswith("application/json"):
            body = await request.body()
            if body.strip():
                try:
                    decoded = json.loads(body)
                except ValueError:
                    raise bad("can't parse JSON encoded request body") from None
                if not isinstance(decoded, dict):
                    raise bad("JSON object expected as request body")
                values.update(decoded)
        elif content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form(max_part_size=16 * 1024 * 1024)
            for name, value in form.multi_items():
                if isinstance(value, UploadFile):
                    value = Upload(value.filename, value.content_type, await value.read())
                values[name] = value
        return cls(values)

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def raw(self, name: str):
        return self.values.get(name)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None or isinstance(value, Upload):
            return default
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        return str(value)

    def integer(self, name: str, default: int | None = None, *, missing: str | None = None) -> int | None:
        """`missing` is the Telegram error text for an absent value; without it the default is used."""
        value = self.values.get(name)
        if value in (None, ""):
            if missing:
                raise bad(missing)
            return default
        if isinstance(value, bool):
            raise bad(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad(f"invalid {name} specified") from None

    def number(self, name: str, default: float) -> float:
        value = self.values.get(name)
        try:
            return default if value in (None, "") else float(value)
        except (TypeError, ValueError):
            raise bad(f"invalid {name} specified") from None

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in _TRUE | _FALSE:
            return lowered in _TRUE
        raise bad(f"invalid {name} specified")

    def json(self, name: str, default=None):
        value = self.values.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad(f"can't parse {name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self.values.get(name)
        if value in (None, ""):
            raise bad("chat_id is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad("chat not found") from None
