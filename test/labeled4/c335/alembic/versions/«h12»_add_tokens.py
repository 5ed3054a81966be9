"""add tokens

Revision ID: «h12»
Revises: «h12»
"""
revision = "«h12»"
down_revision = "«h12»"


def upgrade():
    op.add_column("users", sa.Column("token_hash", sa.String(64)))
