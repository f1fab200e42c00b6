"""在法规库中查找 (Ctrl+Shift+F): one line to search, the hits listed, a double click opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafting.edit.find import FindOptions
from ui.library.library_search import LibraryHit

#: How the dialog searches: (needle, options) → hits. ``search_library`` on the open library
#: today; the full-text index later, behind the same call.
Searcher = Callable[[str, FindOptions], list[LibraryHit]]


class LibrarySearchDialog(QDialog):
    """Search the latest version of every regulation and its comments; open a hit."""

    def __init__(
        self,
        searcher: Searcher,
        opener: Callable[[LibraryHit], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("library_search")
        self.setWindowTitle(self.tr("在法规库中查找"))
        self.resize(760, 460)
        self._searcher = searcher
        self._opener = opener
        self.hits: list[LibraryHit] = []
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("查找：")))
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("在各法规的最新稿次和意见中查找"))
        row.addWidget(self.find_edit, 1)
        self.search_button = QPushButton(self.tr("查找"))
        self.search_button.setDefault(True)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        self.results = QTreeWidget()
        self.results.setObjectName("library_search_results")
        self.results.setHeaderLabels(
            [self.tr("法规"), self.tr("稿次"), self.tr("位置"), self.tr("内容")]
        )
        self.results.setRootIsDecorated(False)
        self.results.setColumnWidth(0, 180)
        self.results.setColumnWidth(1, 90)
        self.results.setColumnWidth(2, 80)
        layout.addWidget(self.results, 1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search_button.clicked.connect(self.search)
        self.find_edit.returnPressed.connect(self.search)
        self.results.itemActivated.connect(self._open)
        self.results.itemDoubleClicked.connect(self._open)

    def search(self) -> int:
        """Run the search for the words typed; returns how many hits are listed."""
        needle = self.find_edit.text().strip()
        self.results.clear()
        self.hits = self._searcher(needle, FindOptions()) if needle else []
        for i, hit in enumerate(self.hits):
            item = QTreeWidgetItem([hit.regulation, hit.version_label, hit.place, hit.text])
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            item.setToolTip(3, hit.text)
            self.results.addTopLevelItem(item)
        self.count_label.setText(
            self.tr("共 {0} 处（双击打开）").format(len(self.hits)) if needle else ""
        )
        return len(self.hits)

    def open_hit(self, row: int) -> None:
        """Open hit ``row`` in the window (the version shown, the article selected)."""
        self._opener(self.hits[row])

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.open_hit(int(item.data(0, Qt.ItemDataRole.UserRole)))
