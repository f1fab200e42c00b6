"""Opens the 全文检索 panel for a window and takes its results to the article or comment.

The window wires it with two lines: ``self.searcher = SearchController(self, before_search=…)``
and ``a.search.triggered.connect(self.searcher.show)`` (编辑 → 全文检索, Ctrl+Shift+F: the one
library-wide search of the window). ``before_search`` saves the words typed so far, so that
they are found too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from storage.library import Library
from ui.search.search_panel import SearchPanel


class SearchHost(Protocol):
    """What the controller needs of the main window."""

    @property
    def library(self) -> Library: ...

    def open_version(self, version_id: int) -> bool: ...

    def select_unit(self, uid: str) -> bool: ...

    def show_comment(self, regulation_id: int, comment_id: int) -> bool: ...


class SearchController(QObject):
    """One non-modal search panel per window, made on first use."""

    def __init__(
        self, window: QWidget, *, before_search: Callable[[], object] | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.before_search = before_search
        self.panel: SearchPanel | None = None

    def _host(self) -> SearchHost:
        return self.window  # type: ignore[return-value]

    def show(self) -> SearchPanel:
        """Show (or bring back) the panel with the words box focused."""
        if self.panel is None:
            self.panel = SearchPanel(lambda: self._host().library, self.window)
            self.panel.setObjectName("full_text_search")
            self.panel.before_search = self.before_search
            self.panel.open_requested.connect(self.open_result)
        self.panel.show()
        self.panel.raise_()
        self.panel.query.setFocus()
        self.panel.query.selectAll()
        return self.panel

    def open_result(
        self, regulation_id: int, version_id: int | None, uid: str, comment_id: int | None
    ) -> bool:
        """Show the version and select the article; for a comment, the regulation's current
        version and the comment in the 意见 tab. False when it cannot be found any more."""
        host = self._host()
        if version_id is None:
            versions = host.library.regulation(regulation_id).versions
            working = [v for v in versions if not v.frozen] or versions
            if not working or not host.open_version(max(v.id for v in working)):
                return False
            return comment_id is not None and host.show_comment(regulation_id, comment_id)
        return host.open_version(version_id) and (not uid or host.select_unit(uid))
