"""Fixtures for the window tests: a real SQLite library in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from resources.demo import seed_demo
from storage.library import Library, VersionInfo


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty library file of its own, as ``--db tmp_path/lib.sqlite3`` would open it."""
    lib = Library.open(tmp_path / "lib.sqlite3")
    yield lib
    lib.close()


@pytest.fixture
def demo(library: Library) -> list[VersionInfo]:
    """The two demo drafts: 古城保护条例 (征求意见稿) and 公园条例 (草案), both working."""
    return seed_demo(library)


@pytest.fixture
def window(qtbot: Any, library: Library, demo: list[VersionInfo]) -> Any:
    """The real main window on the demo library, showing the 古城保护条例."""
    from ui.shell.main_window import MainWindow

    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(demo[0].id)
    return win


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record QMessageBox.warning calls (title, text) instead of blocking on a modal box."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def record(parent: object, title: str, text: str, *args: object, **kwargs: object) -> int:
        shown.append((title, text))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown
