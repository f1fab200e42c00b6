"""查找和替换 in the draft shown (Ctrl+F, Ctrl+H, F3/Shift+F3).

The bar sits above the reading pane; the matching is ``drafting.edit.find`` (no Qt). Hits are
shaded in the reading pane and listed by article; 替换 changes the current hit, 全部替换 every
hit as ONE undo step (text edits of the units, so references stay bound). A frozen version can
be searched, not changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QWidget,
)

from drafting.edit.find import (
    FindOptions,
    Hit,
    find_all,
    replace_one,
    replacements,
    title_count,
)
from drafting.edit.operations import EditText
from ui.shell.workspace import Changes, Workspace
from ui.text.reading_view import ReadingView

#: At most this many hits are shaded (a 民法典 search for 的 has tens of thousands).
MAX_SHADED = 2000


class FindBar(QWidget):
    """The find/replace row: fields, options, buttons and the list of hits by article."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("find_edit")
        self.find_edit.setPlaceholderText(self.tr("查找内容"))
        self.find_edit.setClearButtonEnabled(True)
        self.previous_button = QPushButton(self.tr("上一个"))
        self.previous_button.setToolTip(self.tr("上一个（Shift+F3）"))
        self.next_button = QPushButton(self.tr("下一个"))
        self.next_button.setToolTip(self.tr("下一个（F3 或 Enter）"))
        self.case_box = QCheckBox(self.tr("区分大小写"))
        self.case_box.setToolTip(self.tr("只对英文字母有区别"))
        self.word_box = QCheckBox(self.tr("全字匹配"))
        self.word_box.setToolTip(self.tr("英文单词或数字不作为更长单词的一部分匹配"))
        self.count_label = QLabel()
        self.count_label.setObjectName("find_count")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("关闭查找（Esc）"))
        self.close_button.setAutoRaise(True)
        grid.addWidget(QLabel(self.tr("查找：")), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.previous_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.case_box, 0, 4)
        grid.addWidget(self.word_box, 0, 5)
        grid.addWidget(self.count_label, 0, 6)
        grid.addWidget(self.close_button, 0, 7)
        self.replace_label = QLabel(self.tr("替换为："))
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replace_edit")
        self.replace_edit.setPlaceholderText(self.tr("替换为"))
        self.replace_button = QPushButton(self.tr("替换"))
        self.replace_all_button = QPushButton(self.tr("全部替换"))
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        self.hit_list = QListWidget()
        self.hit_list.setObjectName("find_hits")
        self.hit_list.setMaximumHeight(110)
        self.hit_list.setToolTip(self.tr("按条列出的查找结果；单击跳到该处"))
        grid.addWidget(self.hit_list, 2, 0, 1, 8)
        grid.setColumnStretch(1, 1)
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    def set_replace_shown(self, shown: bool) -> None:
        """Show or hide the 替换为 row."""
        for w in (self.replace_label, self.replace_edit, self.replace_button):
            w.setVisible(shown)
        self.replace_all_button.setVisible(shown)

    def replace_shown(self) -> bool:
        """True when the 替换为 row is shown."""
        return not self.replace_edit.isHidden()

    def close_bar(self) -> None:
        """Hide the bar (Esc)."""
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def options(self) -> FindOptions:
        """The options ticked."""
        return FindOptions(case=self.case_box.isChecked(), whole_word=self.word_box.isChecked())


class FindController(QObject):
    """Runs the bar over the workspace's draft and the reading pane."""

    def __init__(
        self, workspace: Workspace, view: ReadingView, bar: FindBar, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.bar = bar
        self.hits: list[Hit] = []
        self.current = -1
        self._replacing = False  # 全部替换 searches once at the end, not once per unit
        bar.find_edit.textChanged.connect(lambda _t: self.search(keep=False))
        bar.find_edit.returnPressed.connect(self.find_next)
        bar.case_box.toggled.connect(lambda _b: self.search(keep=False))
        bar.word_box.toggled.connect(lambda _b: self.search(keep=False))
        bar.next_button.clicked.connect(self.find_next)
        bar.previous_button.clicked.connect(self.find_previous)
        bar.replace_button.clicked.connect(self.replace_current)
        bar.replace_all_button.clicked.connect(self.replace_all)
        bar.replace_edit.returnPressed.connect(self.replace_current)
        bar.hit_list.itemClicked.connect(self._on_item)
        bar.closed.connect(self._on_closed)

    def wire(self) -> None:
        """Follow the workspace (after the text views, which lay the text out first)."""
        self.workspace.changed.connect(self._on_changed)

    # ---- opening ------------------------------------------------------------------------------

    def open_find(self, replace: bool = False) -> None:
        """Ctrl+F (find) or Ctrl+H (find and replace; find only for a frozen version)."""
        if replace and self.workspace.read_only and self.workspace.draft is not None:
            self.workspace.say(self.tr("此稿次已冻结（只读），只能查找，不能替换"))
        self.bar.set_replace_shown(replace and not self.workspace.read_only)
        self.bar.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.bar.find_edit.setText(selected)
        self.bar.find_edit.setFocus()
        self.bar.find_edit.selectAll()
        self.search(keep=False)

    # ---- searching ----------------------------------------------------------------------------

    def search(self, keep: bool = True) -> None:
        """Find every hit again; ``keep`` stays near the current hit (after a replace)."""
        draft = self.workspace.draft
        needle = self.bar.find_edit.text()
        old = self.hits[self.current] if keep and 0 <= self.current < len(self.hits) else None
        self.hits = (
            find_all(draft, needle, self.bar.options(), self.workspace.context())
            if draft is not None and self.bar.isVisible()
            else []
        )
        self.current = -1
        if old is not None:
            for i, hit in enumerate(self.hits):  # the first hit at or after the old place
                if (hit.uid, hit.field) == (old.uid, old.field) and hit.start >= old.start:
                    self.current = i
                    break
        self._fill_list()
        self._shade()
        self._show_count()

    def _fill_list(self) -> None:
        lst = self.bar.hit_list
        lst.clear()
        for i, hit in enumerate(self.hits[:MAX_SHADED]):
            left = max(0, hit.start - 12)
            words = hit.line[left : hit.end + 12].replace("\n", " ")
            item = QListWidgetItem(f"{hit.owner_label}：{'…' if left else ''}{words}")
            item.setData(Qt.ItemDataRole.UserRole, i)
            lst.addItem(item)

    def _show_count(self) -> None:
        n = len(self.hits)
        if not self.bar.find_edit.text():
            text = ""
        elif n == 0:
            text = self.tr("无结果")
        elif self.current >= 0:
            text = self.tr("第 {0}/{1} 处").format(self.current + 1, n)
        else:
            text = self.tr("共 {0} 处").format(n)
        text += self._title_note()
        self.bar.count_label.setText(text)
        writable = not self.workspace.read_only
        self.bar.replace_button.setEnabled(writable and n > 0)
        self.bar.replace_all_button.setEnabled(writable and n > 0)

    def positions(self, hit: Hit) -> tuple[int, int] | None:
        """Where a hit is in the reading pane's document, or None when not shown as is."""
        house = self.view.house
        if house is None or hit.uid not in house.text_starts:
            return None
        base = house.text_starts[hit.uid]
        cursor = QTextCursor(house.document)
        cursor.setPosition(base + hit.start)
        cursor.setPosition(
            min(base + hit.end, house.document.characterCount() - 1),
            QTextCursor.MoveMode.KeepAnchor,
        )
        if cursor.selectedText() != hit.line[hit.start : hit.end]:
            return None
        return base + hit.start, base + hit.end

    def _shade(self) -> None:
        ranges: list[tuple[int, int]] = []
        current = -1
        for i, hit in enumerate(self.hits[:MAX_SHADED]):
            where = self.positions(hit)
            if where is None:
                continue
            if i == self.current:
                current = len(ranges)
            ranges.append(where)
        self.view.set_find_selections(ranges, current)

    # ---- moving -------------------------------------------------------------------------------

    def find_next(self) -> None:
        """F3: the next hit (after the last one, the first again; the status bar says so)."""
        self._step(1)

    def find_previous(self) -> None:
        """Shift+F3: the hit before."""
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.bar.isVisible():
            self.open_find(self.bar.replace_shown())
            return
        if not self.hits:
            if self.bar.find_edit.text():
                self.workspace.say(self.tr("找不到“{0}”").format(self.bar.find_edit.text()))
            return
        n = len(self.hits)
        if self.current < 0:
            index = 0 if step > 0 else n - 1
        else:
            index = self.current + step
            if not 0 <= index < n:
                self.workspace.say(
                    self.tr("已到末尾，从头继续查找")
                    if step > 0
                    else self.tr("已到开头，从末尾继续查找")
                )
            index %= n
        self.go_to(index)

    def go_to(self, index: int) -> None:
        """Make hit ``index`` the current one: shaded stronger, selected and in sight."""
        self.current = index
        hit = self.hits[index]
        where = self.positions(hit)
        if where is not None:
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(where[0])
            cursor.setPosition(where[1], QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(cursor)  # the outline and the editor follow
            self.view.ensureCursorVisible()
        self._shade()
        self._show_count()
        lst = self.bar.hit_list
        if index < lst.count():
            lst.blockSignals(True)
            lst.setCurrentRow(index)
            lst.blockSignals(False)

    def _on_item(self, item: QListWidgetItem) -> None:
        self.go_to(int(item.data(Qt.ItemDataRole.UserRole)))

    # ---- replacing ----------------------------------------------------------------------------

    def replace_current(self) -> bool:
        """替换: the current hit (the first one when none is current); then the next."""
        if not self.hits or not self.workspace.allowed():
            return False
        if self.current < 0:
            self.go_to(0)
            return False  # first show what will be replaced, as Word does
        hit = self.hits[self.current]
        value = replace_one(hit.line, hit, self.bar.replace_edit.text())
        if self.workspace.apply(EditText(hit.uid, value, hit.field), self.tr("替换")) is None:
            return False
        self.workspace.say(self.tr("已替换 1 处"))
        if self.hits and 0 <= self.current < len(self.hits):
            self.go_to(self.current)
        return True

    def replace_all(self) -> int:
        """全部替换 as one undo step; returns (and says) how many hits changed."""
        draft = self.workspace.draft
        needle = self.bar.find_edit.text()
        if draft is None or not needle or not self.workspace.allowed():
            return 0
        planned = replacements(draft, needle, self.bar.replace_edit.text(), self.bar.options())
        made = 0
        stack = self.workspace.stack
        stack.beginMacro(self.tr("全部替换“{0}”").format(needle))
        self._replacing = True
        try:
            for uid, field, value, count in planned:
                if self.workspace.apply(EditText(uid, value, field), self.tr("替换")) is not None:
                    made += count
        finally:
            self._replacing = False
            stack.endMacro()
        self.search(keep=False)
        left = title_count(draft, needle, self.bar.options())
        self.workspace.say(
            (self.tr("已替换 {0} 处").format(made) if made else self.tr("没有可替换的内容"))
            + (self.tr("；标题中的 {0} 处未替换（标题不在替换范围）").format(left) if left else "")
        )
        return made

    def _title_note(self) -> str:
        """（标题中 1 处未计入） when the needle also stands in the title."""
        draft = self.workspace.draft
        needle = self.bar.find_edit.text()
        if draft is None or not needle:
            return ""
        count = title_count(draft, needle, self.bar.options())
        return self.tr("（标题中 {0} 处未计入）").format(count) if count else ""

    # ---- following the workspace --------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if self._replacing:
            return
        if changes.read_only and self.bar.replace_shown() and self.workspace.read_only:
            self.bar.set_replace_shown(False)
        if self.bar.isVisible() and (changes.text or changes.read_only):
            self.search(keep=not changes.text_all)

    def _on_closed(self) -> None:
        self.hits = []
        self.current = -1
        self.view.set_find_selections([])
        self.view.setFocus()
