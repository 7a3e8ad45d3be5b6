"""What a failed send leads to, for each kind of error an adapter raises and for anything else."""
import pytest

from bot.send_outcomes import Action, Outcome, classify
from handlers.core.ports import NotModified, RetryLater, SendError, TransientError, Unreachable


@pytest.mark.parametrize("error, outcome", [
    (NotModified("message is not modified"), Outcome(Action.DONE, "not modified")),
    (RetryLater(5), Outcome(Action.WAIT, "retry after 5s", 5)),
    (RetryLater(0.5, "flood"), Outcome(Action.WAIT, "retry after 0.5s", 0.5)),
    (Unreachable("Forbidden: bot was blocked by the user"),
     Outcome(Action.UNREACHABLE, "unreachable: Forbidden: bot was blocked by the user")),
    (TransientError("502"), Outcome(Action.BACK_OFF, "TransientError: 502")),
    (TimeoutError(), Outcome(Action.BACK_OFF, "TimeoutError: ")),
    (SendError("this process cannot send on nowhere"),
     Outcome(Action.BACK_OFF, "SendError: this process cannot send on nowhere")),
    (KeyError("fake"), Outcome(Action.BACK_OFF, "KeyError: 'fake'")),
])
def test_each_kind_of_error_before_the_last_attempt(error, outcome):
    assert classify(error, attempt=3, max_attempts=8) == outcome


@pytest.mark.parametrize("error, action", [
    (NotModified("message is not modified"), Action.DONE),
    (RetryLater(5), Action.WAIT),  # a rate limit is not an attempt: it is waited out however many were made
    (Unreachable("chat not found"), Action.UNREACHABLE),
    (TransientError("502"), Action.GIVE_UP),
    (TimeoutError(), Action.GIVE_UP),
    (ValueError("an adapter's surprise"), Action.GIVE_UP),
])
def test_each_kind_of_error_on_the_last_attempt(error, action):
    assert classify(error, attempt=8, max_attempts=8).action is action


def test_a_reply_sent_now_has_one_attempt():
    assert classify(TransientError("502")).action is Action.GIVE_UP
    assert classify(RuntimeError("surprise")).action is Action.GIVE_UP
    assert classify(NotModified("message is not modified")).action is Action.DONE
    assert classify(Unreachable("blocked")).action is Action.UNREACHABLE


def test_only_waiting_and_backing_off_try_again_and_only_backing_off_counts_the_attempt():
    assert [action for action in Action if Outcome(action, "").again] == [Action.WAIT, Action.BACK_OFF]
    assert [action for action in Action if Outcome(action, "").counts_attempt] == [Action.BACK_OFF]
