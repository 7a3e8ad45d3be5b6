"""The SQL store: typed SQLAlchemy models, one module per aggregate, and the rules that belong to the data."""
from models.base import Base
from models.classes import ClassGroup, Membership, Role
from models.habits import Evidence, HabitCertificate, HabitCheckIn, HabitPlan, PlanMode  # noqa: F401
from models.people import Identity, Person
from models.outbox import OutboxMedia, OutboxMessage, OutboxStatus, TallyEdit
from models.records import AuditEntry, PendingCommand, ProcessedUpdate
from models.sandbox_clock import SandboxClockOffset
from models.scheduled_messages import ScheduledMessage
from models.students import Guardianship, Student, StudentStatus
from models.wechat import HeldPhoto, NumberedChoice

__all__ = [
    "AuditEntry", "Base", "ClassGroup", "Guardianship", "Identity", "Membership",
    "PendingCommand", "Person", "ProcessedUpdate", "Role", "Student", "StudentStatus",
    "OutboxMedia", "OutboxMessage", "OutboxStatus", "SandboxClockOffset", "ScheduledMessage", "TallyEdit",
    "HeldPhoto", "NumberedChoice",
]
