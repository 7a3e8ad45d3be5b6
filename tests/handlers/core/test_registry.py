"""The feature table: one manifest per feature, one line each in handlers/features.py, no name twice."""
import pytest

from handlers.core.declarations import Command, Feature, PushKind, Sub
from handlers.core.registry import DuplicateName, build, feature_modules, registry
from handlers.features import FEATURES


async def nothing(ctx, args):
    return None


def test_every_listed_feature_has_a_manifest_and_the_table_holds_its_commands():
    table = registry()
    assert [feature.name for feature in table.features] == ["core", *FEATURES]
    assert feature_modules() == ["handlers.core", *(f"handlers.{name}" for name in FEATURES)]
    assert {"setup", "join", "roster", "plan", "checkin", "cancel"} <= set(table.commands)
    assert table.keywords["打卡"] == "checkin" and "habit-daily" in table.tallies


@pytest.mark.parametrize("second", [
    Feature("b", commands=(Command("hello", nothing),)),
    Feature("b", commands=(Command("other", nothing, keywords=("你好",)),)),
    Feature("b", pushes=(PushKind("ping", grace=None),)),
    Feature("a"),
])
def test_a_name_declared_twice_fails_with_an_error_naming_both(second):
    first = Feature("a", commands=(Command("hello", nothing, keywords=("你好",)),),
                    pushes=(PushKind("ping", grace=None),))
    with pytest.raises(DuplicateName) as raised:
        build([first, second])
    assert "'a'" in str(raised.value) or "twice" in str(raised.value)


def test_a_feature_declaring_the_same_subcommand_list_is_fine_but_the_same_command_twice_is_not():
    plan = Command("plan", subcommands=(Sub("new", nothing), Sub("list", nothing)), default="list")
    assert build([Feature("a", commands=(plan,))]).commands["plan"].sub(None).name == "list"
    with pytest.raises(DuplicateName):
        build([Feature("a", commands=(plan, plan))])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_declared_command_and_subcommand_has_a_usage_line_in_both_languages(language):
    """An error is answered with the usage line: a command without one would turn a typo into a crash."""
    from handlers.core.texts import render

    for command in registry().commands.values():
        for key in [command.usage_key, *(sub.usage for sub in command.subcommands if sub.usage)]:
            assert render(language, key), key
