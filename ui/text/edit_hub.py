"""Structured editing in the main window: the editor, the 检查 and 援引 tabs and autosave.

The hub builds the editing widgets, connects them (``wire``, called from the window's one
wiring block) and answers the 编辑/插入 actions by calling the EditController. Every change
comes back as one ``draft_changed`` signal: the window's views refresh from it (structure at
once, typing debounced) and autosave, checks and the 援引 tab follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
)
from shiboken6 import isValid

from drafting.edit.checks import Finding
from drafting.edit.operations import EditResult
from drafting.model.positions import Context
from drafting.model.references import ReferenceIndex
from drafting.model.units import Draft, UnitKind
from ui.text.autosave import AutoSaver
from ui.text.checks_panel import ChecksPanel
from ui.text.edit_controller import (
    PLACEHOLDER,
    EditController,
    editable_field,
    text_units,
    unit_title,
)
from ui.text.references_panel import ReferencesPanel, target_label
from ui.text.unit_editor import UnitEditor

if TYPE_CHECKING:
    from storage.library import VersionInfo
    from ui.shell.main_window import MainWindow

#: While typing, the reading pane and outline refresh this long after the last keystroke (ms).
TYPING_REFRESH_MS = 150

_INSERT_KINDS = {
    "article": UnitKind.ARTICLE,
    "paragraph": UnitKind.PARAGRAPH,
    "item": UnitKind.ITEM,
    "subitem": UnitKind.SUBITEM,
    "chapter": UnitKind.CHAPTER,
    "section": UnitKind.SECTION,
}


class EditHub(QObject):
    """Owns the editing parts of one main window and connects them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = EditController(self)
        self.editor = UnitEditor()
        self.checks = ChecksPanel()
        self.references_panel = ReferencesPanel()
        self.autosave = AutoSaver(window, lambda: window.library)
        self.save_label = QLabel()
        self.save_label.setObjectName("save_label")
        self._version: VersionInfo | None = None
        self._pending: str | None = None  # unit to select after the debounced refresh
        self._ctx: Context | None = None  # positions of the draft as it is; None after a change
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(TYPING_REFRESH_MS)

        # The editor goes under the reading pane, in a splitter the drafter can drag.
        pane = window.reading_pane.layout()
        assert isinstance(pane, QVBoxLayout)
        pane.removeWidget(window.reading_view)
        self.text_splitter = QSplitter(Qt.Orientation.Vertical)
        self.text_splitter.setObjectName("text_splitter")
        self.text_splitter.addWidget(window.reading_view)
        self.text_splitter.addWidget(self.editor)
        self.text_splitter.setStretchFactor(0, 1)
        self.text_splitter.setStretchFactor(1, 0)
        self.text_splitter.setChildrenCollapsible(False)
        self.text_splitter.setSizes([700, 140])
        pane.addWidget(self.text_splitter, 1)
        self.checks_dock = window.add_side_tab(window.tr("检查"), self.checks, "dock_checks")
        self.references_dock = window.add_side_tab(
            window.tr("援引"), self.references_panel, "dock_references"
        )
        # Tabbing adds each new dock in front; keep the first side tab in front as before.
        window.side_tabs()[0].raise_()
        window.statusBar().insertPermanentWidget(0, self.save_label)

        outline = window.outline_view
        outline.setDragEnabled(True)
        outline.setAcceptDrops(True)
        outline.setDropIndicatorShown(True)
        outline.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        window.outline_model.mover = self.move_from_drop
        window.reading_view.link_tooltip = self.link_tooltip
        # Delete works on the outline row only: in the editor it deletes characters.
        delete = window.acts.delete_unit
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        outline.addAction(delete)

    # ---- wiring -----------------------------------------------------------------------------

    def wire(self) -> None:
        """Connect actions and widgets; called first in the window's wiring block, so that a
        comparison sees the text saved."""
        a = self.window.acts
        w = self.window
        # A comparison reads the versions from the library: the text on screen first.
        # (冻结 and 新建工作稿 ask through VersionController.save_pending.)
        for action in (a.compare_with_parent, a.compare_versions):
            action.triggered.connect(self.autosave.save_now)
        w.history_view.compare_requested.connect(self.autosave.save_now)
        a.save.triggered.connect(self.save_now)
        a.undo.triggered.connect(self.controller.undo)
        a.redo.triggered.connect(self.controller.redo)
        stack = self.controller.stack
        stack.canUndoChanged.connect(self._on_stack_changed)
        stack.canRedoChanged.connect(self._on_stack_changed)
        stack.undoTextChanged.connect(self._on_stack_changed)
        stack.redoTextChanged.connect(self._on_stack_changed)
        for name, kind in _INSERT_KINDS.items():
            for after in (True, False):
                action = getattr(a, f"insert_{name}_{'after' if after else 'before'}")
                action.triggered.connect(
                    lambda _c=False, k=kind, af=after: self.insert(k, after=af)
                )
        a.insert_article_amendment.triggered.connect(self.insert_amendment)
        a.delete_unit.triggered.connect(self.delete_selected)
        a.delete_text_unit.triggered.connect(self.delete_text_unit)
        a.move_up.triggered.connect(lambda: self._on_outline_unit(self.controller.move_up))
        a.move_down.triggered.connect(lambda: self._on_outline_unit(self.controller.move_down))
        a.split_article.triggered.connect(self.split_at_cursor)
        a.merge_articles.triggered.connect(self.merge_with_next)
        self.controller.draft_changed.connect(self._on_draft_changed)
        self.controller.error.connect(self._on_error)
        self.editor.text_edited.connect(
            lambda uid, field, value: self.controller.edit_text(uid, value, field)
        )
        self.refresh_timer.timeout.connect(self._refresh)
        w.reading_view.text_unit_activated.connect(self.edit_unit)
        w.reading_view.anchorClicked.connect(self._on_anchor)
        w.outline_view.selectionModel().currentChanged.connect(self._on_outline_current)
        self.checks.jump_requested.connect(self.jump_to_finding)
        self.checks.fix_requested.connect(self.controller.fix)
        self.checks.fix_all_requested.connect(self.controller.fix_all)
        self.references_panel.jump_requested.connect(self.jump_to)
        self.autosave.status_changed.connect(self.save_label.setText)
        self._update_actions()

    # ---- the version shown ------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when nothing can be edited (frozen version, or nothing shown)."""
        return self.controller.read_only

    def references(self) -> ReferenceIndex | None:
        """The bound references of the draft shown (for links in the reading pane)."""
        return self.controller.session.index if self.controller.draft is not None else None

    def load(self, version: VersionInfo | None, draft: Draft | None) -> None:
        """Another version is shown: edit it (or show it read-only when frozen)."""
        self.refresh_timer.stop()
        self._version = version
        frozen = version is None or version.frozen
        self.controller.set_draft(draft, read_only=frozen)
        self.autosave.track(None if frozen or version is None else version.id, draft)
        self.editor.set_read_only(frozen)
        self.editor.bind(None, "", "")
        self.checks.set_draft(draft, self.references(), read_only=frozen)
        self.references_panel.show_article(None, None, None)
        self._update_actions()

    def set_version(self, version: VersionInfo | None) -> None:
        """The same version with new details (it may have been frozen just now)."""
        if version is None or self._version is None or version.id != self._version.id:
            return
        self._version = version
        if version.frozen and not self.controller.read_only:
            self.autosave.save_now()
            self.autosave.track(None, None)
        self.controller.set_read_only(version.frozen)
        self.editor.set_read_only(version.frozen)
        self.checks.set_read_only(version.frozen)
        self._update_actions()

    def save_pending(self) -> bool:
        """Save the edits not yet in the library now (False if that failed)."""
        self.flush()
        return self.autosave.save_now()

    def before_switch(self) -> bool:
        """Another version or library is about to be shown: save now. If that fails, ask:
        重试, 丢弃 (True: the edits go) or 取消 (False: the caller stays where it is)."""
        while not self.save_pending():
            answer = QMessageBox.question(
                self.window,
                self.window.tr("修改未能保存"),
                self.window.tr(
                    "工作稿的修改未能保存到法规库。\n\n"
                    # The buttons as Qt's Chinese translation names them: 重试 / 丢弃 / 取消.
                    "重试：再保存一次；\n丢弃：放弃这些修改，打开另一稿次或法规库；\n"
                    "取消：留在当前工作稿，修改仍保留在程序中。"
                ),
                QMessageBox.StandardButton.Retry
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Retry:
                continue
            if answer != QMessageBox.StandardButton.Discard:
                return False
            # Dropped on purpose: nothing may try to save them again (and ask again).
            self.autosave.track(None, None)
            return True
        return True

    def may_close(self) -> bool:
        """The window is closing: save; if that fails, ask before the edits are lost."""
        if self.save_pending():
            return True
        return self._confirm(
            self.window.tr("修改未能保存"),
            self.window.tr("工作稿的修改未能保存到法规库，关闭后这些修改将丢失。仍要关闭吗？"),
        )

    def save_now(self) -> bool:
        """Ctrl+S: save the working draft at once."""
        self.flush()
        saved = self.autosave.save_now()
        if saved and self.controller.draft is not None and not self.read_only:
            self.window.show_message(self.window.tr("已保存到法规库"))
        return saved

    def flush(self) -> None:
        """Bring the views up to date at once (a refresh waiting for typing to pause)."""
        if self.refresh_timer.isActive():
            self.refresh_timer.stop()
            self._refresh()

    def _on_stack_changed(self, *_args: object) -> None:
        # The stack also signals while the window is being destroyed, after its actions.
        if isValid(self.window.acts.undo):
            self._update_actions()

    def _update_actions(self) -> None:
        a = self.window.acts
        stack = self.controller.stack
        a.undo.setStatusTip(self.window.tr("撤销：{0}").format(stack.undoText()))
        a.redo.setStatusTip(self.window.tr("重做：{0}").format(stack.redoText()))
        editable = not self.controller.read_only
        for action in a.editing_actions():
            action.setEnabled(editable)
        a.undo.setEnabled(editable and self.controller.stack.canUndo())
        a.redo.setEnabled(editable and self.controller.stack.canRedo())
        a.save.setEnabled(editable)

    # ---- what the drafter is at -------------------------------------------------------------

    def outline_uid(self) -> str | None:
        """The heading or article selected in the outline."""
        unit = self.window.outline_model.unit_at(self.window.outline_view.currentIndex())
        return unit.uid if unit is not None else None

    def current_uid(self) -> str | None:
        """The unit being edited, else the outline's selection."""
        return self.editor.uid or self.outline_uid()

    def edit_unit(self, uid: str) -> None:
        """Show a unit's words in the editor (an article: its first 款)."""
        draft = self.controller.draft
        unit = draft.find(uid) if draft is not None else None
        if draft is None or unit is None:
            self.editor.bind(None, "", "")
            return
        if unit.kind is UnitKind.ARTICLE:
            lines = text_units(unit)
            if not lines:
                return
            unit = lines[0]
        if unit.uid != self.editor.uid:
            self.controller.end_typing()
        field = editable_field(unit)
        self.editor.bind(
            unit.uid, unit_title(draft, unit.uid, self.context()), getattr(unit, field), field
        )

    def _on_outline_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit = self.window.outline_model.unit_at(current)
        draft = self.controller.draft
        if unit is None or draft is None:
            return
        # Keep the editor where it is when it is already inside this article (a click on its
        # second 款 selects the article in the outline too).
        if self.editor.uid is None or not any(u.uid == self.editor.uid for u in unit.walk()):
            self.edit_unit(unit.uid)
        elif unit.kind.is_heading and self.editor.uid != unit.uid:
            self.edit_unit(unit.uid)
        self.references_panel.show_article(draft, self.references(), unit.uid, self.context())

    # ---- edits ------------------------------------------------------------------------------

    def insert(self, kind: UnitKind, *, after: bool = True) -> str | None:
        """插入 a unit before/after the current place; its placeholder is selected to type over."""
        uid = self.controller.insert(kind, self.current_uid(), after=after)
        if uid is not None:
            self._show_new(uid)
        return uid

    def insert_amendment(self) -> str | None:
        """插入条（保留原有编号，之一）."""
        uid = self.controller.insert_amendment(self.current_uid())
        if uid is not None:
            self._show_new(uid)
        return uid

    def _show_new(self, uid: str) -> None:
        self.jump_to(uid)
        self.edit_unit(uid)
        if self.editor.value() in (PLACEHOLDER, *("（新章）", "（新节）", "（新编）")):
            self.editor.select_all_words()

    def delete_selected(self) -> None:
        """删除 the heading or article selected in the outline (a chapter with articles asks)."""
        uid = self.outline_uid()
        draft = self.controller.draft
        if uid is None or draft is None or self.read_only:
            if self.read_only and draft is not None:
                self.controller.delete(uid or "")  # says it is frozen
            return
        unit = draft.find(uid)
        if unit is not None and unit.kind.is_heading:
            count = sum(1 for u in unit.walk() if u.kind is UnitKind.ARTICLE)
            if count and not self._confirm(
                self.window.tr("删除{0}").format(unit_title(draft, uid).removesuffix("标题")),
                self.window.tr(
                    "这一部分包含 {0} 条，将一并删除。可以用“撤销”恢复。确定删除吗？"
                ).format(count),
            ):
                return
        self._select_after_delete(uid)
        self.controller.delete(uid)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _select_after_delete(self, uid: str) -> None:
        draft = self.controller.draft
        if draft is None:
            return
        ctx = Context(draft)
        siblings = ctx.siblings(uid)
        pos = ctx.position[uid]
        others = [u for u in siblings if u.uid != uid]
        near = others[min(pos, len(others) - 1)] if others else ctx.parent.get(uid)
        self._pending = near.uid if near is not None else None

    def delete_text_unit(self) -> None:
        """删除当前款/项: the 款, 项 or 目 in the editor."""
        uid = self.editor.uid
        draft = self.controller.draft
        if uid is None or draft is None:
            return
        unit = draft.find(uid)
        if unit is None or unit.kind.is_heading:
            self.window.show_message(
                self.window.tr("编辑框中不是款或项；删除条、章请在目录中选择后删除")
            )
            return
        article = Context(draft).container(uid, UnitKind.ARTICLE)
        self._pending = article.uid if article is not None else None
        self.editor.bind(None, "", "")
        self.controller.delete(uid)

    def _on_outline_unit(self, do: object) -> None:
        uid = self.outline_uid()
        if uid is None:
            self.window.show_message(self.window.tr("请先在目录中选择一条"))
            return
        self._pending = uid
        do(uid)  # type: ignore[operator]

    def move_from_drop(self, uid: str, parent_uid: str | None, index: int) -> bool:
        """A row dropped in the outline: move the unit there as one undo step."""
        self._pending = uid
        return self.controller.move_to(uid, parent_uid, index) is not None

    def split_at_cursor(self) -> None:
        """在光标处拆分条文: the editor's cursor splits its 款 and the article."""
        uid = self.editor.uid
        if uid is None:
            self.window.show_message(self.window.tr("请把光标放在某一款的文字中再拆分"))
            return
        offset = self.editor.cursor_offset()
        result = self.controller.split(uid, offset)
        if result is not None and result.inserted:
            draft = self.controller.draft
            assert draft is not None
            new_article = draft.find(result.inserted[0])
            if new_article is not None:
                self.jump_to(new_article.uid)
                self.edit_unit(new_article.uid)

    def merge_with_next(self) -> None:
        """与下一条合并."""
        uid = self.outline_uid() or self.editor.uid
        if uid is None:
            self.window.show_message(self.window.tr("请先选择一条"))
            return
        draft = self.controller.draft
        article = Context(draft).container(uid, UnitKind.ARTICLE) if draft is not None else None
        self._pending = article.uid if article is not None else uid
        self.controller.merge(uid)

    # ---- after every change -----------------------------------------------------------------

    def context(self) -> Context | None:
        """Positions and numbers of the draft as it is now (built once per change)."""
        draft = self.controller.draft
        if draft is None:
            return None
        if self._ctx is None or self._ctx.draft is not draft:
            self._ctx = Context(draft)
        return self._ctx

    def _on_draft_changed(self, result: EditResult) -> None:
        self._ctx = None
        if result.inserted and self._pending is None:
            # What was inserted (or brought back by an undo) becomes the selection.
            ctx = self.context()
            if ctx is not None and result.inserted[0] in ctx.units:
                first = result.inserted[0]
                holder = ctx.container(first, UnitKind.ARTICLE) or ctx.units[first]
                self._pending = holder.uid
        self.autosave.note_changes(result.touched)
        self.checks.schedule()
        structural = bool(result.inserted or result.removed or result.moved)
        if structural or not self._patch(result):
            self.refresh_timer.stop()
            self._refresh()
        else:
            self._sync_editor()
        if result.problems:
            labels = "、".join(p.text for p in result.problems[:3])
            self.window.show_message(
                self.window.tr("有 {0} 处援引因这次修改失效或需核对：{1}").format(
                    len(result.problems), labels
                )
            )

    def _patch(self, result: EditResult) -> bool:
        """Typing (or a fix): change the words in the reading pane and the outline row in
        place — a few ms on 民法典, where laying out again takes ~0.2 s."""
        draft = self.controller.draft
        if draft is None or self.refresh_timer.isActive():
            return False
        ctx = self.context()
        assert ctx is not None
        changes = [(c.unit_uid, c.before, c.after) for c in result.changes]
        if not self.window.reading_view.patch_texts(changes, self.references()):
            return False
        rows: list[str] = []
        for uid, _old, _new in changes:
            holder = ctx.container(uid, UnitKind.ARTICLE) or ctx.units.get(uid)
            if holder is not None:
                rows.append(holder.uid)
        self.window.outline_model.refresh_texts(rows)
        self.references_panel.show_article(draft, self.references(), self.outline_uid(), ctx)
        return True

    def _refresh(self) -> None:
        draft = self.controller.draft
        if draft is None:
            return
        select = self._pending or self.outline_uid()
        self._pending = None
        if select is not None and draft.find(select) is None:
            select = None
        self.window.refresh_views(select)
        self._sync_editor()
        outline = self.outline_uid()
        self.references_panel.show_article(draft, self.references(), outline, self.context())

    def _sync_editor(self) -> None:
        draft = self.controller.draft
        uid = self.editor.uid
        if draft is None or uid is None:
            return
        unit = draft.find(uid)
        if unit is None:
            outline = self.outline_uid()
            if outline is not None:
                self.edit_unit(outline)
            else:
                self.editor.bind(None, "", "")
            return
        self.editor.sync(
            uid, unit_title(draft, uid, self.context()), getattr(unit, editable_field(unit))
        )

    def _on_error(self, message: str) -> None:
        # The status bar, not a modal box: a refused edit should not interrupt typing.
        self.window.show_message(message)
        QApplication.beep()

    # ---- jumping ----------------------------------------------------------------------------

    def jump_to(self, uid: str) -> bool:
        """Select the heading or article holding ``uid`` and show ``uid`` in the editor."""
        draft = self.controller.draft
        if draft is None:
            return False
        ctx = self.context() or Context(draft)
        unit = ctx.units.get(uid)
        if unit is None:
            return False
        holder = ctx.container(uid, UnitKind.ARTICLE) or unit
        self.window.select_unit(holder.uid)
        self.edit_unit(uid)
        return True

    def jump_to_finding(self, finding: Finding) -> None:
        """A double-click in 检查: go to the unit and select the words found."""
        if finding.unit_uid is None or not self.jump_to(finding.unit_uid):
            return
        if finding.end > finding.start:
            self.editor.select_span(finding.start, finding.end)

    def follow_link(self, href: str) -> bool:
        """A reference link clicked in the reading pane: go to its target."""
        house = self.window.reading_view.house
        ref = house.reference_at(href) if house is not None else None
        if ref is None or not ref.targets:
            if ref is not None:
                self.window.show_message(ref.detail or self.window.tr("该援引没有可跳转的目标"))
            return False
        return self.jump_to(ref.targets[0])

    def _on_anchor(self, url: QUrl) -> None:
        self.follow_link(url.toString())

    def link_tooltip(self, href: str) -> str:
        """Hovering a reference: the target named and its words."""
        house = self.window.reading_view.house
        draft = self.controller.draft
        ref = house.reference_at(href) if house is not None else None
        if ref is None or draft is None:
            return ""
        ctx = self.context() or Context(draft)
        lines = [f"{target_label(ctx, ref)}"]
        for uid in ref.targets[:2]:
            unit = ctx.units.get(uid)
            if unit is None:
                continue
            words = unit.heading if unit.kind.is_heading else _words(unit)
            lines.append(words if len(words) <= 200 else words[:200] + "…")
        if ref.detail:
            lines.append(f"（{ref.detail}）")
        return "\n".join(lines)


def _words(unit: object) -> str:
    from drafting.model.units import Unit

    assert isinstance(unit, Unit)
    if unit.kind is UnitKind.ARTICLE:
        return "\n".join(u.text for u in text_units(unit))
    parts = [u.text for u in unit.walk() if u.text]
    return "\n".join(parts)
