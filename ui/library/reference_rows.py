"""参考法规 in the library tree: how the view shows it and how an edit of its facts is stored.

``store_reference_fact`` is the tree model's ``edit_reference`` (the same service as ``app.py
reference edit``); ``fit_tree`` expands the office's regulations (their versions show) and the
参考法规 node (its places show, each reference under its place only on demand: 3,000 rows
would bury the drafts), and shows the 地方/日期/时效性 columns only when there are references.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHeaderView, QTreeView

from ui.library.tree_model import COLUMNS, LibraryModel

if TYPE_CHECKING:
    from storage.library import Library


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
    header only when the library holds references."""
    references = model.references_index()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        view.setExpanded(index, True)
    shown = references.isValid()
    view.setHeaderHidden(not shown)
    for column in range(1, len(COLUMNS)):
        view.setColumnHidden(column, not shown)
    if shown:
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    current = view.currentIndex()
    parent = current.parent()
    while parent.isValid():  # the row selected stays in sight (a reference in its place)
        view.setExpanded(parent, True)
        parent = parent.parent()
