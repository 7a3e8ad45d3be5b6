"""The sandbox's clock: how far it runs ahead of real time

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sandbox_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offset_seconds', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sandbox_clock'))
    )


def downgrade() -> None:
    op.drop_table('sandbox_clock')
