"""cost items, financing parameters, the hour ledger with photos and confirmations, the work plan

Revision ID: 3c16c2a7a716
Revises: 3c15b1f6f615
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c16c2a7a716'
down_revision = '3c15b1f6f615'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('cost_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('amount_nok', sa.Double(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cost_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_items_project_id'), ['project_id'], unique=False)

    op.create_table('finance_settings',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('params_json', sa.Text(), nullable=False),
    sa.Column('milestones_json', sa.Text(), nullable=False),
    sa.Column('params_by_id', sa.Integer(), nullable=True),
    sa.Column('params_at', sa.DateTime(), nullable=True),
    sa.Column('milestones_by_id', sa.Integer(), nullable=True),
    sa.Column('milestones_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['milestones_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['params_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.PrimaryKeyConstraint('project_id')
    )
    op.create_table('hour_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.String(length=120), nullable=False),
    sa.Column('contribution_id', sa.String(length=120), nullable=False),
    sa.Column('person', sa.String(length=120), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('hours', sa.Double(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.Column('photo_sha256', sa.String(length=64), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('hour_entries', schema=None) as batch_op:
        batch_op.create_index('ix_hour_entries_project_task', ['project_id', 'household_id', 'contribution_id'],
                              unique=False)

    op.create_table('task_confirmations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.String(length=120), nullable=False),
    sa.Column('contribution_id', sa.String(length=120), nullable=False),
    sa.Column('as_agreed', sa.Boolean(), nullable=False),
    sa.Column('quality_note', sa.Text(), nullable=False),
    sa.Column('hours', sa.Double(), nullable=False),
    sa.Column('ledger_sha256', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task_confirmations', schema=None) as batch_op:
        batch_op.create_index('ix_task_confirmations_project_task',
                              ['project_id', 'household_id', 'contribution_id'], unique=False)


def downgrade():
    with op.batch_alter_table('task_confirmations', schema=None) as batch_op:
        batch_op.drop_index('ix_task_confirmations_project_task')
    op.drop_table('task_confirmations')
    with op.batch_alter_table('hour_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_hour_entries_project_task')
    op.drop_table('hour_entries')
    op.drop_table('finance_settings')
    with op.batch_alter_table('cost_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_items_project_id'))
    op.drop_table('cost_items')
