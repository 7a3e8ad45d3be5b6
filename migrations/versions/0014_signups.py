"""sign-up lists, their slots and the families who took places

Revision ID: 0014
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signup_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_signup_lists_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['persons.id'], name=op.f('fk_signup_lists_created_by_persons'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signup_lists'))
    )
    with op.batch_alter_table('signup_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signup_lists_class_id'), ['class_id'], unique=False)

    op.create_table('signup_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['list_id'], ['signup_lists.id'], name=op.f('fk_signup_slots_list_id_signup_lists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signup_slots')),
    sa.UniqueConstraint('list_id', 'position', name=op.f('uq_signup_slots_list_id_position'))
    )
    with op.batch_alter_table('signup_slots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signup_slots_list_id'), ['list_id'], unique=False)

    op.create_table('signup_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('family', sa.String(length=24), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('taken_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['list_id'], ['signup_lists.id'], name=op.f('fk_signup_entries_list_id_signup_lists'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_signup_entries_person_id_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['slot_id'], ['signup_slots.id'], name=op.f('fk_signup_entries_slot_id_signup_slots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_signup_entries_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signup_entries')),
    sa.UniqueConstraint('slot_id', 'family', name=op.f('uq_signup_entries_slot_id_family'))
    )
    with op.batch_alter_table('signup_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signup_entries_family'), ['family'], unique=False)
        batch_op.create_index(batch_op.f('ix_signup_entries_list_id'), ['list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signup_entries_slot_id'), ['slot_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('signup_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signup_entries_slot_id'))
        batch_op.drop_index(batch_op.f('ix_signup_entries_list_id'))
        batch_op.drop_index(batch_op.f('ix_signup_entries_family'))

    op.drop_table('signup_entries')
    with op.batch_alter_table('signup_slots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signup_slots_list_id'))

    op.drop_table('signup_slots')
    with op.batch_alter_table('signup_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signup_lists_class_id'))

    op.drop_table('signup_lists')
