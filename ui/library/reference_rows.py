"""参考法规 in the library tree: how the view shows it and how an edit of its facts is stored.

``store_reference_fact`` is the tree model's ``edit_reference`` (the same service as ``app.py
reference edit``); ``fit_tree`` expands the office's regulations (their versions show) and the
参考法规 node (its places show, each reference under its place only on demand: 3,000 rows
would bury the drafts), and shows the 地方/日期/时效性 columns only when there are references
and the dock is wide enough for them beside readable titles (``WIDE_ENOUGH``); otherwise those
facts are in each reference's tooltip and titles are cut in the middle, never all to "…".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTreeView

from ui.library.tree_model import COLUMNS, LibraryModel

if TYPE_CHECKING:
    from storage.library import Library

#: The narrowest tree (px) that shows 地方/日期/时效性 beside the titles: at 1280 px the dock
#: is ~170 px and four columns cut every title to "…".
WIDE_ENOUGH = 420


def store_reference_fact(
    library: Callable[[], Library],
) -> Callable[[int, str, Any], str | None]:
    """The model's ``edit_reference`` over the open library: None when stored, else the
    Chinese reason (an unknown status, the library locked …)."""

    def store(regulation_id: int, name: str, value: Any) -> str | None:
        from storage.library import LibraryError
        from storage.references import update_reference

        try:
            update_reference(library(), regulation_id, **{name: value})
        except LibraryError as exc:
            return str(exc)
        return None

    return store


def fit_tree(view: QTreeView, model: LibraryModel) -> None:
    """Expand the drafts and 参考法规 (not each place); show the reference columns and the
    header only when the library holds references and the view is wide enough for them."""
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        view.setExpanded(index, True)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # 江州市…保护条例, not 江州市古…
    if view.property("fact_columns_watched") is None:
        view.setProperty("fact_columns_watched", True)
        view.installEventFilter(_WidthWatch(view, model))
    show_fact_columns(view, model)
    current = view.currentIndex()
    parent = current.parent()
    while parent.isValid():  # the row selected stays in sight (a reference in its place)
        view.setExpanded(parent, True)
        parent = parent.parent()


def show_fact_columns(view: QTreeView, model: LibraryModel) -> bool:
    """Show the 地方/日期/时效性 columns (and the header) when the library holds references and
    the view is at least WIDE_ENOUGH wide; True when shown."""
    shown = model.references_index().isValid() and view.width() >= WIDE_ENOUGH
    if shown == (not view.isColumnHidden(1)) and view.isHeaderHidden() == (not shown):
        return shown
    view.setHeaderHidden(not shown)
    header = view.header()
    for column in range(1, len(COLUMNS)):
        view.setColumnHidden(column, not shown)
    if shown:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    else:
        header.setStretchLastSection(True)  # the title alone takes the whole width
    return shown


class _WidthWatch(QObject):
    """Shows or hides the fact columns as the dock is dragged wider or narrower."""

    def __init__(self, view: QTreeView, model: LibraryModel) -> None:
        super().__init__(view)
        self._view, self._model = view, model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            show_fact_columns(self._view, self._model)
        return False
