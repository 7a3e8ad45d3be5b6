"""What a failed send means for delivery, decided once for replies, pushes and tally edits alike: all of them
leave from the outbox (outbox_worker.py).

Adapters raise the kinds in handlers/ports.py; `classify` turns one, or anything else a send raised (a
time-out, an adapter's surprise), into what to do next."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from handlers.core.ports import NotModified, RetryLater, Unreachable


class Action(Enum):
    DONE = "done"                # an edit that would change nothing: as good as sent
    WAIT = "wait"                # the platform asked us to slow down: pause the chat, try after `retry_after`
    BACK_OFF = "back off"        # worth another attempt after a backoff; this one counts towards giving up
    GIVE_UP = "give up"          # that was the last attempt
    UNREACHABLE = "unreachable"  # permanent for this chat: a private one marks its person unreachable


@dataclass(frozen=True)
class Outcome:
    action: Action
    reason: str                # what a push records as its last error
    retry_after: float = 0.0   # seconds, for WAIT

    @property
    def again(self) -> bool:
        """Whether the send is tried again later (WAIT or BACK_OFF)."""
        return self.action in (Action.WAIT, Action.BACK_OFF)

    @property
    def counts_attempt(self) -> bool:
        """For a send tried again: whether this attempt counts towards giving up (a rate limit does not)."""
        return self.action is Action.BACK_OFF


def classify(error: Exception, attempt: int = 1, max_attempts: int = 1) -> Outcome:
    """What to do after `error` ended attempt number `attempt` (1 for the first) of at most `max_attempts`.
    A rate limit does not count as an attempt, so it is waited out however many were made."""
    if isinstance(error, NotModified):
        return Outcome(Action.DONE, "not modified")
    if isinstance(error, RetryLater):
        return Outcome(Action.WAIT, f"retry after {error.retry_after}s", error.retry_after)
    if isinstance(error, Unreachable):
        return Outcome(Action.UNREACHABLE, f"unreachable: {error}")
    # TransientError, a time-out, or an adapter's surprise: retried until the attempts run out.
    reason = f"{type(error).__name__}: {error}"
    return Outcome(Action.BACK_OFF if attempt < max_attempts else Action.GIVE_UP, reason)
