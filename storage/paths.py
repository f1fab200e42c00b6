"""Where the program keeps its files: the user's data folder, or LIFA_DATA_DIR when set."""

from __future__ import annotations

import logging
import os
from pathlib import Path

APP_NAME = "lifa-workbench"
DATA_DIR_ENV = "LIFA_DATA_DIR"
LOG_NAME = "lifa.log"


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


def log_path() -> Path:
    """The log file in the data folder."""
    return data_dir() / LOG_NAME


def setup_logging() -> Path:
    """Send the program's log (the "lifa" loggers) to the data folder's log file; its path.

    Both doors call it: the window, and the headless commands — without a handler Python
    prints every warning on stderr (its last-resort handler), so a driver's English detail
    would reach the drafter before the one-line Chinese reason. Called again after the data
    folder changed (tests), it moves the log to the new folder.
    """
    path = log_path()
    root = logging.getLogger("lifa")
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)
            handler.close()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
