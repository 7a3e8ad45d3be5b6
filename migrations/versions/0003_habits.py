"""habit plans, check-ins and certificates

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

SCHEDULE_COLUMNS = ('next_post_at', 'next_nudge_at', 'next_stars_at', 'next_certificates_at', 'next_summary_at')


def upgrade() -> None:
    op.create_table('habit_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('remind_at', sa.Time(), nullable=False),
    sa.Column('evidence', sa.Enum('none', 'photo', 'text', name='habit_evidence', native_enum=False, length=16), nullable=False),
    sa.Column('makeup_quota', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Enum('required', 'optional', name='habit_mode', native_enum=False, length=16), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('stopped_at', models.base.UTCDateTime(timezone=True), nullable=True),
    *[sa.Column(name, models.base.UTCDateTime(timezone=True), nullable=True) for name in SCHEDULE_COLUMNS],
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_habit_plans_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['persons.id'], name=op.f('fk_habit_plans_created_by_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_habit_plans_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_habit_plans'))
    )
    with op.batch_alter_table('habit_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_habit_plans_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_habit_plans_student_id'), ['student_id'], unique=False)
        for name in SCHEDULE_COLUMNS:
            batch_op.create_index(batch_op.f(f'ix_habit_plans_{name}'), [name], unique=False)

    op.create_table('habit_checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_makeup', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('evidence_file_id', sa.String(length=256), nullable=True),
    sa.Column('checked_in_by', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['checked_in_by'], ['persons.id'], name=op.f('fk_habit_checkins_checked_in_by_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['habit_plans.id'], name=op.f('fk_habit_checkins_plan_id_habit_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_habit_checkins_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_habit_checkins')),
    sa.UniqueConstraint('plan_id', 'student_id', 'day', name=op.f('uq_habit_checkins_plan_id_student_id_day'))
    )
    with op.batch_alter_table('habit_checkins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_habit_checkins_checked_in_by'), ['checked_in_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_habit_checkins_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_habit_checkins_student_id'), ['student_id'], unique=False)

    op.create_table('habit_certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('days_done', sa.Integer(), nullable=False),
    sa.Column('issued_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['habit_plans.id'], name=op.f('fk_habit_certificates_plan_id_habit_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_habit_certificates_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_habit_certificates')),
    sa.UniqueConstraint('plan_id', 'student_id', name=op.f('uq_habit_certificates_plan_id_student_id'))
    )
    with op.batch_alter_table('habit_certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_habit_certificates_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_habit_certificates_student_id'), ['student_id'], unique=False)


def downgrade() -> None:
    op.drop_table('habit_certificates')
    op.drop_table('habit_checkins')
    op.drop_table('habit_plans')
