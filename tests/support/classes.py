"""A class set up by its teacher in the group, for tests that start from one."""


async def set_up_class(dialog, name="三年级二班"):
    teacher = dialog.person("王老师", username="wang", admin_of=("-1001",))
    replies = await teacher.group(f"/setup {name}")
    code = replies[0].text.split("<b>")[-1].split("</b>")[0]
    return teacher, code


async def join_approved(member, code, child, relation, approver):
    """A further guardian of a child joins, and the child's guardian (or a teacher), `approver`, says yes."""
    from handlers.core.messages import ButtonPress

    replies = await member.private(f"/join {code} {child} {relation}".strip())
    [request] = [r for r in replies if r.chat == approver.chat and r.buttons]
    [approve] = [b for row in request.buttons for b in row if b.action == "approve_guardian"]
    await approver.send(request.chat, button=ButtonPress(approve.action, approve.args), message_id=request.message_id)


async def leave(member):
    """/leave, confirmed."""
    [question] = await member.private("/leave")
    return await member.press(question, "确定退出")
