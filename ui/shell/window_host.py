"""What a feature's controller may use of the window it lives in, without importing the window.

The 意见 controller builds its side tab and status label in the window and follows the outline
and the reading pane; it reads what is open from the workspace. ``MainWindow`` derives from
``WindowHost``; typing the controller against this base instead of ``MainWindow`` keeps the
window → controller import one-way (no cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QMainWindow, QTreeView, QWidget

if TYPE_CHECKING:
    from drafting.model.units import Draft
    from storage.library import Library, VersionInfo
    from ui.shell.actions import Actions
    from ui.shell.workspace import Workspace
    from ui.text.outline_model import OutlineModel
    from ui.text.reading_view import ReadingView


class WindowHost(QMainWindow):
    """The main window as a feature controller sees it: its workspace, actions and views."""

    workspace: Workspace
    acts: Actions
    outline_model: OutlineModel
    outline_view: QTreeView
    reading_view: ReadingView

    @property
    def library(self) -> Library:
        """The open library (the workspace's)."""
        return self.workspace.library

    @property
    def version(self) -> VersionInfo | None:
        """The version shown, or None (the workspace's)."""
        return self.workspace.version

    @property
    def draft(self) -> Draft | None:
        """The text of the version shown, or None (the workspace's)."""
        return self.workspace.draft

    def show_message(self, text: str) -> None:
        """A status-bar message that stays until the next one."""
        self.statusBar().showMessage(text)

    def add_side_tab(self, name: str, widget: QWidget, object_name: str = "") -> QDockWidget:
        """A docked tab on the right, tabbed with the others."""
        raise NotImplementedError

    def select_unit(self, uid: str) -> bool:
        """Select a heading or article in the outline (the text scrolls to it)."""
        raise NotImplementedError
