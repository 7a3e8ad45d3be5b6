"""The role matrix as data: every declared command and subcommand, sent by each role in the group and in
private, is refused exactly where its declaration says (where-rule first, then roles) and nowhere else."""
import pytest

from handlers.core.registry import registry
from handlers.core.texts import render
from models import Role
from support.habit_class import START, class_with_families, set_local

ROLES = ("teacher", "rep", "parent", "outsider")
CHATS = ("group", "private")


def entries():
    """(text to send, the name the bot calls it by, where-rule, roles) for every command and subcommand."""
    for command in registry().commands.values():
        if not command.subcommands:
            yield f"/{command.name}", command.name, command.where, command.roles
        for sub in command.subcommands:
            roles = sub.roles or command.roles
            yield f"/{command.name} {sub.name}", f"{command.name} {sub.name}", sub.where, roles


def refusal(name: str, where: str, roles: tuple[Role, ...], role: str, chat: str) -> str | None:
    """The answer the declaration promises, or None when this role may use it here."""
    if where == "private" and chat == "group":
        return render("zh", "errors.private_only", command=name)
    if where == "group" and chat == "private":
        return render("zh", "errors.group_only", command=name)
    if roles and role not in {r.value for r in roles}:
        if role == "outsider" and chat == "private":
            return render("zh", "errors.no_class")
        return render("zh", "errors.not_allowed", roles=[r.value for r in roles], command=name)
    return None


def every_refusal(name: str, roles) -> list[str]:
    texts = [render("zh", "errors.private_only", command=name), render("zh", "errors.group_only", command=name),
             render("zh", "errors.no_class")]
    if roles:
        texts.append(render("zh", "errors.not_allowed", roles=[r.value for r in roles], command=name))
    return texts


async def cast(dialog, clock):
    teacher, code, parents = await class_with_families(dialog, children=("小明", "小红"))
    await teacher.group('/plan new "每天阅读"')
    set_local(clock, START, "19:00")
    rep = parents["小红"]
    rep.username = "hongmum"
    await rep.private("/help")  # the bot learns the username
    await teacher.private("/role @hongmum rep")
    return {"teacher": teacher, "rep": rep, "parent": parents["小明"], "outsider": dialog.person("路人")}


@pytest.mark.parametrize("text, name, where, roles", list(entries()), ids=[e[0] for e in entries()])
async def test_each_role_is_refused_exactly_where_the_declaration_says(dialog, clock, text, name, where, roles):
    people = await cast(dialog, clock)
    for chat in CHATS:
        for role in ROLES:
            member = people[role]
            replies = await (member.group(text) if chat == "group" else member.private(text))
            answers = [reply.text for reply in replies if reply.chat.chat_id == (member.external_id if chat == "private"
                                                                                   else "-1001")]
            expected = refusal(name, where, roles, role, chat)
            if expected is not None:
                assert answers and answers[0].startswith(expected), (role, chat, answers)
            else:
                assert not any(a.startswith(r) for a in answers for r in every_refusal(name, roles)), (role, chat)
