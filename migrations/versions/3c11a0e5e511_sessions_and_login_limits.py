"""sessions end at logout: a session generation per user; login limits per address and account

Revision ID: 3c11a0e5e511
Revises: 0fedb6f91a42
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c11a0e5e511'
down_revision = '0fedb6f91a42'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
