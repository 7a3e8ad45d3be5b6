"""A tick's cost follows what is due, not how many classes there are (PRODUCT.md §9; bench/tick.py measures
the time): the statements one tick sends are the same for one due class among two or among twelve, and for
one due plan or six."""
from schedules.providers import load_providers
from schedules.tick import tick
from support.tick_scale import NOW, Statements, add_classes, make_due


async def statements_of_a_tick(engine, sessions, due: list[int]) -> tuple[int, int]:
    await make_due(sessions, due)
    with Statements(engine) as statements:
        result = await tick(sessions, NOW, load_providers())
    assert result.failed_providers == 0
    return statements.count, result.queued


async def test_a_tick_sends_as_many_statements_for_twelve_classes_as_for_two_and_for_six_due_plans_as_for_one(
        engine, sessions):
    plans = await add_classes(sessions, 2)
    few, queued_few = await statements_of_a_tick(engine, sessions, plans[:1])
    plans += await add_classes(sessions, 10)
    many, queued_many = await statements_of_a_tick(engine, sessions, plans[:1])
    more_due, queued_more_due = await statements_of_a_tick(engine, sessions, plans[:6])
    # One daily post and a nudge to each of the two families, per due plan.
    assert (queued_few, queued_many, queued_more_due) == (3, 3, 18)
    assert few == many == more_due
