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
    pass


def downgrade():
    pass
