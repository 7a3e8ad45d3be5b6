"""homework cards, occurrences, submissions, versions, media and reviews

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa
import models.base

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('homework_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=32), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('grading', sa.Enum('stars', 'score', 'passed', name='homework_grading', native_enum=False, length=16), nullable=False),
    sa.Column('repeat', sa.Enum('once', 'daily', 'weekdays', name='homework_repeat', native_enum=False, length=16), nullable=False),
    sa.Column('due_time', sa.Time(), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('bot_username', sa.String(length=64), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('next_open_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_homework_cards_class_id_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['persons.id'], name=op.f('fk_homework_cards_created_by_persons'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_cards'))
    )
    with op.batch_alter_table('homework_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_cards_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_cards_next_open_at'), ['next_open_at'], unique=False)

    op.create_table('homework_occurrences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('due_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('opened_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('next_count_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('count_posted_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_nudge_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_summary_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['homework_cards.id'], name=op.f('fk_homework_occurrences_card_id_homework_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['class_id'], ['classes.id'], name=op.f('fk_homework_occurrences_class_id_classes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_occurrences')),
    sa.UniqueConstraint('card_id', 'day', name=op.f('uq_homework_occurrences_card_id_day'))
    )
    with op.batch_alter_table('homework_occurrences', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_occurrences_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_occurrences_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_occurrences_next_count_at'), ['next_count_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_occurrences_next_nudge_at'), ['next_nudge_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_occurrences_next_summary_at'), ['next_summary_at'], unique=False)

    op.create_table('homework_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurrence_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('waiting', 'reviewed', 'redo', name='homework_state', native_enum=False, length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('first_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['occurrence_id'], ['homework_occurrences.id'], name=op.f('fk_homework_submissions_occurrence_id_homework_occurrences'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['student_id'], ['students.id'], name=op.f('fk_homework_submissions_student_id_students'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_submissions')),
    sa.UniqueConstraint('occurrence_id', 'student_id', name=op.f('uq_homework_submissions_occurrence_id_student_id'))
    )
    with op.batch_alter_table('homework_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_submissions_occurrence_id'), ['occurrence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_submissions_student_id'), ['student_id'], unique=False)

    op.create_table('homework_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=True),
    sa.Column('grade', sa.Integer(), nullable=True),
    sa.Column('redo', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reviewer_id'], ['persons.id'], name=op.f('fk_homework_reviews_reviewer_id_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['homework_submissions.id'], name=op.f('fk_homework_reviews_submission_id_homework_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_reviews'))
    )
    with op.batch_alter_table('homework_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_reviews_submission_id'), ['submission_id'], unique=False)

    op.create_table('homework_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('sent_by', sa.Integer(), nullable=True),
    sa.Column('sent_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('media_group', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['sent_by'], ['persons.id'], name=op.f('fk_homework_versions_sent_by_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['homework_submissions.id'], name=op.f('fk_homework_versions_submission_id_homework_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_versions')),
    sa.UniqueConstraint('submission_id', 'number', name=op.f('uq_homework_versions_submission_id_number'))
    )
    with op.batch_alter_table('homework_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_versions_sent_by'), ['sent_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_homework_versions_submission_id'), ['submission_id'], unique=False)

    op.create_table('homework_media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('file_id', sa.String(length=256), nullable=False),
    sa.Column('file_name', sa.String(length=256), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['homework_versions.id'], name=op.f('fk_homework_media_version_id_homework_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_media'))
    )
    with op.batch_alter_table('homework_media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_media_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('homework_media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_media_version_id'))

    op.drop_table('homework_media')
    with op.batch_alter_table('homework_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_versions_submission_id'))
        batch_op.drop_index(batch_op.f('ix_homework_versions_sent_by'))

    op.drop_table('homework_versions')
    with op.batch_alter_table('homework_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_reviews_submission_id'))

    op.drop_table('homework_reviews')
    with op.batch_alter_table('homework_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_submissions_student_id'))
        batch_op.drop_index(batch_op.f('ix_homework_submissions_occurrence_id'))

    op.drop_table('homework_submissions')
    with op.batch_alter_table('homework_occurrences', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_occurrences_next_summary_at'))
        batch_op.drop_index(batch_op.f('ix_homework_occurrences_next_nudge_at'))
        batch_op.drop_index(batch_op.f('ix_homework_occurrences_next_count_at'))
        batch_op.drop_index(batch_op.f('ix_homework_occurrences_class_id'))
        batch_op.drop_index(batch_op.f('ix_homework_occurrences_card_id'))

    op.drop_table('homework_occurrences')
    with op.batch_alter_table('homework_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_cards_next_open_at'))
        batch_op.drop_index(batch_op.f('ix_homework_cards_class_id'))

    op.drop_table('homework_cards')
