"""the building application: map extracts and application settings

Revision ID: 3c14d3b8b814
Revises: 3c16c2a7a716
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c14d3b8b814'
down_revision = '3c16c2a7a716'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
