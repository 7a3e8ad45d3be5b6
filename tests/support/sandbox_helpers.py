"""Small helpers shared by the sandbox tests."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image


class Clock:
    """Monotonic seconds that only move when a test says so."""

    def __init__(self, now: float = 1_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def says(error: type, description: str):
    """pytest.raises for a Telegram error; PTB re-capitalises the description, so case is ignored."""
    return pytest.raises(error, match="(?i)" + re.escape(description))


def png(width: int = 4, height: int = 3, colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()
