"""The window's layout: fits the screen, the text over half the width, 1280×720 usable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDockWidget

from storage.library import Library, VersionInfo
from ui.shell import settings
from ui.shell.main_window import MainWindow


def _front_docks(window: MainWindow) -> list[QDockWidget]:
    return [
        d
        for d in window.findChildren(QDockWidget)
        if d.isVisible() and not d.visibleRegion().isEmpty()
    ]


def test_1280x720_nothing_off_screen(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 720)
    window.apply_default_layout()
    qtbot.wait(10)
    inside = QRect(0, 0, 1280, 720)
    docks = _front_docks(window)
    names = {d.objectName() for d in docks}
    assert {"dock_library", "dock_comments"} <= names  # 意见 in front, not the empty 历史
    for dock in docks:
        assert inside.contains(dock.geometry()), dock.objectName()
    status = window.statusBar()
    assert status.isVisible() and inside.contains(status.geometry())
    editor = window.editing.editor
    assert editor.isVisible() and editor.height() >= 60
    top_left = editor.mapTo(window, editor.rect().topLeft())
    assert inside.contains(QRect(top_left, editor.size()))
    assert window.reading_pane.width() >= 1280 // 2


def test_text_over_half_the_width_at_1920x1080(qtbot: Any, window: MainWindow) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    window.apply_default_layout()
    assert window.reading_pane.width() >= 1920 // 2
    # The outline folds away when dragged shut, giving the text all the centre.
    assert window.splitter.isCollapsible(0)


def test_first_start_maximised_then_remembered_per_screen(
    qtbot: Any, library: Library, demo: list[VersionInfo]
) -> None:
    first = MainWindow(library)
    qtbot.addWidget(first)
    assert first.first_start
    first.show_fitted()
    assert first.windowState() & Qt.WindowState.WindowMaximized
    first.showNormal()
    first.resize(700, 500)  # within the offscreen screen (800×600)
    qtbot.waitUntil(lambda: first.width() == 700)
    first.save_layout()
    key = first.layout_key()
    assert key.startswith("window/") and "x" in key
    assert settings.load_bytes(f"{key}/geometry") is not None
    again = MainWindow(library)
    qtbot.addWidget(again)
    assert not again.first_start
    again.show_fitted()
    qtbot.waitExposed(again)
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert again.width() == 700
