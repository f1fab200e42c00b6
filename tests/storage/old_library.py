"""A library file at an older schema revision, as an earlier program version left it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from storage.library import MIGRATIONS_DIR


def library_at_revision(path: Path, revision: str) -> Path:
    """Create ``path`` with the schema of ``revision`` (e.g. "0001") and nothing in it."""
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()
    return path
