"""Where the program keeps its files: the user's data folder, or LIFA_DATA_DIR when set."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "lifa-workbench"
DATA_DIR_ENV = "LIFA_DATA_DIR"


def data_dir() -> Path:
    """The data folder (created on demand): the default library, settings and the log live here."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_library_path() -> Path:
    """The embedded default library: one SQLite file in the data folder."""
    return data_dir() / "library.sqlite3"
