"""The table of everything the features declare, read once from their manifests.

The features are listed in handlers/features.py, one line each; each has a `manifest.py` with a `FEATURE`.
A command, keyword, button, wait, push kind, tally name or /start payload prefix declared twice stops
start-up with an error that names both features, so a new feature can never silently take over another's name."""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache

from handlers.core.declarations import (
    ButtonFunc,
    Command,
    Export,
    Feature,
    ForgetFunc,
    PushKind,
    ReportPart,
    Setting,
    StartFunc,
    Tally,
    WaitKind,
)


class DuplicateName(RuntimeError):
    pass


@dataclass
class Registry:
    features: list[Feature] = field(default_factory=list)
    commands: dict[str, Command] = field(default_factory=dict)
    keywords: dict[str, str] = field(default_factory=dict)  # keyword → command name
    buttons: dict[str, ButtonFunc] = field(default_factory=dict)
    waits: dict[str, WaitKind] = field(default_factory=dict)
    pushes: dict[str, PushKind] = field(default_factory=dict)
    tallies: dict[str, Tally] = field(default_factory=dict)
    forgetters: list[ForgetFunc] = field(default_factory=list)
    start_payloads: dict[str, StartFunc] = field(default_factory=dict)  # /start payload prefix → handler
    report_parts: dict[str, ReportPart] = field(default_factory=dict)  # in the order of handlers/features.py
    settings: dict[str, Setting] = field(default_factory=dict)  # /settings keys features add
    exports: dict[str, Export] = field(default_factory=dict)  # downloadable lists, by name
    _owners: dict[tuple[str, str], str] = field(default_factory=dict)

    def _claim(self, kind: str, name: str, feature: Feature) -> None:
        owner = self._owners.get((kind, name))
        if owner is not None:
            raise DuplicateName(f"{kind} {name!r} is declared twice: by {owner!r} and by {feature.name!r}")
        self._owners[(kind, name)] = feature.name

    def add(self, feature: Feature) -> None:
        if any(known.name == feature.name for known in self.features):
            raise DuplicateName(f"feature {feature.name!r} is listed twice")
        for command in feature.commands:
            self._claim("command", command.name, feature)
            self.commands[command.name] = command
            for word in command.keywords:
                self._claim("keyword", word, feature)
                self.keywords[word] = command.name
        for action, func in feature.buttons.items():
            self._claim("button", action, feature)
            self.buttons[action] = func
        for table, kind, items in (("waits", "wait", feature.waits), ("pushes", "push kind", feature.pushes),
                                   ("tallies", "tally", feature.tallies),
                                   ("report_parts", "report part", feature.report_parts),
                                   ("settings", "setting", feature.settings),
                                   ("exports", "export", feature.exports)):
            for item in items:
                self._claim(kind, item.name, feature)
                getattr(self, table)[item.name] = item
        for prefix, func in feature.start_payloads.items():
            self._claim("start payload", prefix, feature)
            self.start_payloads[prefix] = func
        if feature.forget is not None:
            self.forgetters.append(feature.forget)
        self.features.append(feature)


def build(features: list[Feature]) -> Registry:
    table = Registry()
    for feature in features:
        table.add(feature)
    return table


def feature_modules() -> list[str]:
    """`handlers.core` (what every feature relies on: /cancel, "which class?") and the listed features."""
    from handlers.features import FEATURES

    return ["handlers.core", *(f"handlers.{name}" for name in FEATURES)]


@lru_cache(maxsize=1)
def registry() -> Registry:
    return build([importlib.import_module(f"{module}.manifest").FEATURE for module in feature_modules()])
