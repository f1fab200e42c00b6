"""User settings: one INI file in the data folder (so LIFA_DATA_DIR isolates tests).

Window geometry, dock and splitter state, the list of recently opened libraries, and the
drafter's name (``user/name``), which signs the revisions of a 修改稿.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from storage.paths import data_dir

MAX_RECENT = 8
_RECENT_KEY = "library/recent"
_USER_NAME_KEY = "user/name"
_FOLDER_KEY = "files/last_folder"


def settings_path() -> Path:
    """Where the settings file lives."""
    return data_dir() / "settings.ini"


def open_settings() -> QSettings:
    """The settings store (INI format in the data folder)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def _as_list(value: object) -> list[str]:
    # QSettings returns a str for a one-element list and None for a missing key.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def recent_libraries() -> list[str]:
    """Recently opened libraries, newest first (at most MAX_RECENT)."""
    return _as_list(open_settings().value(_RECENT_KEY))[:MAX_RECENT]


def add_recent_library(location: str) -> list[str]:
    """Put a library at the top of the recent list; returns the new list."""
    items = [location, *[r for r in recent_libraries() if r != location]][:MAX_RECENT]
    store = open_settings()
    store.setValue(_RECENT_KEY, items)
    store.sync()
    return items


def remove_recent_library(location: str) -> list[str]:
    """Drop a library from the recent list (it was moved or deleted); returns the new list."""
    items = [r for r in recent_libraries() if r != location]
    store = open_settings()
    store.setValue(_RECENT_KEY, items)
    store.sync()
    return items


def save_bytes(key: str, value: QByteArray) -> None:
    """Store a Qt state blob (geometry, window state, splitter sizes)."""
    store = open_settings()
    store.setValue(key, value)
    store.sync()


def load_bytes(key: str) -> QByteArray | None:
    """A stored state blob, or None when there is none."""
    value = open_settings().value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    return None


def user_name() -> str:
    """The drafter's name as set (signs tracked changes), "" when never set."""
    value = open_settings().value(_USER_NAME_KEY)
    return value.strip() if isinstance(value, str) else ""


def set_user_name(name: str) -> None:
    """Store the drafter's name."""
    store = open_settings()
    store.setValue(_USER_NAME_KEY, name.strip())
    store.sync()


def documents_folder() -> str:
    """The drafter's documents folder (the home folder where there is none)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


def last_folder() -> str:
    """Where a file dialog starts: the folder last used, else the documents folder (never
    the program's folder)."""
    value = open_settings().value(_FOLDER_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return documents_folder()


def remember_folder(path: Path | str) -> None:
    """Remember the folder of a file just chosen (a folder itself is kept as is)."""
    folder = Path(path)
    if not folder.is_dir():
        folder = folder.parent
    store = open_settings()
    store.setValue(_FOLDER_KEY, str(folder))
    store.sync()
