"""Every setting ClassBridge reads, from the environment and `.env` (see `.env.example`)."""
from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(Exception):
    """A setting has a value we cannot run with; the message names it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    database_url: str = "sqlite+aiosqlite:///./classbridge.db"
    http_host: str = "127.0.0.1"
    http_port: int = Field(8080, ge=1, le=65535)
    default_timezone: str = "Asia/Shanghai"
    default_language: str = "zh"
    log_level: str = "INFO"

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_bot_username: str | None = None

    # Secret used to sign button data so a tampered button press is refused.
    button_secret: SecretStr | None = None

    wechat_oa_app_id: str | None = None
    wechat_oa_app_secret: SecretStr | None = None
    wechat_oa_token: SecretStr | None = None
    wechat_oa_aes_key: SecretStr | None = None
    # A reminder template approved for the account, for people outside the 48-hour customer-service window.
    wechat_oa_template_id: str | None = None
    wechat_oa_template_field: str = "content"
    wecom_corp_id: str | None = None
    wecom_agent_id: str | None = None
    wecom_secret: SecretStr | None = None
    wecom_token: SecretStr | None = None
    wecom_aes_key: SecretStr | None = None
    wechat_api_base_url: str = "https://api.weixin.qq.com/"
    wecom_api_base_url: str = "https://qyapi.weixin.qq.com/"

    # Outgoing message limits (Telegram's guidance; WeCom's group robot allows 20 a minute). Per process:
    # with several replicas on PostgreSQL, divide the overall limit among them.
    send_limit_per_second: int = Field(30, ge=1)
    send_limit_group_per_minute: int = Field(20, ge=1)
    send_limit_private_per_second: int = Field(1, ge=1)
    send_limit_wecom_robot_per_minute: int = Field(20, ge=1)
    edit_limit_group_per_minute: int = Field(20, ge=1)
    # A push that keeps failing with network errors is given up after this many attempts.
    outbox_max_attempts: int = Field(8, ge=1)
    # A row being sent belongs to its process this long: what a process that died was sending waits as much.
    outbox_lease_seconds: float = Field(120.0, ge=1)
    # Delivered pushes and processed update keys are kept this many days, then deleted.
    outbox_keep_days: int = Field(30, ge=1)

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///path.db or postgresql+asyncpg://user@host/db")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Shanghai)") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in ("zh", "en"):
            raise ValueError("must be zh or en")
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self):
        if self.telegram_webhook_url and not self.telegram_webhook_secret:
            raise ValueError("TELEGRAM_WEBHOOK_SECRET must be set in webhook mode")
        return self

    @property
    def telegram_file_base_url(self) -> str:
        """Telegram serves files from the same host under /file/bot."""
        base = self.telegram_api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    @property
    def sandbox(self) -> bool:
        return self.telegram_bot_token is None


def load_settings(**overrides) -> Settings:
    """Read the settings once, turning a validation error into one line that names the setting."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if not first["loc"]:
            raise SettingsError(f"invalid settings: {message}") from None
        raise SettingsError(f"invalid setting {str(first['loc'][0]).upper()}: {message}") from None
