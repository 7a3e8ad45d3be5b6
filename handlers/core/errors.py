"""Errors a user caused. The dispatcher answers them in the user's language and writes nothing."""
from __future__ import annotations


class UserError(Exception):
    """`key` names a text: a plain key is in templates/<lang>/errors.j2, a dotted one ("habits.too_early")
    in that feature's own template file; `values` fill it in."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


class NeedsClass(Exception):
    """The command could mean several classes: ask which, then run it again."""

    def __init__(self, class_ids: list[int]):
        super().__init__("several classes")
        self.class_ids = class_ids
