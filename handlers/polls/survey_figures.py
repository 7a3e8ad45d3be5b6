"""A survey's responses read back for results and exports: per question the counts of its options (or of
a rating's values, with the mean), the texts written, and per response its answers in question order. An
anonymous survey's responses come ordered by their hash, which follows neither time nor person, so not even
the order of rows or texts hints at who answered when; a named one's by who answered."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Person, Student
from models.surveys import Survey, SurveyAnswer, SurveyResponse


@dataclass
class Respondent:
    """One finished response: who (named surveys only) and its answers by question index."""

    name: str | None
    answers: dict[int, list[SurveyAnswer]] = field(default_factory=dict)


@dataclass
class QuestionFigures:
    number: int
    question: dict
    labels: list[str]
    counts: list[int]
    answered: int  # how many responses answered it
    texts: list[tuple[str, str | None]] = field(default_factory=list)  # (text, name or None)

    @property
    def percents(self) -> list[int]:
        return [round(100 * count / self.answered) if self.answered else 0 for count in self.counts]

    @property
    def mean(self) -> float | None:
        if self.question["kind"] != "rating" or not self.answered:
            return None
        low = self.question["low"]
        return sum((low + index) * count for index, count in enumerate(self.counts)) / self.answered


def labels_of(question: dict) -> list[str]:
    if question["kind"] == "rating":
        return [str(value) for value in range(question["low"], question["high"] + 1)]
    return list(question["options"])


async def respondents(session: AsyncSession, survey: Survey) -> list[Respondent]:
    rows = (await session.execute(select(SurveyResponse, Person.display_name, Student.name)
                                  .outerjoin(Person, Person.id == SurveyResponse.person_id)
                                  .outerjoin(Student, Student.id == SurveyResponse.student_id)
                                  .where(SurveyResponse.survey_id == survey.id, SurveyResponse.draft.is_(False))
                                  .order_by(SurveyResponse.respondent if survey.anonymous else SurveyResponse.id)
                                  )).all()
    answers: dict[int, dict[int, list[SurveyAnswer]]] = defaultdict(lambda: defaultdict(list))
    ids = [response.id for response, _, _ in rows]
    for answer in (await session.scalars(select(SurveyAnswer).where(SurveyAnswer.response_id.in_(ids))
                                         .order_by(SurveyAnswer.id))).all():
        answers[answer.response_id][answer.question].append(answer)
    found = []
    for response, person, child in rows:
        name = None if survey.anonymous else (f"{person}（{child}）" if child and person else person or child)
        found.append(Respondent(name, dict(answers[response.id])))
    if not survey.anonymous:
        found.sort(key=lambda respondent: respondent.name or "")
    return found


def figures(survey: Survey, found: list[Respondent]) -> list[QuestionFigures]:
    result = []
    for index, question in enumerate(survey.questions):
        labels = labels_of(question)
        counts = [0] * len(labels)
        offset = question.get("low", 0) if question["kind"] == "rating" else 0
        shown = QuestionFigures(index + 1, question, labels, counts, 0)
        for respondent in found:
            given = respondent.answers.get(index, [])
            if not given:
                continue
            shown.answered += 1
            for answer in given:
                if answer.choice is not None and 0 <= answer.choice - offset < len(counts):
                    counts[answer.choice - offset] += 1
                if answer.text is not None:
                    shown.texts.append((answer.text, respondent.name))
        result.append(shown)
    return result


def cell(question: dict, given: list[SurveyAnswer]) -> str | int:
    """One answer as a spreadsheet cell: the option's text (several joined by "; "), a rating's number, the text."""
    if question["kind"] == "rating":
        return next((answer.choice for answer in given if answer.choice is not None), "")
    if question["kind"] == "text":
        return next((answer.text for answer in given if answer.text is not None), "")
    return "; ".join(question["options"][answer.choice] for answer in given if answer.choice is not None)
