"""A command's `fallback` subcommand: when the first word names no subcommand, it runs with every word
(`/poll "question" a | b`); a named subcommand still wins, and `default` still answers no word at all."""
import pytest

from handlers.core.declarations import Command, Sub
from handlers.core.messages import Reply
from handlers.core.registry import registry


def echo(name):
    async def run(ctx, args):
        ctx.replies.append(Reply(text=f"{name}: {' '.join(args.words)}"))
    return run


@pytest.fixture
def echo_command(monkeypatch):
    command = Command("echo", usage="usage.join", default="list", fallback="new", subcommands=(
        Sub("new", echo("new")), Sub("list", echo("list"))))
    monkeypatch.setitem(registry().commands, "echo", command)


async def test_the_fallback_gets_every_word_when_the_first_names_no_subcommand(dialog, echo_command):
    someone = dialog.person("某人")
    assert [r.text for r in await someone.private('/echo "去哪里" 公园 | 图书馆')] == ["new: 去哪里 公园 | 图书馆"]
    assert [r.text for r in await someone.private("/echo list 3")] == ["list: 3"]
    assert [r.text for r in await someone.private("/echo new x")] == ["new: x"]
    assert [r.text for r in await someone.private("/echo")] == ["list: "]


async def test_without_a_fallback_an_unknown_first_word_is_still_refused(dialog, monkeypatch):
    command = Command("echo", usage="usage.join", subcommands=(Sub("new", echo("new")),))
    monkeypatch.setitem(registry().commands, "echo", command)
    [answer] = await dialog.person("某人").private("/echo frobnicate")
    assert "frobnicate" in answer.text and not answer.text.startswith("new")
