"""The SQL store: typed SQLAlchemy models, one module per aggregate, and the rules that belong to the data."""
from models.base import Base
from models.classes import ClassGroup, Membership, Role
from models.people import Identity, Person
from models.records import AuditEntry, PendingCommand, ProcessedUpdate
from models.students import Guardianship, Student, StudentStatus

__all__ = [
    "AuditEntry", "Base", "ClassGroup", "Guardianship", "Identity", "Membership",
    "PendingCommand", "Person", "ProcessedUpdate", "Role", "Student", "StudentStatus",
]
