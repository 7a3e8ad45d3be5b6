"""The SQL store: typed SQLAlchemy models, one module per aggregate, and the rules that belong to the data."""
from models.base import Base
from models.classes import ClassGroup, Membership, Role
from models.events import Event, EventCheckin, EventRsvp  # noqa: F401
from models.habits import Evidence, HabitCertificate, HabitCheckIn, HabitPlan, PlanMode  # noqa: F401
from models.highlights import DigestState, Highlight, HighlightDigest, HighlightPhoto, HighlightThanks  # noqa: F401
from models.homework import (  # noqa: F401
    HomeworkCard,
    HomeworkMedia,
    HomeworkOccurrence,
    HomeworkReview,
    HomeworkSubmission,
    HomeworkVersion,
)
from models.notices import Notice, NoticeAttachment, NoticeConfirmation  # noqa: F401
from models.outbox import OutboxMedia, OutboxMessage, OutboxStatus, TallyEdit
from models.people import Identity, Person
from models.polls import Poll, PollSalt, PollVote  # noqa: F401
from models.records import AuditEntry, ProcessedUpdate
from models.reports import ReportSchedule  # noqa: F401
from models.sandbox_clock import SandboxClockOffset
from models.scheduled_messages import ScheduledMessage
from models.signups import SignupEntry, SignupList, SignupSlot  # noqa: F401
from models.students import Guardianship, GuardianStatus, Student, StudentStatus
from models.surveys import Survey, SurveyAnswer, SurveyResponse, SurveySalt  # noqa: F401
from models.waits import Wait
from models.wechat import HeldPhoto, NumberedChoice, SeenNonce

__all__ = [
    "AuditEntry",
    "Base",
    "ClassGroup",
    "GuardianStatus",
    "Guardianship",
    "Identity",
    "Membership",
    "Person",
    "ProcessedUpdate",
    "Role",
    "Student",
    "StudentStatus",
    "OutboxMedia",
    "OutboxMessage",
    "OutboxStatus",
    "ScheduledMessage",
    "TallyEdit",
    "HeldPhoto",
    "NumberedChoice",
    "Wait",
    "SeenNonce",
    "SandboxClockOffset",
]
