"""WeChat: the nonces of signed requests seen recently, with their body's hash

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('wechat_nonces',
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('signed_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('body_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('platform', 'nonce', 'signed_at', name=op.f('pk_wechat_nonces'))
    )


def downgrade() -> None:
    op.drop_table('wechat_nonces')
