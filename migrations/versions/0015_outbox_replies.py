"""replies in the outbox: the edit, reaction and message a reply may carry besides its text

Revision ID: 0015
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edit_message_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('reaction', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('react_to', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('react_to')
        batch_op.drop_column('reaction')
        batch_op.drop_column('edit_message_id')
