"""全文检索 (Ctrl+Shift+F): any words across drafts (and their versions), references and
comments, the window's one library-wide search.

A thin window over ``storage.search_index.search`` (the same service as ``app.py search``):
results grouped by regulation, one row per article or comment with the words found
highlighted; activating a row asks for the article to be opened (``open_requested``), which
the main window connects to its navigation. Filters: 范围 (references/drafts/comments), 地方,
日期 from/to (references' dates, yyyy-mm-dd), 时效性, and 含历次稿次 (every version of a draft,
not only the current one).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.search.reference_meta import REFERENCE_STATUSES

if TYPE_CHECKING:
    from storage.library import Library
    from storage.search_index import SearchHit

#: Item data role holding (regulation id, version id or None, uid) of a result row.
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
#: Characters of context shown before the first hit.
CONTEXT = 24


def marked_html(text: str, spans: list[tuple[int, int]], *, context: int = CONTEXT) -> str:
    """The text as HTML, from a little before the first hit, each hit highlighted."""
    start = max(0, spans[0][0] - context) if spans else 0
    parts = ["…" if start else ""]
    at = start
    for begin, end in spans:
        if begin < at:
            continue
        parts.append(html.escape(text[at:begin]))
        parts.append(f'<span style="background:#ffe58f">{html.escape(text[begin:end])}</span>')
        at = end
    parts.append(html.escape(text[at:]))
    return "".join(parts).replace("\n", " ")


class SearchPanel(QDialog):
    """The search window; ``open_requested(regulation_id, version_id, uid, comment_id)`` on
    activation: version_id None and comment_id set for a comment, comment_id None for an
    article."""

    open_requested = Signal(int, object, str, object)

    SCOPES = (("", "全部"), ("references", "参考法规"), ("drafts", "草案"), ("comments", "意见"))

    def __init__(
        self, library: Callable[[], Library | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self.setWindowTitle(self.tr("全文检索"))
        self.resize(760, 520)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("要查找的文字，多个词以空格分开"))
        self.scope = QComboBox(self)
        for key, word in self.SCOPES:
            self.scope.addItem(self.tr(word), key)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(self.tr("地方"))
        self.place.setMaximumWidth(120)
        self.date_from = QLineEdit(self)
        self.date_from.setPlaceholderText(self.tr("起始日期"))
        self.date_from.setToolTip(self.tr("参考法规的日期，如 2010-01-01"))
        self.date_from.setMaximumWidth(100)
        self.date_to = QLineEdit(self)
        self.date_to.setPlaceholderText(self.tr("截止日期"))
        self.date_to.setToolTip(self.date_from.toolTip())
        self.date_to.setMaximumWidth(100)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("任何时效"), "")
        for word in REFERENCE_STATUSES:
            self.status_filter.addItem(word, word)
        self.all_versions = QCheckBox(self.tr("含历次稿次"), self)
        self.all_versions.setToolTip(self.tr("也查找草案已冻结的各稿次，而不只是当前稿次"))
        self.find_button = QPushButton(self.tr("查找"), self)
        #: Called before each search (the window saves the words typed so far).
        self.before_search: Callable[[], object] | None = None
        self.results = QTreeWidget(self)
        self.results.setHeaderLabels([self.tr("位置"), self.tr("文字")])
        self.results.setColumnWidth(0, 220)
        self.status = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.scope)
        top.addWidget(self.place)
        top.addWidget(self.find_button)
        filters = QHBoxLayout()
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("—", self))
        filters.addWidget(self.date_to)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.all_versions)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.find_button.clicked.connect(self.run_search)
        self.query.returnPressed.connect(self.run_search)
        self.results.itemActivated.connect(self._activate)

    def run_search(self) -> None:
        """Search the open library for the words typed and show the results."""
        from storage.library import LibraryError
        from storage.search_index import SearchError, SearchFilters, search

        self.results.clear()
        library = self._library()
        if library is None:
            self.status.setText(self.tr("未打开法规库"))
            return
        if self.before_search is not None:
            self.before_search()
        try:
            dates = [_date(self.date_from.text()), _date(self.date_to.text(), end=True)]
        except ValueError:
            self.status.setText(self.tr("日期应写作 2010-01-01"))
            return
        filters = SearchFilters(
            scope=self.scope.currentData() or None,
            place=self.place.text().strip() or None,
            date_from=dates[0],
            date_to=dates[1],
            status=self.status_filter.currentData() or None,
            all_versions=self.all_versions.isChecked(),
        )
        try:
            hits = search(library, self.query.text(), filters, limit=200)
        except (SearchError, LibraryError) as exc:
            self.status.setText(str(exc))
            return
        self._show(hits)

    def _show(self, hits: list[SearchHit]) -> None:
        groups: dict[int, QTreeWidgetItem] = {}
        for hit in hits:
            group = groups.get(hit.regulation_id)
            if group is None:
                facts = " · ".join(
                    p for p in (hit.place, hit.date.isoformat() if hit.date else "") if p
                )
                # Comments are made on the office's drafts.
                kind = self.tr("参考") if hit.kind == "reference" else self.tr("草案")
                title = f"《{hit.regulation}》（{kind}）"
                group = QTreeWidgetItem(self.results, [title, facts])
                group.setExpanded(True)
                groups[hit.regulation_id] = group
            where = hit.article or self.tr("意见")
            if self.all_versions.isChecked() and hit.version_id is not None:
                where = f"{where}（{self._version_label(hit.version_id)}）"
            row = QTreeWidgetItem(group, [where, ""])
            target = (hit.regulation_id, hit.version_id, hit.uid, hit.comment_id)
            row.setData(0, TARGET_ROLE, target)
            row.setToolTip(1, hit.text)
            label = QLabel(marked_html(hit.text, hit.highlights), self.results)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.results.setItemWidget(row, 1, label)
        self.status.setText(
            self.tr("找到 {hits} 处，{regulations} 件法规").format(
                hits=len(hits), regulations=len(groups)
            )
        )

    def _version_label(self, version_id: int) -> str:
        """The label of a version (征求意见稿), '' when it cannot be read."""
        from storage.library import LibraryError

        library = self._library()
        try:
            return library.version(version_id).label if library is not None else ""
        except LibraryError:
            return ""

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, TARGET_ROLE)
        if target:
            self.open_requested.emit(*target)


def _date(text: str, *, end: bool = False) -> dt.date | None:
    """A date typed as 2010-01-01 (or 2010/1/1, 2010.1.1, or a year: its first day, its last
    with ``end``); None when blank. ValueError else."""
    text = text.strip()
    if not text:
        return None
    parts = [p for p in text.replace("/", "-").replace(".", "-").split("-") if p]
    if len(parts) == 1 and len(parts[0]) == 4:
        parts += ["12", "31"] if end else ["1", "1"]
    if len(parts) != 3:
        raise ValueError(text)
    return dt.date(*(int(p) for p in parts))
