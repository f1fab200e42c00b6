"""The 意见 side tab: filters, the comments table, the selected comment's details and the trace.

The panel only shows and asks; ``CommentsController`` loads, stores and decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consultation.model import Disposition, Round, Source
from ui.comments.dialogs import round_name
from ui.comments.table_model import (
    COL_CONTENT,
    CommentRow,
    CommentsTableModel,
    RowFilter,
)
from ui.shell.flow_layout import FlowLayout, fit_combo

_PENDING = "pending"
#: Up to this many selected rows, the context menu reads them (to enable 拆出分组 or not).
MENU_ROWS_READ = 2000
_DONE = "done"


class CommentsPanel(QWidget):
    """Filters over the table of comments, and the details of the one selected."""

    #: The filters changed (the controller supplies the article and applies them).
    filters_changed = Signal()
    #: The current comment changed (its id, or 0 for none).
    comment_selected = Signal(int)
    decide_requested = Signal()
    #: Context-menu actions on the selected comments (issue 14).
    assign_requested = Signal()
    #: 会议记录…: import the minutes of a meeting.
    meeting_requested = Signal()
    merge_requested = Signal()
    split_requested = Signal()
    #: 撤销上次处理 (the newest decision batch, merge or split).
    undo_requested = Signal()
    add_requested = Signal()
    recluster_requested = Signal()
    stats_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comments_panel")
        self.model = CommentsTableModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        # Filters and buttons wrap onto further rows in a narrow panel rather than cut words.
        filters = FlowLayout(spacing=4)
        self.only_current = QCheckBox(self.tr("只看当前条文"))
        self.only_current.setObjectName("only_current")
        self.source_filter = QComboBox()
        self.source_filter.setObjectName("source_filter")
        self.source_filter.addItem(self.tr("全部来源"), None)
        for source in Source:
            self.source_filter.addItem(source.label, source)
        self.disposition_filter = QComboBox()
        self.disposition_filter.setObjectName("disposition_filter")
        self.disposition_filter.addItem(self.tr("全部处理意见"), None)
        self.disposition_filter.addItem(self.tr("待处理"), _PENDING)
        self.disposition_filter.addItem(self.tr("已处理"), _DONE)
        for disposition in Disposition:
            self.disposition_filter.addItem(disposition.label, disposition)
        self.round_filter = QComboBox()
        self.round_filter.setObjectName("round_filter")
        self.round_filter.addItem(self.tr("全部轮次"), None)
        # Issue 14: a queue per 处室/承办人.
        self.assignee_filter = QComboBox()
        self.assignee_filter.setObjectName("assignee_filter")
        self.assignee_filter.addItem(self.tr("全部承办人"), "")
        filters.addWidget(self.only_current)
        filters.addWidget(self.source_filter)
        filters.addWidget(self.disposition_filter)
        filters.addWidget(self.round_filter)
        filters.addWidget(self.assignee_filter)
        for combo in (
            self.source_filter,
            self.disposition_filter,
            self.round_filter,
            self.assignee_filter,
        ):
            fit_combo(combo)
        layout.addLayout(filters)
        self.search = QLineEdit()
        self.search.setObjectName("comment_search")
        self.search.setPlaceholderText(self.tr("搜索意见内容、提出者、条款"))
        self.search.setClearButtonEnabled(True)
        # A narrow panel cuts the hint short; the whole of it on hover.
        self.search.setToolTip(self.search.placeholderText())
        layout.addWidget(self.search)

        self.table = QTableView()
        self.table.setObjectName("comments_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures 10,000 rows.
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((36, 84, 60, 56, 200, 60, 60, 36)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)

        self.article_line = QLabel()
        self.article_line.setObjectName("article_comments_line")
        self.detail = QTextBrowser()
        self.detail.setObjectName("comment_detail")
        self.detail.setOpenLinks(False)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.article_line)
        bottom_layout.addWidget(self.detail, 1)
        # The comment's history (issue 14): who decided, merged or undid what, when.
        self.history_label = QLabel(self.tr("处理记录"))
        self.history = QListWidget()
        self.history.setObjectName("comment_history")
        self.history.setMaximumHeight(self.fontMetrics().height() * 5 + 8)
        bottom_layout.addWidget(self.history_label)
        bottom_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        buttons = FlowLayout(spacing=4)
        self.decide_button = QPushButton(self.tr("处理…"))
        self.decide_button.setObjectName("decide_button")
        self.undo_button = QPushButton(self.tr("撤销上次处理"))
        self.undo_button.setObjectName("undo_decision_button")
        self.add_button = QPushButton(self.tr("添加意见…"))
        self.add_button.setObjectName("add_comment_button")
        self.meeting_button = QPushButton(self.tr("会议记录…"))
        self.meeting_button.setObjectName("meeting_button")
        self.recluster_button = QPushButton(self.tr("重新聚类"))
        self.recluster_button.setObjectName("recluster_button")
        self.stats_button = QPushButton(self.tr("统计…"))
        self.stats_button.setObjectName("stats_button")
        for button in (
            self.decide_button,
            self.undo_button,
            self.add_button,
            self.meeting_button,
            self.recluster_button,
            self.stats_button,
        ):
            buttons.addWidget(button)
        self.count_label = QLabel()
        self.count_label.setObjectName("comment_count")
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)

        # Typing in the search box filters after a pause, not on every key.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.filters_changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.only_current.toggled.connect(lambda _c: self.filters_changed.emit())
        for combo in (
            self.source_filter,
            self.disposition_filter,
            self.round_filter,
            self.assignee_filter,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.decide_button.clicked.connect(self.decide_requested)
        self.undo_button.clicked.connect(self.undo_requested)
        self.add_button.clicked.connect(self.add_requested)
        self.meeting_button.clicked.connect(self.meeting_requested)
        self.recluster_button.clicked.connect(self.recluster_requested)
        self.stats_button.clicked.connect(self.stats_requested)
        self.table.doubleClicked.connect(lambda _i: self.decide_requested.emit())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.menu = QMenu(self)
        self.menu.setObjectName("comments_context_menu")
        self.decide_action = self.menu.addAction(self.tr("处理…"))
        self.assign_action = self.menu.addAction(self.tr("分派给处室/承办人…"))
        self.menu.addSeparator()
        self.merge_action = self.menu.addAction(self.tr("合并为一组"))
        self.split_action = self.menu.addAction(self.tr("拆出分组"))
        self.menu.addSeparator()
        self.undo_action = self.menu.addAction(self.tr("撤销上次处理"))
        self.decide_action.triggered.connect(self.decide_requested)
        self.assign_action.triggered.connect(self.assign_requested)
        self.merge_action.triggered.connect(self.merge_requested)
        self.split_action.triggered.connect(self.split_requested)
        self.undo_action.triggered.connect(self.undo_requested)
        self.model.modelReset.connect(self._on_reset)
        self.set_history([])
        self._update_buttons()

    # ---- filters ----------------------------------------------------------------------------

    def set_rounds(self, rounds: Sequence[Round]) -> None:
        """List the regulation's rounds in the round filter (keeping the choice if still there)."""
        keep = self.round_filter.currentData()
        self.round_filter.blockSignals(True)
        try:
            while self.round_filter.count() > 1:
                self.round_filter.removeItem(1)
            for r in rounds:
                self.round_filter.addItem(round_name(r), r.id)
            self.round_filter.setCurrentIndex(max(self.round_filter.findData(keep), 0))
        finally:
            self.round_filter.blockSignals(False)

    def row_filter(self, article_keys: frozenset[str] | None) -> RowFilter:
        """The filter the controls ask for; ``article_keys`` is the current article's keys."""
        # Qt hands enum members back as plain strings.
        disposition = self.disposition_filter.currentData()
        source = self.source_filter.currentData()
        return RowFilter(
            article_keys=article_keys if self.only_current.isChecked() else None,
            source=Source(source) if source else None,
            disposition=(
                Disposition(disposition) if disposition not in (None, _PENDING, _DONE) else None
            ),
            pending=disposition == _PENDING,
            done=disposition == _DONE,
            round_id=self.round_filter.currentData(),
            text=self.search.text().strip(),
            assignee=self.assignee_filter.currentData() or "",
        )

    def set_assignees(self, names: Sequence[str]) -> None:
        """List the 处室/承办人 in use in the assignee filter (keeping the choice if still there)."""
        keep = self.assignee_filter.currentData()
        self.assignee_filter.blockSignals(True)
        try:
            while self.assignee_filter.count() > 1:
                self.assignee_filter.removeItem(1)
            for name in names:
                self.assignee_filter.addItem(name, name)
            self.assignee_filter.setCurrentIndex(max(self.assignee_filter.findData(keep), 0))
        finally:
            self.assignee_filter.blockSignals(False)

    def flush_search(self) -> None:
        """Apply a search typed but not yet applied (the pause not over)."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.filters_changed.emit()

    # ---- selection --------------------------------------------------------------------------

    def current_row(self) -> CommentRow | None:
        """The comment the table's cursor is on."""
        return self.model.row_at(self.table.currentIndex().row())

    def selected_rows(self) -> list[CommentRow]:
        """The selected comments (the current one if none is selected)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        found = [r for r in (self.model.row_at(n) for n in rows) if r is not None]
        if not found and self.current_row() is not None:
            found = [self.current_row()]  # type: ignore[list-item]
        return found

    def selected_ids(self) -> list[int]:
        """The ids of the selected comments (the current one if none is selected), without
        reading the comments."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [i for i in (self.model.id_at(n) for n in rows) if i is not None]

    def select_ids(self, comment_ids: Sequence[int]) -> None:
        """Select these comments' rows (the first becomes current)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for comment_id in comment_ids:
            row = self.model.row_of(comment_id)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            if first:
                selection.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                first = False
            else:
                selection.select(index, flags)

    def _on_current(self, current: object, _previous: object) -> None:
        row = self.current_row()
        self.comment_selected.emit(row.id if row is not None else 0)

    def _on_reset(self) -> None:
        self.count_label.setText(
            self.tr("显示 {0} / 共 {1} 条").format(self.model.rowCount(), self.model.total())
        )
        self.detail.clear()
        self.set_history([])
        self._update_buttons()

    def _context_menu(self, pos: QPoint) -> None:
        ids = self.selected_ids()
        for action in (self.decide_action, self.assign_action, self.split_action):
            action.setEnabled(bool(ids))
        self.merge_action.setEnabled(len(ids) > 1)
        # A large selection is not read row by row for a menu: the store refuses a split of
        # comments in no group with a message.
        if len(ids) <= MENU_ROWS_READ:
            rows = self.selected_rows()
            self.split_action.setEnabled(any(r.cluster_size > 1 for r in rows))
        self.menu.popup(self.table.viewport().mapToGlobal(pos))

    def set_history(self, lines: Sequence[str]) -> None:
        """Show the current comment's history (oldest first); hidden when it has none."""
        self.history.clear()
        self.history.addItems(list(lines))
        self.history.setVisible(bool(lines))
        self.history_label.setVisible(bool(lines))

    def _update_buttons(self) -> None:
        self.decide_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
