"""Guardianship links get a status: a further guardian of a child waits for approval

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('guardianships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.Enum('active', 'pending', name='guardian_status',
                                                        native_enum=False, length=16),
                                      server_default='active', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('guardianships', schema=None) as batch_op:
        batch_op.drop_column('status')
