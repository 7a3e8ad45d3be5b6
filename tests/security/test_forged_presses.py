"""Every button, pressed with data nobody was given (a forged or garbled press: no number, an empty one, a
word): a clean "this button no longer works" or another short answer, never a traceback, and no store look-up
by an id that is not there (SQLAlchemy warns on `session.get(X, None)`)."""
import logging
import warnings

import pytest
from sqlalchemy.exc import SAWarning

from handlers.core.messages import ButtonPress
from handlers.core.registry import registry
from support.habit_class import class_with_families

BAD_ARGS = [(), ("",), ("x",), ("-",), ("#",), ("１",)]
STALE = "这个按钮已经失效了。"


async def test_a_remind_press_without_a_homework_number_is_a_stale_button(dialog):
    teacher, _, _ = await class_with_families(dialog)
    message = (await teacher.private("/help"))[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("error", SAWarning)
        answers = await teacher.send(teacher.chat, button=ButtonPress("hw-remind", ()), message_id=message.message_id)
    assert [answer.text for answer in answers] == [STALE]


@pytest.mark.parametrize("private", [True, False], ids=["private", "group"])
async def test_every_button_pressed_with_forged_data_answers_without_a_warning_or_a_traceback(dialog, caplog,
                                                                                          private):
    teacher, _, _ = await class_with_families(dialog)
    message = (await teacher.private("/help"))[-1]
    chat = teacher.chat if private else dialog.group_chat()
    caplog.set_level(logging.ERROR)
    for action in sorted(registry().buttons):
        for args in BAD_ARGS:
            with warnings.catch_warnings():
                warnings.simplefilter("error", SAWarning)
                answers = await teacher.send(chat, button=ButtonPress(action, args), message_id=message.message_id)
            assert answers, (action, args, "silence")
            assert not [r for r in caplog.records if r.exc_info], (action, args)
