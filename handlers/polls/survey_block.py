"""The text block of `/survey new` (PRODUCT.md §7), read line by line into a survey's settings and
questions. Every line is checked and every mistake is kept with its line number and reason, so the asker
gets all of them at once and nothing is written until the block is right.

    title: 家长满意度调查
    anonymous: yes
    until: 2026-12-01 18:00
    per: family                      (or per=family after /survey new)
    1. [single] 您对本学期家校沟通是否满意？ | 很满意 | 满意 | 一般 | 不满意
    2. [multi] 您希望增加哪些活动？ | 亲子阅读 | 家长开放日 | 线上家长会
    3. [rating 1-5] 孩子在家的阅读习惯
    4. [text] 其他建议
    5. [text?] 还有什么想说的（可不填）
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from handlers.core.arguments import normalize, parse_date, parse_time
from handlers.core.errors import UserError
from models.habit_schedule import moment
from models.surveys import MAX_OPTION, MAX_OPTIONS, MAX_QUESTION, MAX_QUESTIONS, MAX_TITLE

END_OF_DAY = time(23, 59)
HEADERS = {
    "title": "title", "标题": "title", "anonymous": "anonymous", "匿名": "anonymous", "until": "until",
    "截止": "until", "per": "per",
}
YES = {"yes", "y", "true", "是", "匿名"}
NO = {"no", "n", "false", "否", "实名"}
FAMILY = {"family", "家庭", "每户"}
PERSON = {"person", "个人", "每人"}
KINDS = {"single": "single", "单选": "single", "multi": "multi", "多选": "multi", "text": "text", "填空": "text",
         "text?": "text?", "填空?": "text?", "rating": "rating", "评分": "rating"}
_HEADER = re.compile(r"^([^\s:：=]+)\s*[:：=]\s*(.*)$")
_QUESTION = re.compile(r"^(?:(\d+)\s*[.、)）]\s*)?\[([^\]]*)\]\s*(.*)$")
_RATING = re.compile(r"^(?:rating|评分)\s*(\d+)\s*-\s*(\d+)$")
_NUMBERED = re.compile(r"^\d+\s*[.、)）]")


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the block as a whole (no title, no question)
    key: str  # text key of the reason, under polls.
    values: dict = field(default_factory=dict)


@dataclass
class SurveyPlan:
    title: str = ""
    anonymous: bool = False
    per_family: bool = False
    until: datetime | None = None
    questions: list[dict] = field(default_factory=list)


class BlockErrors(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def block_lines(text: str) -> list[tuple[int, str]]:
    """The lines of the message as the person sees them, numbered from 1; blank lines are skipped, the
    `/survey new` that may open the message is not part of the block but keeps its line number."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = normalize(raw).strip()
        if number == 1 and line.startswith("/"):
            line = re.sub(r"^/\S+(\s+new\b)?", "", line, flags=re.I).strip()
            line = re.sub(r"\bper=\S+", "", line).strip()  # an option of the command line, read from its Args
        if line:
            found.append((number, line))
    return found


def _until(value: str, today: date, timezone: str) -> datetime:
    parts = value.split()
    try:
        if len(parts) == 1 and ":" in parts[0]:
            return moment(today, parse_time(parts[0]), timezone)
        if len(parts) == 1:
            return moment(parse_date(parts[0], today), END_OF_DAY, timezone)
        if len(parts) == 2:
            return moment(parse_date(parts[0], today), parse_time(parts[1]), timezone)
    except UserError:
        pass
    raise ValueError(value)


def _options(number: int, texts: list[str], problems: list[Problem]) -> list[str]:
    options, seen = [], set()
    for text in texts:
        if not text:
            problems.append(Problem(number, "survey_err_empty_option"))
        elif len(text) > MAX_OPTION:
            problems.append(Problem(number, "survey_err_option_too_long", {"value": text, "limit": MAX_OPTION}))
        elif text.lower() in seen:
            problems.append(Problem(number, "survey_err_duplicate_option", {"value": text}))
        seen.add(text.lower())
        options.append(text)
    return options


def _question(number: int, match: re.Match, expected: int, problems: list[Problem]) -> dict | None:
    given, tag, rest = match.group(1), normalize(match.group(2)).strip().lower(), match.group(3)
    if given is not None and int(given) != expected:
        problems.append(Problem(number, "survey_err_numbering", {"given": int(given), "expected": expected}))
    parts = [part.strip() for part in rest.split("|")]
    text, options = parts[0], parts[1:]
    if not text:
        problems.append(Problem(number, "survey_err_no_question"))
    elif len(text) > MAX_QUESTION:
        problems.append(Problem(number, "survey_err_question_too_long", {"limit": MAX_QUESTION}))
    rating = _RATING.match(tag)
    kind = "rating" if rating else KINDS.get(tag.replace(" ", ""))
    if kind is None:
        problems.append(Problem(number, "survey_err_kind", {"value": match.group(2)}))
        return None
    question = {"kind": kind, "text": text, "options": [], "optional": False}
    if kind == "text?":
        question.update(kind="text", optional=True)
    if kind in ("single", "multi"):
        if len(options) < 2:
            problems.append(Problem(number, "survey_err_few_options"))
        elif len(options) > MAX_OPTIONS:
            problems.append(Problem(number, "survey_err_many_options", {"limit": MAX_OPTIONS}))
        question["options"] = _options(number, options, problems)
    elif options:
        problems.append(Problem(number, "survey_err_options_not_taken", {"kind": tag}))
    if kind == "rating":
        low, high = (int(rating.group(1)), int(rating.group(2))) if rating.group(1) else (1, 5)
        if not 0 <= low < high <= 10:
            problems.append(Problem(number, "survey_err_rating", {"value": match.group(2)}))
        question.update(low=low, high=high)
    return question


def _header(number: int, key: str, value: str, plan: SurveyPlan, seen: set[str], today: date, timezone: str,
            now: datetime, problems: list[Problem]) -> None:
    if key in seen:
        problems.append(Problem(number, "survey_err_twice", {"name": key}))
    seen.add(key)
    lowered = value.strip().lower()
    if key == "title":
        if not value.strip():
            problems.append(Problem(number, "survey_err_no_title"))
        elif len(value.strip()) > MAX_TITLE:
            problems.append(Problem(number, "survey_err_title_too_long", {"limit": MAX_TITLE}))
        plan.title = value.strip()
    elif key == "anonymous":
        if lowered not in YES | NO:
            problems.append(Problem(number, "survey_err_yes_no", {"value": value}))
        plan.anonymous = lowered in YES
    elif key == "per":
        if lowered not in FAMILY | PERSON:
            problems.append(Problem(number, "survey_err_per", {"value": value}))
        plan.per_family = lowered in FAMILY
    else:
        try:
            plan.until = _until(value, today, timezone)
        except ValueError:
            problems.append(Problem(number, "survey_err_until", {"value": value}))
            return
        if plan.until <= now:
            problems.append(Problem(number, "survey_err_until_past", {"value": value}))


def parse_block(lines: list[tuple[int, str]], *, today: date, timezone: str, now: datetime,
                per_family: bool = False) -> SurveyPlan:
    """The survey the block describes, or BlockErrors with every problem found, in line order."""
    plan, problems, seen = SurveyPlan(per_family=per_family), [], set()
    last = 0  # the last question's number: one wrong number is one mistake, not one per question after it
    for number, line in lines:
        question = _QUESTION.match(line)
        if question:
            found = _question(number, question, last + 1, problems)
            last = int(question.group(1)) if question.group(1) else last + 1
            if found is not None:
                plan.questions.append(found)
            continue
        header = _HEADER.match(line)
        key = HEADERS.get(header.group(1).lower()) if header else None
        if key is not None:
            _header(number, key, header.group(2), plan, seen, today, timezone, now, problems)
        elif header and not _NUMBERED.match(line):
            problems.append(Problem(number, "survey_err_unknown_setting", {"name": header.group(1)}))
        else:
            problems.append(Problem(number, "survey_err_line", {"value": line}))
    if "title" not in seen:
        problems.append(Problem(None, "survey_err_no_title"))
    if not plan.questions and not any(p.key == "survey_err_kind" for p in problems):
        problems.append(Problem(None, "survey_err_no_questions"))
    if len(plan.questions) > MAX_QUESTIONS:
        problems.append(Problem(None, "survey_err_too_many_questions", {"limit": MAX_QUESTIONS}))
    if problems:
        raise BlockErrors(sorted(problems, key=lambda p: (p.line is None, p.line or 0)))
    return plan
