"""A command with subcommands and a `fallback`: a first word that names a subcommand runs it; any other
first word (or none) runs the fallback with every word; without a fallback such a word is refused."""
from handlers.core.arguments import parse_args
from handlers.core.context import Context, Defaults
from handlers.core.declarations import Command, Sub
from handlers.core.messages import ChatRef, Incoming, Sender
from models import Identity, Person


def recorder(calls: list, name: str):
    async def run(ctx, args):
        calls.append((name, tuple(args.words)))
    return run


async def run(dialog, sessions, clock, command: Command, text: str) -> Context:
    async with sessions() as session:
        chat = ChatRef("fake", "7", True)
        ctx = Context(session=session, incoming=Incoming("fake:1", chat, Sender("7", "王老师"), text), clock=clock,
                      platform=dialog.platform, defaults=Defaults(),
                      person=Person(display_name="王老师", language="zh"),
                      identity=Identity(platform="fake", external_id="7"))
        await dialog.dispatcher.run_parsed(ctx, command, parse_args(text))
        return ctx


async def test_a_first_word_that_is_no_subcommand_goes_to_the_fallback_with_every_word(dialog, sessions, clock):
    calls = []
    command = Command("highlight", subcommands=(Sub("list", recorder(calls, "list")),),
                      fallback=recorder(calls, "record"))
    await run(dialog, sessions, clock, command, "list")
    await run(dialog, sessions, clock, command, "小明 主动帮助同学")
    await run(dialog, sessions, clock, command, "")
    assert calls == [("list", ()), ("record", ("小明", "主动帮助同学")), ("record", ())]


async def test_without_a_fallback_an_unknown_first_word_is_refused(dialog, sessions, clock):
    calls = []
    command = Command("highlight", usage="usage.setup", subcommands=(Sub("list", recorder(calls, "list")),))
    ctx = await run(dialog, sessions, clock, command, "小明 主动帮助同学")
    assert calls == [] and "小明" in ctx.replies[0].text
