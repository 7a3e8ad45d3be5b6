"""notices with their attachments and confirmations; events with RSVPs and check-ins

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def _family_table(name: str, parent: str, parent_fk: str, moment: str, extra: list) -> None:
    """A row per family (a child of the class) under a notice or an event."""
    op.create_table(name,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column(parent_fk, sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    *extra,
    sa.Column(moment, models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint([parent_fk], [f'{parent}.id'], name=op.f(f'fk_{name}_{parent_fk}_{parent}'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f(f'fk_{name}_person_id_persons'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f(f'fk_{name}_student_id_students'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{name}')),
    sa.UniqueConstraint(parent_fk, 'student_id', name=op.f(f'uq_{name}_{parent_fk}_student_id'))
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        for column in (parent_fk, 'person_id', 'student_id'):
            batch_op.create_index(batch_op.f(f'ix_{name}_{column}'), [column], unique=False)


def _drop_family_table(name: str, parent_fk: str) -> None:
    with op.batch_alter_table(name, schema=None) as batch_op:
        for column in (parent_fk, 'person_id', 'student_id'):
            batch_op.drop_index(batch_op.f(f'ix_{name}_{column}'))
    op.drop_table(name)


def upgrade() -> None:
    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ack', sa.Boolean(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('post_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('posted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('remind_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_notices_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['persons.id'], name=op.f('fk_notices_created_by_persons'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_posted_at'), ['posted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_remind_at'), ['remind_at'], unique=False)

    op.create_table('notice_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notices.id'], name=op.f('fk_notice_attachments_notice_id_notices'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_attachments'))
    )
    with op.batch_alter_table('notice_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_attachments_notice_id'), ['notice_id'], unique=False)
    _family_table('notice_confirmations', 'notices', 'notice_id', 'confirmed_at', [])

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('starts_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('checkin_opened_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('checkin_closes_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attendance_sent_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_events_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['persons.id'], name=op.f('fk_events_created_by_persons'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_checkin_closes_at'), ['checkin_closes_at'], unique=False)
    _family_table('event_rsvps', 'events', 'event_id', 'answered_at', [sa.Column('going', sa.Boolean(), nullable=False)])
    _family_table('event_checkins', 'events', 'event_id', 'checked_in_at', [])


def downgrade() -> None:
    _drop_family_table('event_checkins', 'event_id')
    _drop_family_table('event_rsvps', 'event_id')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_checkin_closes_at'))
        batch_op.drop_index(batch_op.f('ix_events_class_id'))
    op.drop_table('events')
    _drop_family_table('notice_confirmations', 'notice_id')
    with op.batch_alter_table('notice_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_attachments_notice_id'))
    op.drop_table('notice_attachments')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_remind_at'))
        batch_op.drop_index(batch_op.f('ix_notices_posted_at'))
        batch_op.drop_index(batch_op.f('ix_notices_class_id'))
    op.drop_table('notices')
