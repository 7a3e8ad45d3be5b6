"""Button data fits Telegram's 64 bytes and a changed one is refused."""
import pytest

from bot.telegram.buttons import ButtonCodec
from handlers.core.messages import ButtonPress

codec = ButtonCodec(b"secret")


def test_round_trip_within_64_bytes():
    data = codec.encode("approve", ("123456",))
    assert len(data.encode()) <= 64
    assert codec.decode(data) == ButtonPress("approve", ("123456",))


@pytest.mark.parametrize("forge", [
    lambda d: d.replace("123", "124"),  # another student's approval
    lambda d: d.split("~")[0],  # no signature
    lambda d: d[:-1] + ("A" if d[-1] != "A" else "B"),
    lambda d: "",
])
def test_changed_data_is_refused(forge):
    assert codec.decode(forge(codec.encode("approve", ("123",)))) is None


def test_another_secret_does_not_verify():
    assert ButtonCodec(b"other").decode(codec.encode("approve", ("1",))) is None


def test_data_that_cannot_fit_is_a_programming_error():
    with pytest.raises(ValueError):
        codec.encode("pick", ("9" * 60,))
    with pytest.raises(ValueError):
        codec.encode("pick", ("a:b",))
