"""the weekly report a teacher has asked to be sent

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_schedules',
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('at', sa.Time(), nullable=False),
    sa.Column('next_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_week', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_report_schedules_class_id_classes'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('class_id', name=op.f('pk_report_schedules'))
    )
    with op.batch_alter_table('report_schedules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_schedules_next_at'), ['next_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('report_schedules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_schedules_next_at'))
    op.drop_table('report_schedules')
