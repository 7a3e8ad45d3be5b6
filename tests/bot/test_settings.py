"""Settings come from the environment; a bad one stops start-up with one line naming it."""
import os
import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env here
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///./classbridge.db"
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 8080)
    assert settings.default_timezone == "Asia/Shanghai" and settings.default_language == "zh"
    assert settings.sandbox
    assert settings.telegram_file_base_url == "https://api.telegram.org/file/bot"


def test_empty_values_in_env_mean_the_default(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=\nHTTP_PORT=9000\n")
    settings = load_settings()
    assert settings.sandbox and settings.http_port == 9000


@pytest.mark.parametrize("name,value", [
    ("HTTP_PORT", "eighty"), ("DEFAULT_TIMEZONE", "Mars/Olympus"), ("DEFAULT_LANGUAGE", "fr"),
    ("DATABASE_URL", "mysql://localhost/x"), ("TELEGRAM_API_BASE_URL", "api.telegram.org"),
])
def test_a_bad_setting_names_itself(monkeypatch, tmp_path, name, value):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert name in str(error.value)


def test_the_command_exits_2_with_one_line(tmp_path):
    env = dict(os.environ, HTTP_PORT="eighty", PYTHONPATH=ROOT)
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "HTTP_PORT" in result.stderr
    assert "Traceback" not in result.stderr
