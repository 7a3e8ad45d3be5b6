"""WeChat: numbered choices, held photos and a class's WeCom group robot

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('numbered_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=128), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('message_id', sa.String(length=32), nullable=False),
    sa.Column('offered_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_numbered_choices')),
    sa.UniqueConstraint('platform', 'chat_id', 'number', name=op.f('uq_numbered_choices_platform_chat_id_number'))
    )
    op.create_table('held_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.String(length=64), nullable=False),
    sa.Column('file_id', sa.String(length=256), nullable=False),
    sa.Column('held_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_held_photos'))
    )
    op.create_index('ix_held_photos_platform_chat_id', 'held_photos', ['platform', 'chat_id'], unique=False)
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wecom_robot_url', sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column('wecom_robot_id', sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f('ix_classes_wecom_robot_id'), ['wecom_robot_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classes_wecom_robot_id'))
        batch_op.drop_column('wecom_robot_id')
        batch_op.drop_column('wecom_robot_url')
    op.drop_index('ix_held_photos_platform_chat_id', table_name='held_photos')
    op.drop_table('held_photos')
    op.drop_table('numbered_choices')
