"""quick polls, their votes and the salts of anonymous polls

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('question', sa.String(length=200), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('multi', sa.Boolean(), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('until', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_polls_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['persons.id'], name=op.f('fk_polls_created_by_persons'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_polls'))
    )
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_polls_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_polls_until'), ['until'], unique=False)

    op.create_table('poll_salts',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('salt', sa.LargeBinary(length=32), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_salts_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', name=op.f('pk_poll_salts'))
    )
    op.create_table('poll_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('option', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('voter_hash', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_poll_votes_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_votes_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_votes')),
    sa.UniqueConstraint('poll_id', 'person_id', 'option', name=op.f('uq_poll_votes_poll_id_person_id_option')),
    sa.UniqueConstraint('poll_id', 'voter_hash', 'option', name=op.f('uq_poll_votes_poll_id_voter_hash_option'))
    )
    with op.batch_alter_table('poll_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_votes_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_poll_votes_poll_id'), ['poll_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('poll_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_votes_poll_id'))
        batch_op.drop_index(batch_op.f('ix_poll_votes_person_id'))

    op.drop_table('poll_votes')
    op.drop_table('poll_salts')
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_polls_until'))
        batch_op.drop_index(batch_op.f('ix_polls_class_id'))

    op.drop_table('polls')
