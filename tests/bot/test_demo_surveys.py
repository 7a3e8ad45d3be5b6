"""The demo class comes with a closed anonymous questionnaire: one answer per family from ten families,
results to show, the salt erased, and the short result waiting in the outbox for the sandbox group."""
from datetime import UTC, datetime

from sqlalchemy import select

from bot.demo import add_demo_class
from bot.demo_surveys import ANSWERS, TITLE
from handlers.polls.survey_figures import figures, respondents
from models import OutboxMessage
from models.surveys import Survey, SurveyResponse, SurveySalt


async def test_the_demo_has_a_closed_anonymous_survey_with_results(sessions):
    async with sessions.begin() as session:
        await add_demo_class(session, "Asia/Shanghai", datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    async with sessions() as session:
        survey = await session.scalar(select(Survey))
        assert (survey.title, survey.anonymous, survey.per_family) == (TITLE, True, True)
        assert survey.closed_at is not None and await session.scalar(select(SurveySalt)) is None
        found = await respondents(session, survey)
        assert len(found) == len(ANSWERS) and all(respondent.name is None for respondent in found)
        assert all(r.person_id is None for r in (await session.scalars(select(SurveyResponse))).all())
        single = figures(survey, found)[0]
        assert sum(single.counts) == len(ANSWERS) and single.counts[0] == 5
        key = f"survey-result:id={survey.id}"
        result = await session.scalar(select(OutboxMessage).where(OutboxMessage.dedup_key == key))
        assert result is not None and TITLE in result.text and "很满意" in result.text
