"""weekly highlights, their photos, the weekly digests and the families' thank-yous

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('highlight_digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('state', sa.Enum('published', 'skipped', name='highlight_digest_state', native_enum=False, length=16), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_highlight_digests_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by'], ['persons.id'], name=op.f('fk_highlight_digests_decided_by_persons'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_highlight_digests')),
    sa.UniqueConstraint('class_id', 'week_start', name=op.f('uq_highlight_digests_class_id_week_start'))
    )
    with op.batch_alter_table('highlight_digests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_highlight_digests_class_id'), ['class_id'], unique=False)

    op.create_table('highlights',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('recorded_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('digest_id', sa.Integer(), nullable=True),
    sa.Column('media_group', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_highlights_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['digest_id'], ['highlight_digests.id'], name=op.f('fk_highlights_digest_id_highlight_digests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by'], ['persons.id'], name=op.f('fk_highlights_recorded_by_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_highlights_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_highlights'))
    )
    with op.batch_alter_table('highlights', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_highlights_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_highlights_digest_id'), ['digest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_highlights_student_id'), ['student_id'], unique=False)

    op.create_table('highlight_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('highlight_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=256), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['highlight_id'], ['highlights.id'], name=op.f('fk_highlight_photos_highlight_id_highlights'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_highlight_photos'))
    )
    with op.batch_alter_table('highlight_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_highlight_photos_highlight_id'), ['highlight_id'], unique=False)

    op.create_table('highlight_thanks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('digest_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['digest_id'], ['highlight_digests.id'], name=op.f('fk_highlight_thanks_digest_id_highlight_digests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_highlight_thanks_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_highlight_thanks_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_highlight_thanks')),
    sa.UniqueConstraint('digest_id', 'student_id', 'person_id', name=op.f('uq_highlight_thanks_digest_id_student_id_person_id'))
    )
    with op.batch_alter_table('highlight_thanks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_highlight_thanks_digest_id'), ['digest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_highlight_thanks_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('highlight_thanks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_highlight_thanks_person_id'))
        batch_op.drop_index(batch_op.f('ix_highlight_thanks_digest_id'))

    op.drop_table('highlight_thanks')
    with op.batch_alter_table('highlight_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_highlight_photos_highlight_id'))

    op.drop_table('highlight_photos')
    with op.batch_alter_table('highlights', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_highlights_student_id'))
        batch_op.drop_index(batch_op.f('ix_highlights_digest_id'))
        batch_op.drop_index(batch_op.f('ix_highlights_class_id'))

    op.drop_table('highlights')
    with op.batch_alter_table('highlight_digests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_highlight_digests_class_id'))

    op.drop_table('highlight_digests')
