"""A class set up by its teacher in the group, for tests that start from one."""


async def set_up_class(dialog, name="三年级二班"):
    teacher = dialog.person("王老师", username="wang", admin_of=("-1001",))
    replies = await teacher.group(f"/setup {name}")
    code = replies[0].text.split("<b>")[-1].split("</b>")[0]
    return teacher, code
