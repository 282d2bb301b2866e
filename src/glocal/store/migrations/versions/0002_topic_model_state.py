"""topic model state: level, centroid, model, representatives, merges

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("topics") as batch:
        batch.add_column(sa.Column("level", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("centroid", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("embedding_model", sa.String(length=120), nullable=True))
        batch.add_column(sa.Column("representative_ids", JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_topics_merged_into_id_topics", "topics", ["merged_into_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("topics") as batch:
        batch.drop_constraint("fk_topics_merged_into_id_topics", type_="foreignkey")
        batch.drop_column("merged_into_id")
        batch.drop_column("representative_ids")
        batch.drop_column("embedding_model")
        batch.drop_column("centroid")
        batch.drop_column("level")
