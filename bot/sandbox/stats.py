"""Traffic counters that tests and benchmarks read back from the world."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass
class Stats:
    accepted: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))  # chat -> clock()s
    edits: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    too_many_requests: int = 0  # 429 answers, from the limits and from injected bursts alike
    calls: Counter = field(default_factory=Counter)  # method name as the spec spells it -> count
    faults: Counter = field(default_factory=Counter)  # "5xx" / "timeout" / "429" -> injected count

    def record(self, chat_id: int, moment: float, count: int = 1) -> None:
        self.accepted[chat_id].extend([moment] * count)

    def total_accepted(self) -> int:
        return sum(len(moments) for moments in self.accepted.values())

    def most_in_window(self, chat_id: int, seconds: float) -> int:
        """The largest number of messages the chat received within any `seconds`-long span."""
        moments = sorted(self.accepted.get(chat_id, ()))
        most = start = 0
        for end, moment in enumerate(moments):
            while moment - moments[start] >= seconds:
                start += 1
            most = max(most, end - start + 1)
        return most
