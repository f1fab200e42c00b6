"""The outline (目录) and the reading pane of the text shown, kept in step with the workspace.

``TextViews`` answers the workspace's change notices for these two views: another version is
laid out afresh; an edit of structure moves the outline's rows in place (what is expanded,
selected and scrolled to stays) and lays the reading pane out again; typing patches the words
in both. It also keeps the two views following each other (a click in one selects in the other).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QTreeView

from drafting.model.units import Draft, UnitKind
from ui.shell.workspace import Changes, Workspace
from ui.text.outline_model import OutlineModel
from ui.text.reading_view import ReadingView


class TextViews(QObject):
    """Refreshes and links the outline and the reading pane of one workspace."""

    #: The heading or article selected (None: nothing), for the status bar.
    selection_changed = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        outline_model: OutlineModel,
        outline_view: QTreeView,
        reading_view: ReadingView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.outline_model = outline_model
        self.outline_view = outline_view
        self.reading_view = reading_view
        self._following_text = False  # the outline follows a click in the text: do not scroll

    def wire(self) -> None:
        """Connect the two views to each other."""
        self.outline_view.selectionModel().currentChanged.connect(self._on_outline_current)
        self.reading_view.unit_activated.connect(self._on_text_unit)

    # ---- content ----------------------------------------------------------------------------

    def show_all(self) -> None:
        """Another version (or nothing) is shown: lay both views out afresh."""
        ws = self.workspace
        numbers = ws.numbers() if ws.draft is not None else None
        self.outline_model.set_draft(ws.draft, numbers)
        self.outline_view.expandAll()
        self.reading_view.show_draft(ws.draft, ws.stage, ws.references(), numbers)

    def restage(self) -> None:
        """The version's label changed (the stage line under the title): lay out the text."""
        ws = self.workspace
        if ws.draft is None:
            return
        scroll = self.reading_view.verticalScrollBar().value()
        self.reading_view.show_draft(ws.draft, ws.stage, ws.references(), ws.numbers())
        self.reading_view.verticalScrollBar().setValue(scroll)

    def patch(self, changes: Changes) -> bool:
        """Typing (or a fix): change the words in the reading pane and the outline rows in
        place — a few ms on 民法典, where laying out again takes ~0.2 s. False: refresh."""
        ws = self.workspace
        ctx = ws.context()
        if ctx is None or changes.edit is None or changes.structure:
            return False
        if any(c.field == "label" for c in changes.edit.changes):
            return False  # a printed label: numbers may change (``refresh``)
        edits = [(c.unit_uid, c.before, c.after) for c in changes.edit.changes]
        if not self.reading_view.patch_texts(edits, ws.references()):
            return False
        rows: list[str] = []
        for uid, _old, _new in edits:
            holder = ctx.container(uid, UnitKind.ARTICLE) or ctx.units.get(uid)
            if holder is not None:
                rows.append(holder.uid)
        self.outline_model.refresh_texts(rows)
        return True

    def refresh(self, select_uid: str | None = None, changes: Changes | None = None) -> None:
        """After an edit of structure (``changes``; None: anything may have changed): new
        numbers, rows moved in place, the text laid out again where the edit touched it; the
        selection and the place read stay (``select_uid``, a heading or article, becomes the
        selection)."""
        ws = self.workspace
        draft = ws.draft
        ctx = ws.context()
        if draft is None or ctx is None:
            return
        reading_bar = self.reading_view.verticalScrollBar()
        scroll = reading_bar.value()
        numbers = ws.numbers()
        if self.outline_model.draft is draft:
            edit = changes.edit if changes is not None else None
            headings = (
                self.outline_model.apply_edit(ctx, numbers, edit.inserted, edit.removed, edit.moved)
                if edit is not None
                else None
            )
            if headings is None:
                headings = self.outline_model.restructure(draft, numbers)
            for uid in headings:
                index = self.outline_model.index_for_uid(uid)
                if index.isValid():
                    self.outline_view.setExpanded(index, True)  # new headings open, like the rest
        else:
            self.outline_model.set_draft(draft, numbers)
            self.outline_view.expandAll()
        edit = changes.edit if changes is not None else None
        if edit is None or not self.reading_view.relayout(
            draft,
            ctx,
            numbers,
            ws.references(),
            # A unit whose printed label changed is laid out again with its article.
            (
                *edit.inserted,
                *edit.removed,
                *edit.moved,
                *(c.unit_uid for c in edit.changes if c.field == "label"),
            ),
            [(c.unit_uid, c.before, c.after) for c in edit.changes if c.field != "label"],
        ):
            self.reading_view.show_draft(draft, ws.stage, ws.references(), numbers)
        reading_bar.setValue(scroll)
        self._reselect(draft, select_uid)

    def _reselect(self, draft: Draft, select_uid: str | None) -> None:
        index = self.outline_model.index_for_uid(select_uid) if select_uid else QModelIndex()
        if not index.isValid():
            self.selection_changed.emit(self.selected_uid())
            return
        self._following_text = True  # keep the place read; scroll only if out of sight
        try:
            if self.outline_view.currentIndex() != index:
                self.outline_view.setCurrentIndex(index)
            else:
                self.reading_view.show_unit(select_uid or "", scroll=False)
        finally:
            self._following_text = False
        self.outline_view.scrollTo(index)
        house = self.reading_view.house
        span = house.spans.get(select_uid or "") if house is not None else None
        if span is not None and not self._in_sight(span[0]):
            self.reading_view.show_unit(select_uid or "", scroll=True)
        self.selection_changed.emit(select_uid)

    def _in_sight(self, position: int) -> bool:
        view = self.reading_view
        document = view.document()
        rect = document.documentLayout().blockBoundingRect(document.findBlock(position))
        top = view.verticalScrollBar().value()
        return top <= rect.top() <= top + view.viewport().height() - rect.height()

    # ---- selection --------------------------------------------------------------------------

    def selected_uid(self) -> str | None:
        """The heading or article selected in the outline."""
        unit = self.outline_model.unit_at(self.outline_view.currentIndex())
        return unit.uid if unit is not None else None

    def select_unit(self, uid: str) -> bool:
        """Select a heading or article in the outline (the text scrolls to it)."""
        index = self.outline_model.index_for_uid(uid)
        if index.isValid():
            self.outline_view.setCurrentIndex(index)
            self.outline_view.scrollTo(index)
        return index.isValid()

    def _on_outline_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit = self.outline_model.unit_at(current)
        if unit is None:
            self.selection_changed.emit(None)
            return
        self.reading_view.show_unit(unit.uid, scroll=not self._following_text)
        self.selection_changed.emit(unit.uid)

    def _on_text_unit(self, uid: str) -> None:
        index = self.outline_model.index_for_uid(uid)
        if not index.isValid():
            return
        self._following_text = True
        try:
            self.outline_view.setCurrentIndex(index)
            self.outline_view.scrollTo(index)
        finally:
            self._following_text = False
