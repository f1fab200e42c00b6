"""Structured editing of the text shown: the editor, the 检查 and 援引 tabs and autosave.

The hub owns the editing widgets (the window places them), connects them (``wire``, called from
the window's one wiring block) and answers the 编辑/插入 actions through the EditController.
It takes the workspace and the text views, never the window: every change comes back as the
workspace's one change notice; the hub refreshes the text views from it (structure at once,
typing patched in place or debounced) and autosave, checks and the 援引 tab follow.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from drafting.edit.checks import Finding
from drafting.edit.citations import citation_lines, citations_of, without_citations
from drafting.edit.operations import EditText
from drafting.edit.paste import plan_paste
from drafting.edit.placement import PLACEHOLDERS
from drafting.edit.unit_titles import editable_field, text_units, unit_title, unit_words
from drafting.model.positions import Context
from drafting.model.references import BROKEN, STALE, Reference, ReferenceIndex
from drafting.model.units import UnitKind
from ui.shell.actions import Actions
from ui.shell.workspace import Changes, Workspace
from ui.text.autosave import AutoSaver
from ui.text.checks_panel import ChecksPanel
from ui.text.edit_controller import EditController
from ui.text.edit_journal import EditJournal
from ui.text.paste_preview import PastePreviewDialog
from ui.text.references_panel import ReferencesPanel, target_label
from ui.text.text_views import TextViews
from ui.text.unit_editor import UnitEditor

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
    """Owns the editing parts of the text room and connects them to the workspace."""

    def __init__(
        self, workspace: Workspace, views: TextViews, acts: Actions, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.views = views
        self.acts = acts
        self._parent = parent  # the window, for message boxes only
        self.controller = EditController(workspace, self)
        self.editor = UnitEditor()
        self.checks = ChecksPanel()
        self.checks.source = lambda: (workspace.draft, workspace.references())
        self.checks.context = workspace.context
        self.references_panel = ReferencesPanel()
        self.autosave = AutoSaver(parent, lambda: workspace.library)
        # Citations of deleted units kept marked stay so in the library (not re-resolved).
        self.autosave.marks = lambda draft: (
            index.marks(draft) if (index := workspace.references()) is not None else ()
        )
        #: The words typed since the last save, on disk at once (crash recovery).
        self.journal = EditJournal()
        self.save_label = QLabel()
        self.save_label.setObjectName("save_label")
        self._pending: str | None = None  # unit to select after the debounced refresh
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(TYPING_REFRESH_MS)

        outline = views.outline_view
        outline.setDragEnabled(True)
        outline.setAcceptDrops(True)
        outline.setDropIndicatorShown(True)
        outline.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        views.reading_view.link_tooltip = self.link_tooltip
        # Delete works on the outline row only: in the editor it deletes characters.
        delete = acts.delete_unit
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        outline.addAction(delete)

    # ---- wiring -----------------------------------------------------------------------------

    def wire(self) -> None:
        """Connect actions and widgets; called first in the window's wiring block, so that a
        comparison sees the text saved."""
        a = self.acts
        # A comparison reads the versions from the library: the text on screen first.
        # (冻结 and 新建工作稿 ask through VersionController.save_pending.)
        for action in (a.compare_with_parent, a.compare_versions):
            action.triggered.connect(self.autosave.save_now)
        a.save.triggered.connect(self.save_now)
        a.undo.triggered.connect(self.controller.undo)
        a.redo.triggered.connect(self.controller.redo)
        stack = self.workspace.stack
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
        a.renumber_all.triggered.connect(lambda: self.renumber(whole=True))
        a.renumber_list.triggered.connect(lambda: self.renumber(whole=False))
        self.workspace.changed.connect(self._on_changed)
        self.workspace.refused.connect(self._on_error)
        self.editor.text_edited.connect(
            lambda uid, field, value: self.controller.edit_text(uid, value, field)
        )
        self.editor.split_requested.connect(self.split_unit)
        self.editor.paste_requested.connect(self.paste_paragraphs)
        self.refresh_timer.timeout.connect(self._refresh)
        r = self.views.reading_view
        r.text_unit_activated.connect(self.edit_unit)
        r.anchorClicked.connect(self._on_anchor)
        self.views.outline_view.selectionModel().currentChanged.connect(self._on_outline_current)
        self.checks.jump_requested.connect(self.jump_to_finding)
        self.checks.fix_requested.connect(self.controller.fix)
        self.checks.fix_all_requested.connect(self.controller.fix_all)
        self.references_panel.jump_requested.connect(self.jump_to)
        self.autosave.status_changed.connect(self.save_label.setText)
        # A save conflict settled (保存冲突): the merged text is what the window edits now.
        self.autosave.resolved.connect(
            lambda draft: self.workspace.show(
                self.workspace.version, draft, operation="合并保存冲突"
            )
        )
        self.autosave.status_changed.connect(self._after_save)
        self._update_actions()

    def move_from_drop(self, uid: str, parent_uid: str | None, index: int) -> bool:
        """A row dropped in the outline: move the unit there as one undo step."""
        self._pending = uid
        return self.controller.move_to(uid, parent_uid, index) is not None

    # ---- the version shown ------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when nothing can be edited (frozen version, or nothing shown)."""
        return self.workspace.read_only

    def references(self) -> ReferenceIndex | None:
        """The bound references of the draft shown (for links in the reading pane)."""
        return self.workspace.references()

    def _load(self) -> None:
        """Another version is shown: edit it (or show it read-only when frozen)."""
        self.refresh_timer.stop()
        self._pending = None
        ws = self.workspace
        version = ws.version
        frozen = ws.read_only
        self.autosave.track(None if frozen or version is None else version.id, ws.draft)
        self.views.show_all()
        self.editor.set_read_only(frozen)
        self.editor.bind(None, "", "")
        self.checks.reload(read_only=frozen)
        self.references_panel.show_article(None, None, None)
        self._update_actions()

    def _on_read_only(self) -> None:
        """The same version with new details: it may have been frozen just now."""
        frozen = self.workspace.read_only
        if frozen:
            # Frozen while shown: what is on screen goes in, then nothing more is saved to it.
            self.autosave.save_now()
            self.autosave.track(None, None)
        self.editor.set_read_only(frozen)
        self.checks.set_read_only(frozen)
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
                self._parent,
                self.tr("修改未能保存"),
                self.tr(
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

    def _after_save(self, _status: str) -> None:
        if not self.autosave.dirty:
            self.journal.clear()  # everything typed is in the library now

    def may_close(self) -> bool:
        """The window is closing: save; if that fails, ask before the edits are lost."""
        if self.save_pending():
            return True
        return self._confirm(
            self.tr("修改未能保存"),
            self.tr("工作稿的修改未能保存到法规库，关闭后这些修改将丢失。仍要关闭吗？"),
        )

    def save_now(self) -> bool:
        """Ctrl+S: save the working draft at once."""
        self.flush()
        saved = self.autosave.save_now()
        if saved and self.workspace.draft is not None and not self.read_only:
            self.workspace.say(self.tr("已保存到法规库"))
        return saved

    def flush(self) -> None:
        """Bring the views up to date at once (a refresh waiting for typing to pause)."""
        if self.refresh_timer.isActive():
            self.refresh_timer.stop()
            self._refresh()

    def _on_stack_changed(self, *_args: object) -> None:
        # The stack also signals while the window is being destroyed, after its actions.
        if isValid(self.acts.undo) and isValid(self.workspace.stack):
            self._update_actions()

    def _update_actions(self) -> None:
        a = self.acts
        stack = self.workspace.stack
        for action, tip in (
            (a.undo, self.tr("撤销：{0}").format(stack.undoText())),
            (a.redo, self.tr("重做：{0}").format(stack.redoText())),
        ):
            if action.statusTip() != tip:  # several stack signals per keystroke: set once
                action.setStatusTip(tip)
        editable = not self.workspace.read_only
        for action in a.editing_actions():
            action.setEnabled(editable)
        a.undo.setEnabled(editable and stack.canUndo())
        a.redo.setEnabled(editable and stack.canRedo())
        a.save.setEnabled(editable)

    # ---- what the drafter is at -------------------------------------------------------------

    def outline_uid(self) -> str | None:
        """The heading or article selected in the outline."""
        return self.views.selected_uid()

    def current_uid(self) -> str | None:
        """The unit being edited, else the outline's selection."""
        return self.editor.uid or self.outline_uid()

    def edit_unit(self, uid: str) -> None:
        """Show a unit's words in the editor (an article: its first 款)."""
        draft = self.workspace.draft
        ctx = self.workspace.context()
        unit = ctx.units.get(uid) if ctx is not None else None
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
        unit = self.views.outline_model.unit_at(current)
        draft = self.workspace.draft
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
        if self.editor.value() in PLACEHOLDERS:
            self.editor.select_all_words()

    def delete_selected(self) -> None:
        """删除 the heading or article selected in the outline (a chapter with articles asks)."""
        uid = self.outline_uid()
        draft = self.workspace.draft
        if uid is None or draft is None or self.read_only:
            if self.read_only and draft is not None:
                self.controller.delete(uid or "")  # says it is frozen
            return
        unit = draft.find(uid)
        if unit is not None and unit.kind.is_heading:
            count = sum(1 for u in unit.walk() if u.kind is UnitKind.ARTICLE)
            index = self.references()
            refs = citations_of(draft, index, uid) if index is not None else []
            # A whole part: its citations are named in the one question and kept, marked in 检查.
            cited = (
                self.tr("\n\n其中的条文被 {0} 处援引，删除后将在“检查”中标为失效：\n").format(
                    len(refs)
                )
                + "\n".join(citation_lines(draft, refs, self.context())[:8])
                if refs
                else ""
            )
            if count and not self._confirm(
                self.tr("删除{0}").format(
                    unit_title(draft, uid, self.context()).removesuffix("标题")
                ),
                self.tr("这一部分包含 {0} 条，将一并删除。可以用“撤销”恢复。确定删除吗？").format(
                    count
                )
                + cited,
            ):
                return
            self._select_after_delete(uid)
            self.controller.delete(uid)
            return
        keep = self._ask_citations(uid)
        if keep is None:
            return
        self._select_after_delete(uid)
        self._delete_with_citations(uid, keep)

    def _ask_citations(self, uid: str) -> bool | None:
        """Before deleting a cited unit: list the citations and ask. True: keep them (marked
        as broken in 检查); False: delete them too; None: 取消. True when nothing cites it."""
        draft = self.workspace.draft
        index = self.references()
        if draft is None or index is None:
            return True
        refs = citations_of(draft, index, uid)
        if not refs:
            return True
        lines = citation_lines(draft, refs, self.context())
        shown = "\n".join(lines[:12]) + (
            self.tr("\n……等共 {0} 处").format(len(lines)) if len(lines) > 12 else ""
        )
        box = QMessageBox(self._parent)
        box.setObjectName("delete_cited")
        box.setIcon(QMessageBox.Icon.Question)
        unit = draft.find(uid)
        whole = unit is None or unit.kind is UnitKind.ARTICLE
        box.setWindowTitle(self.tr("删除被援引的条文") if whole else self.tr("删除被援引的条款"))
        box.setText(
            self.tr("“{0}”被以下 {1} 处援引，删除后这些援引将失去所指：").format(
                unit_title(draft, uid, self.context()), len(refs)
            )
        )
        box.setInformativeText(shown)
        delete_them = box.addButton(self.tr("一并删去援引"), QMessageBox.ButtonRole.DestructiveRole)
        keep_them = box.addButton(self.tr("保留援引并标记"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is delete_them:
            return False
        if clicked is keep_them:
            return True
        return None

    def _delete_with_citations(self, uid: str, keep: bool) -> None:
        """Delete ``uid``; unless ``keep``, take the citations' words out first: one undo step."""
        draft = self.workspace.draft
        index = self.references()
        refs = citations_of(draft, index, uid) if draft is not None and index else []
        if keep or not refs or draft is None:
            self.controller.delete(uid)
            if refs:
                self.workspace.say(
                    self.tr("已删除；{0} 处援引已失去所指，见“检查”").format(len(refs))
                )
            return
        by_unit: dict[str, list[Reference]] = {}
        for ref in refs:
            by_unit.setdefault(ref.unit_uid, []).append(ref)
        stack = self.workspace.stack
        stack.beginMacro(self.tr("删除（连同援引）"))
        try:
            for citing, group in by_unit.items():
                unit = draft.find(citing)
                if unit is not None:
                    value = without_citations(unit.text, group)
                    self.controller.run(EditText(citing, value), self.tr("删去援引"))
            self.controller.delete(uid)
        finally:
            stack.endMacro()
        # Where the words were taken out, named by the numbers now: the sentence left
        # ("应当依照的规定办理") is the drafter's to mend.
        ctx = Context(draft)
        places = [t for t in (unit_title(draft, u, ctx) for u in by_unit) if t]
        shown = "、".join(places[:6]) + (self.tr("等") if len(places) > 6 else "")
        self.workspace.say(
            self.tr("已删除，并删去 {0} 处援引，请核对：{1}").format(len(refs), shown)
        )

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self._parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _select_after_delete(self, uid: str) -> None:
        draft = self.workspace.draft
        if draft is None:
            return
        ctx = self.context() or Context(draft)
        siblings = ctx.siblings(uid)
        pos = ctx.position[uid]
        others = [u for u in siblings if u.uid != uid]
        near = others[min(pos, len(others) - 1)] if others else ctx.parent.get(uid)
        self._pending = near.uid if near is not None else None

    def delete_text_unit(self) -> None:
        """删除当前款/项: the 款, 项 or 目 in the editor."""
        uid = self.editor.uid
        draft = self.workspace.draft
        if uid is None or draft is None:
            return
        unit = draft.find(uid)
        if unit is None or unit.kind.is_heading:
            self.workspace.say(self.tr("编辑框中不是款或项；删除条、章请在目录中选择后删除"))
            return
        keep = self._ask_citations(uid)
        if keep is None:
            return
        article = (self.context() or Context(draft)).container(uid, UnitKind.ARTICLE)
        self._pending = article.uid if article is not None else None
        self.editor.bind(None, "", "")
        self._delete_with_citations(uid, keep)

    def _on_outline_unit(self, do: object) -> None:
        uid = self.outline_uid()
        if uid is None:
            self.workspace.say(self.tr("请先在目录中选择一条"))
            return
        self._pending = uid
        do(uid)  # type: ignore[operator]

    def split_at_cursor(self) -> None:
        """在光标处拆分条文: the editor's cursor splits its 款 and the article."""
        uid = self.editor.uid
        if uid is None:
            self.workspace.say(self.tr("请把光标放在某一款的文字中再拆分"))
            return
        offset = self.editor.cursor_offset()
        result = self.controller.split(uid, offset)
        if result is not None and result.inserted:
            draft = self.workspace.draft
            assert draft is not None
            new_article = draft.find(result.inserted[0])
            if new_article is not None:
                self.jump_to(new_article.uid)
                self.edit_unit(new_article.uid)

    def split_unit(self, uid: str, offset: int) -> str | None:
        """Enter in the editor: a new 款 (项, 目) from the cursor on; the editor moves into it."""
        new_uid = self.controller.split_unit(uid, offset)
        if new_uid is not None:
            self.edit_unit(new_uid)
            self.editor.select_span(0, 0)
        return new_uid

    def paste_paragraphs(self, uid: str, text: str) -> list[str]:
        """Several paragraphs pasted into the editor: show what they become, insert on 插入."""
        plan = plan_paste(text)
        draft = self.workspace.draft
        if plan is None or draft is None or not self.workspace.allowed():
            return []
        place = unit_title(draft, uid, self.context())
        dialog = PastePreviewDialog(plan, place, self._parent)
        try:
            if dialog.exec() != PastePreviewDialog.DialogCode.Accepted:
                return []
        finally:
            dialog.deleteLater()
        made = self.controller.paste_units(plan, uid)
        if made:
            self.jump_to(made[-1])
            self.edit_unit(made[-1])
            self.workspace.say(self.tr("已粘贴 {0} {1}").format(len(made), plan.kind.word))
        return made

    def merge_with_next(self) -> None:
        """与下一条合并."""
        uid = self.outline_uid() or self.editor.uid
        if uid is None:
            self.workspace.say(self.tr("请先选择一条"))
            return
        ctx = self.context()
        article = ctx.container(uid, UnitKind.ARTICLE) if ctx is not None else None
        self._pending = article.uid if article is not None else uid
        self.controller.merge(uid)

    def renumber(self, *, whole: bool) -> None:
        """重新编号 (全文 or the list of the unit being edited): the report in the status bar."""
        op = self.controller.renumber(self.current_uid(), whole=whole)
        if op is None:
            return
        report = op.report
        if not report.changes:
            self.workspace.say(self.tr("编号已与位置一致，没有需要改动的编号"))
            return
        # References left naming nothing (本条例第六条第（四）项 after the items took other
        # numbers): a renumbering is no success while they stand, whatever it rewrote.
        index, draft = self.references(), self.workspace.draft
        dangling = (
            sum(1 for r in index.references(draft) if r.status in (BROKEN, STALE))
            if index is not None and draft is not None
            else 0
        )
        self.workspace.say(
            self.tr(
                "已重新编号：{0} 处编号改变（其中 {1} 条），改写援引 {2} 处；可撤销（Ctrl+Z）"
            ).format(len(report.changes), report.renumbered, report.references_rewritten)
            + (
                self.tr("；{0} 处援引所指不存在，请在“检查”中核对").format(dangling)
                if dangling
                else ""
            )
        )

    # ---- after every change -----------------------------------------------------------------

    def context(self) -> Context | None:
        """Positions and numbers of the draft as it is now (the workspace's, once per change)."""
        return self.workspace.context()

    def _on_changed(self, changes: Changes) -> None:
        if changes.text_all:
            self._load()
            return
        if changes.read_only:
            self._on_read_only()
        if changes.stage:
            self.views.restage()
        if changes.edit is not None:
            self._on_edit(changes)

    def _on_edit(self, changes: Changes) -> None:
        assert changes.edit is not None  # called for edits only
        ctx = self.context()
        if changes.inserted and self._pending is None and ctx is not None:
            # What was inserted (or brought back by an undo) becomes the selection.
            first = changes.inserted[0]
            if first in ctx.units:
                holder = ctx.container(first, UnitKind.ARTICLE) or ctx.units[first]
                self._pending = holder.uid
        self.autosave.note_changes(changes.edit.touched)
        version = self.workspace.version
        if version is not None and not self.workspace.read_only and self.autosave.dirty:
            # At once on disk, before autosave's few seconds: a crash loses no typed words,
            # and no insert, delete, move, split, merge or paste (the tree as it is now).
            if changes.structure and self.workspace.draft is not None:
                self.journal.record_structure(
                    version.id,
                    self.workspace.draft,
                    (*changes.inserted, *changes.moved),
                    changes.operation,
                    self.workspace.session.index.marks(self.workspace.draft),
                )
            self.journal.record(
                version.id, [(c.unit_uid, c.field, c.after) for c in changes.edit.changes]
            )
        self.checks.schedule()
        if changes.structure or self.refresh_timer.isActive() or not self.views.patch(changes):
            # A refresh waiting for typing to pause lays out everything: it knows no edit.
            waiting = self.refresh_timer.isActive()
            self.refresh_timer.stop()
            self._refresh(None if waiting else changes)
        else:
            self.references_panel.show_article(
                self.workspace.draft, self.references(), self.outline_uid(), ctx
            )
            self._sync_editor()
        if changes.problems:
            labels = "、".join(p.text for p in changes.problems[:3])
            self.workspace.say(
                self.tr("有 {0} 处援引因这次修改失效或需核对：{1}").format(
                    len(changes.problems), labels
                )
            )

    def _refresh(self, changes: Changes | None = None) -> None:
        draft = self.workspace.draft
        ctx = self.context()
        if draft is None or ctx is None:
            return
        select = self._pending or self.outline_uid()
        self._pending = None
        if select is not None and select not in ctx.units:
            select = None
        self.views.refresh(select, changes)
        self._sync_editor()
        outline = self.outline_uid()
        self.references_panel.show_article(draft, self.references(), outline, self.context())

    def _sync_editor(self) -> None:
        draft = self.workspace.draft
        uid = self.editor.uid
        if draft is None or uid is None:
            return
        ctx = self.context()
        unit = ctx.units.get(uid) if ctx is not None else None
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
        self.workspace.say(message)
        QApplication.beep()

    # ---- jumping ----------------------------------------------------------------------------

    def jump_to(self, uid: str) -> bool:
        """Select the heading or article holding ``uid`` and show ``uid`` in the editor."""
        draft = self.workspace.draft
        if draft is None:
            return False
        ctx = self.context() or Context(draft)
        unit = ctx.units.get(uid)
        if unit is None:
            return False
        holder = ctx.container(uid, UnitKind.ARTICLE) or unit
        self.views.select_unit(holder.uid)
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
        house = self.views.reading_view.house
        ref = house.reference_at(href) if house is not None else None
        if ref is None or not ref.targets:
            if ref is not None:
                self.workspace.say(ref.detail or self.tr("该援引没有可跳转的目标"))
            return False
        return self.jump_to(ref.targets[0])

    def _on_anchor(self, url: QUrl) -> None:
        self.follow_link(url.toString())

    def link_tooltip(self, href: str) -> str:
        """Hovering a reference: the target named and its words."""
        house = self.views.reading_view.house
        draft = self.workspace.draft
        ref = house.reference_at(href) if house is not None else None
        if ref is None or draft is None:
            return ""
        if ref.status == BROKEN and (ref.marked or ref.slots or ref.anchor):
            # Kept when its target was deleted: it names nothing now (or, renumbered, another).
            return self.tr("所引条文已删除，援引保留待核对") + (
                f"\n（{ref.detail}）" if ref.detail else ""
            )
        ctx = self.context() or Context(draft)
        lines = [f"{target_label(ctx, ref)}"]
        for uid in ref.targets[:2]:
            unit = ctx.units.get(uid)
            if unit is None:
                continue
            words = unit_words(unit)
            lines.append(words if len(words) <= 200 else words[:200] + "…")
        if ref.detail:
            lines.append(f"（{ref.detail}）")
        return "\n".join(lines)
