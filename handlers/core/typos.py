"""A command typed almost right (`/chekin`): the nearest of ours, if it is close enough to be meant."""
from __future__ import annotations

from collections.abc import Iterable

MAX_DISTANCE = 2


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


def closest(name: str, names: Iterable[str]) -> str | None:
    """The nearest name within MAX_DISTANCE edits, and shorter than the word itself (so `/ab` is no typo of
    `/hw`); None when nothing is that close."""
    best = min(((distance(name, known), known) for known in names), default=None)
    if best is None or best[0] == 0 or best[0] > MAX_DISTANCE or best[0] >= len(name):
        return None
    return best[1]
