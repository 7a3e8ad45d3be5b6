"""Waits: typed waits with an expiry replace pending commands; tally edits are rendered when they are made

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('waits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=48), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_waits_person_id_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waits')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('waits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waits_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_waits_expires_at'), ['expires_at'], unique=False)
    # What people were asked for under the old encoding cannot be resumed safely: those waits end here.
    with op.batch_alter_table('pending_commands', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_commands_person_id'))
    op.drop_table('pending_commands')
    with op.batch_alter_table('tally_edits', schema=None) as batch_op:
        batch_op.drop_column('buttons')
        batch_op.drop_column('text')


def downgrade() -> None:
    with op.batch_alter_table('tally_edits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('buttons', sa.JSON(), nullable=False, server_default='[]'))
    op.create_table('pending_commands',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_pending_commands_person_id_persons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_commands'))
    )
    with op.batch_alter_table('pending_commands', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_commands_person_id'), ['person_id'], unique=False)
    with op.batch_alter_table('waits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waits_expires_at'))
        batch_op.drop_index(batch_op.f('ix_waits_person_id'))
    op.drop_table('waits')
