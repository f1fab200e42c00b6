"""A comparison as a tab of the centre: the side-by-side view and what can be made from it.

Above the ComparisonView sit the documents a comparison leads to: the 修改对照表, the 修改稿
with tracked changes, and the draft 修改决定, and 编辑修改说明…, which lets the drafter rewrite
the 修改说明 of the row in front before the 对照表 is exported (``NoteDialog``; the view keeps
the notes and the 对照表 uses them). The tab only holds the data and the actions; the compare
controller does the work when they are triggered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.compare.related_comments import RelatedComment, RelatedCommentsPanel
from ui.compare.side_by_side import ComparisonView
from ui.shell.dialog_buttons import ok_cancel_buttons

if TYPE_CHECKING:
    from drafting.compare.articles import Comparison
    from drafting.model.units import Draft

#: The most height the open 相关意见 list takes below the comparison view.
RELATED_LIST_HEIGHT = 200


class NoteDialog(QDialog):
    """编辑修改说明: the 修改说明 of one 对照表 row, several lines allowed."""

    def __init__(self, row_label: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note_dialog")
        self.setWindowTitle(self.tr("编辑修改说明"))
        label = QLabel(self.tr("{0}的修改说明（导出修改对照表时使用）：").format(row_label), self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("note_editor")
        self.editor.setPlainText(text)
        buttons = ok_cancel_buttons(self, self.tr("确定"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(420, 200)

    @classmethod
    def get_data(cls, parent: QWidget | None, row_label: str, text: str) -> tuple[str, bool]:
        """Run the dialog: (the text as edited, True when OK was pressed)."""
        dialog = cls(row_label, text, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.editor.toPlainText(), accepted
        finally:
            dialog.deleteLater()


class ComparisonTab(QWidget):
    """One comparison: the view, the two column titles and the new text (for the 修改稿).

    For two versions of a regulation in the library, a 相关意见 list below the view shows the
    comments behind the changed row in front (``set_related``).
    """

    #: A comment in the 相关意见 list was double-clicked: (regulation id, comment id).
    comment_activated = Signal(int, int)

    def __init__(
        self,
        comparison: Comparison,
        old_title: str,
        new_title: str,
        new_draft: Draft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("comparison_tab")
        self.old_title = old_title
        self.new_title = new_title
        self.new_draft = new_draft

        self.view = ComparisonView(self)
        self.view.setObjectName("comparison_view")
        self.view.set_comparison(comparison, old_title, new_title)

        self.export_table_action = QAction(self.tr("导出修改对照表…"), self)
        self.export_table_action.setToolTip(
            self.tr("把修改对照表（原条文 | 修改后条文 | 修改说明）导出为 Word 文档")
        )
        self.export_tracked_action = QAction(self.tr("导出修改稿（修订模式）…"), self)
        self.export_tracked_action.setToolTip(
            self.tr("导出新稿的 Word 文档，每处修改为可在 Word/WPS 中逐条接受或拒绝的修订")
        )
        self.export_tracked_action.setEnabled(new_draft is not None)
        self.decision_action = QAction(self.tr("起草修改决定…"), self)
        self.decision_action.setToolTip(
            self.tr("按比较结果起草修改决定的条文（一、将第X条修改为……），可编辑后复制或保存")
        )

        self.edit_note_action = QAction(self.tr("编辑修改说明…"), self)
        self.edit_note_action.setToolTip(
            self.tr("改写当前这一行的修改说明（点一下行或按 F7 选行），导出修改对照表时使用")
        )
        self.edit_note_action.triggered.connect(self.edit_note)

        heading = QLabel(self.tr("{0} → {1}").format(old_title, new_title), self)
        heading.setObjectName("comparison_heading")
        heading.setStyleSheet("QLabel { font-weight: bold; }")
        # On a 1280×720 screen the row is tight: the two titles wrap, the buttons keep their
        # words whole.
        heading.setWordWrap(True)
        heading.setMinimumWidth(80)
        heading.setToolTip(heading.text())
        self.heading = heading
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        bar.addWidget(heading, 1)
        self.buttons: dict[str, QToolButton] = {}
        for name, action in (
            ("edit_note", self.edit_note_action),
            ("export_table", self.export_table_action),
            ("export_tracked", self.export_tracked_action),
            ("decision", self.decision_action),
        ):
            button = QToolButton(self)
            button.setObjectName(f"{name}_button")
            button.setDefaultAction(action)
            bar.addWidget(button)
            self.buttons[name] = button
        # How the 修改对照表 is laid out when exported from this tab.
        self.same_as_left_box = QCheckBox(self.tr("未改处写“同左”"), self)
        self.same_as_left_box.setObjectName("same_as_left_box")
        self.same_as_left_box.setToolTip(self.tr("修改后条文一栏中，文字未改的条文只写“同左”"))
        self.headings_box = QCheckBox(self.tr("列出章节"), self)
        self.headings_box.setObjectName("headings_box")
        self.headings_box.setToolTip(self.tr("在对照表中列出编、章、节标题行"))
        bar.insertWidget(1, self.same_as_left_box)
        bar.insertWidget(2, self.headings_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        # Shown when a text compared changed since (the comparison is of the texts as they were).
        self.stale_banner = QLabel(self)
        self.stale_banner.setObjectName("comparison_stale")
        self.stale_banner.setWordWrap(True)
        self.stale_banner.setStyleSheet(
            "QLabel { background: #fdf3d6; color: #6b4e00; border-bottom: 1px solid #e6d3a0;"
            " padding: 4px 8px; }"
        )
        self.stale_banner.hide()
        layout.addWidget(self.stale_banner)
        #: F5 (in this tab): compare the same two versions again, as they are now.
        self.recompare_action = QAction(self.tr("重新比较"), self)
        self.recompare_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.recompare_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.recompare_action)
        #: The versions compared (None for two files) and their regulation.
        self.version_ids: tuple[int, int] | None = None
        self.regulation_title = ""
        # The 相关意见 list only appears for versions of a regulation (set_related).
        self.related = RelatedCommentsPanel(self)
        self.related.hide()
        self.related.comment_activated.connect(self._on_comment_activated)
        self.related.list_shown.connect(self._split)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.related)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        self.regulation_id: int | None = None
        self._related: dict[int, list[RelatedComment]] | None = None
        self.view.currentPairChanged.connect(self.show_related)
        self.view.browser.cursorPositionChanged.connect(self._on_cursor)

    @property
    def stale(self) -> bool:
        """True once a text compared changed after the comparison was made."""
        return not self.stale_banner.isHidden()

    def mark_stale(self, why: str) -> None:
        """Say above the view that the comparison is out of date and how to redo it."""
        self.stale_banner.setText(self.tr("已过期，按 F5 重新比较（{0}）").format(why))
        self.stale_banner.show()

    @property
    def comparison(self) -> Comparison:
        """The comparison shown."""
        found = self.view.comparison()
        assert found is not None  # set in __init__
        return found

    @property
    def notes(self) -> dict[str, str]:
        """The 修改说明 the drafter wrote, by row key (``comparison_rows.row_key``)."""
        return self.view.notes

    def note_row(self) -> int | None:
        """The pair whose 修改说明 编辑修改说明 edits: the row clicked, else the current change,
        else the first change; None when there is no row."""
        for found in (self.view.pair_at_cursor(), self.view.current_pair()):
            if found is not None:
                return found
        changes = self.comparison.changes
        return changes[0] if changes else None

    def edit_note(self) -> bool:
        """编辑修改说明…: rewrite the 修改说明 of ``note_row`` in a small dialog; True when
        the drafter pressed OK."""
        k = self.note_row()
        if k is None:
            return False
        label = self.view.row_label(k)  # 第五条, or 序言 / 注记 / 附件1
        text, accepted = NoteDialog.get_data(self, label, self.view.note(k))
        if accepted:
            self.view.set_note(k, text)
        return accepted

    def set_related(self, regulation_id: int, by_pair: dict[int, list[RelatedComment]]) -> None:
        """The comments behind each changed row (pair index → comments); shows the list."""
        self.regulation_id = regulation_id
        self._related = by_pair
        self.related.show()
        # Shown after the splitter was laid out: give the list room of its own.
        self._split()
        current = self.view.current_pair()
        if current is not None:
            self.show_related(current)
        else:
            self.related.show_entries(None)

    def _split(self, *_args: object) -> None:
        """Folded or empty, the 相关意见 bar sits right under the view; open, the list gets
        a third of the height (at most RELATED_LIST_HEIGHT) and the view the rest."""
        if self.related.isHidden():
            return
        total = sum(self.splitter.sizes()) or self.splitter.height()
        below = self.related.head_height()
        if self.related.list_open():
            below += min(RELATED_LIST_HEIGHT, total // 3)
        self.splitter.setSizes([max(total - below, 0), below])

    def related_count(self) -> int:
        """How many comments stand behind the changes of this comparison."""
        return sum(len(v) for v in (self._related or {}).values())

    def show_related(self, pair_index: int) -> None:
        """List the comments behind the row ``pair_index`` (nothing for an unchanged row)."""
        if self._related is None:
            return
        if pair_index < 0:  # a 序言, 注记 or 附件 row: no article's comments
            self.related.show_entries(None)
            return
        pair = self.comparison.pairs[pair_index]
        if not pair.is_change:
            self.related.show_entries(None)
            return
        label = "、".join(pair.old_numbers or pair.new_numbers)
        self.related.show_entries(self._related.get(pair_index, []), label)

    def _on_cursor(self) -> None:
        # A click in a row makes it the row the 相关意见 list is about.
        if self._related is None:
            return
        pair = self.view.pair_at_cursor()
        if pair is not None:
            self.show_related(pair)

    def _on_comment_activated(self, comment_id: int) -> None:
        if self.regulation_id is not None:
            self.comment_activated.emit(self.regulation_id, comment_id)

    def focus_view(self) -> None:
        """Give the keyboard to the view, so F7 / Shift+F7 work at once."""
        self.view.browser.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        # Coming back to this tab: F7 is the view's shortcut and needs the focus inside it.
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.focus_view()
