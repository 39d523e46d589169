"""co-planning as a conversation: notifications, mail queue, comment threads, review decisions, invitation details

Revision ID: 3c15b1f6f615
Revises: 3c11a0e5e511
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c15b1f6f615'
down_revision = '3c11a0e5e511'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
