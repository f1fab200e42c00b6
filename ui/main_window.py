"""The main window: library tree, outline and reading pane. It wires widgets and delegates."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QWidget,
)

from drafting.model import Draft, UnitKind
from drafting.numbering import Number, compute_numbers
from ui import settings
from ui.actions import Actions
from ui.errors import show_warning
from ui.house_document import printed_stage
from ui.import_controller import ImportController, importable_paths
from ui.library_model import LibraryModel
from ui.outline_model import OutlineModel
from ui.reading_view import ReadingView
from ui.status_text import selection_text

if TYPE_CHECKING:
    from storage.library import Library, VersionInfo

log = logging.getLogger("lifa.ui")


class MainWindow(QMainWindow):
    """The 立法工作台 window over one open library."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("立法工作台"))
        self._library = library
        self._version: VersionInfo | None = None
        self._draft: Draft | None = None
        self._numbers: dict[str, Number] = {}
        self._following_text = False  # the outline follows a click in the text: do not scroll

        self.acts = Actions(self)
        self.importer = ImportController(self, lambda: self._library)

        # ---- widgets ----
        self.library_model = LibraryModel(self)
        self.library_view = QTreeView()
        self.library_view.setObjectName("library_view")
        self.library_view.setHeaderHidden(True)
        self.library_view.setModel(self.library_model)
        self.library_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.library_dock = QDockWidget(self.tr("法规库"), self)
        self.library_dock.setObjectName("dock_library")
        self.library_dock.setWidget(self.library_view)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self.outline_model = OutlineModel(self)
        self.outline_view = QTreeView()
        self.outline_view.setObjectName("outline_view")
        self.outline_view.setHeaderHidden(True)
        self.outline_view.setUniformRowHeights(True)  # fast with 1,260 articles
        self.outline_view.setModel(self.outline_model)
        self.reading_view = ReadingView()
        self.reading_view.setObjectName("reading_view")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("centre_splitter")
        self.splitter.addWidget(self.outline_view)
        self.splitter.addWidget(self.reading_view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 900])
        self.setCentralWidget(self.splitter)

        self.toolbar = QToolBar(self.tr("工具栏"), self)
        self.toolbar.setObjectName("toolbar_main")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)

        self.selection_label = QLabel()
        self.location_label = QLabel()
        self.statusBar().addPermanentWidget(self.selection_label)
        self.statusBar().addPermanentWidget(self.location_label)

        self.acts.build_menus(self.menuBar())
        self.acts.build_toolbar(self.toolbar)
        self.acts.add_view_toggle(self.library_dock.toggleViewAction())
        self.acts.add_view_toggle(self.toolbar.toggleViewAction())
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self.resizeDocks([self.library_dock], [280], Qt.Orientation.Horizontal)

        self._wire()
        self._restore_layout()
        self.set_library(library)

    def _wire(self) -> None:
        """Every signal connection of the window, in one place."""
        a = self.acts
        a.import_file.triggered.connect(self.importer.choose_and_import)
        a.open_library.triggered.connect(self.choose_library)
        a.new_library.triggered.connect(self.create_library)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self.show_about)
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.importer.imported.connect(self._on_imported)
        self.importer.message.connect(self.show_message)
        self.library_view.selectionModel().currentChanged.connect(self._on_library_current)
        self.outline_view.selectionModel().currentChanged.connect(self._on_outline_current)
        self.reading_view.unit_activated.connect(self._on_text_unit)

    # ---- state ------------------------------------------------------------------------------

    @property
    def library(self) -> Library:
        """The open library."""
        return self._library

    @property
    def version(self) -> VersionInfo | None:
        """The version shown, or None."""
        return self._version

    @property
    def draft(self) -> Draft | None:
        """The text of the version shown, or None."""
        return self._draft

    def show_message(self, text: str) -> None:
        """A status-bar message that stays until the next one."""
        self.statusBar().showMessage(text)

    # ---- library ----------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show another library (closing the previous one) and select its first version."""
        if library is not self._library:
            self._library.close()
            self._library = library
        location = str(library.location)
        self.location_label.setText(self.tr("法规库：{0}").format(location))
        self.location_label.setToolTip(location)
        settings.add_recent_library(location)
        self._show_version(None)
        self.reload_library()
        first = self.library_model.index(0, 0)
        if first.isValid():
            self.library_view.setCurrentIndex(
                self.library_model.index(0, 0, first)
                if self.library_model.rowCount(first)
                else first
            )

    def reload_library(self, select_version: int | None = None) -> None:
        """Re-read the regulation list; keep (or move) the selection to a version."""
        keep = (
            select_version
            if select_version is not None
            else (self._version.id if self._version else None)
        )
        self.library_model.set_regulations(self._library.regulations())
        self.library_view.expandAll()
        if keep is not None:
            index = self.library_model.index_for_version(keep)
            if index.isValid():
                self.library_view.setCurrentIndex(index)
                self.library_view.scrollTo(index)

    def open_library_at(self, location: str) -> bool:
        """Open a library file (or URL) and show it; a warning and False if it cannot be opened."""
        from storage.library import Library, LibraryError

        try:
            library = Library.open(location)
        except LibraryError as exc:
            show_warning(
                self,
                self.tr("无法打开法规库"),
                str(exc),
                self.tr("请确认文件存在且是立法工作台的法规库。"),
            )
            return False
        self.set_library(library)
        return True

    def _library_filter(self) -> str:
        return self.tr("法规库 (*.sqlite3 *.sqlite *.db);;所有文件 (*)")

    def choose_library(self) -> None:
        """文件 → 打开法规库…"""
        start = str(Path(str(self._library.location)).parent)
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("打开法规库"), start, self._library_filter()
        )
        if name:
            self.open_library_at(name)

    def create_library(self) -> None:
        """文件 → 新建法规库…: a new, empty library file."""
        start = str(Path(str(self._library.location)).parent / "新法规库.sqlite3")
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("新建法规库"),
            start,
            self._library_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".sqlite3")
        if path.exists():
            show_warning(
                self,
                self.tr("无法新建法规库"),
                self.tr("文件“{0}”已经存在。").format(path),
                self.tr("请换一个文件名；要打开它，请用“打开法规库”。"),
            )
            return
        self.open_library_at(str(path))

    def _fill_recent_menu(self) -> None:
        self.acts.fill_recent_menu(
            settings.recent_libraries(), str(self._library.location), self.open_library_at
        )

    # ---- selection --------------------------------------------------------------------------

    def _on_library_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        version = self.library_model.version_at(current)
        if version is None:
            regulation = self.library_model.regulation_at(current)
            child = self.library_model.index(0, 0, current) if regulation else QModelIndex()
            version = self.library_model.version_at(child)
        self._show_version(version)

    def _show_version(self, version: VersionInfo | None) -> None:
        if version is not None and self._version is not None and version.id == self._version.id:
            return
        self._version = version
        self._draft = self._library.load_draft(version.id) if version else None
        self._numbers = compute_numbers(self._draft) if self._draft else {}
        self.outline_model.set_draft(self._draft)
        self.outline_view.expandAll()
        stage = printed_stage(version.label, version.stage) if version else ""
        self.reading_view.show_draft(self._draft, stage)
        title = self.tr("立法工作台")
        if self._draft is not None and version is not None:
            title = f"{self._draft.title}（{version.label or version.stage}） — {title}"
        self.setWindowTitle(title)
        self._update_selection_status(None)

    def _on_outline_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit = self.outline_model.unit_at(current)
        if unit is None:
            self._update_selection_status(None)
            return
        self.reading_view.show_unit(unit.uid, scroll=not self._following_text)
        self._update_selection_status(unit.uid)

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

    def select_unit(self, uid: str) -> bool:
        """Select a heading or article in the outline (the text scrolls to it)."""
        index = self.outline_model.index_for_uid(uid)
        if index.isValid():
            self.outline_view.setCurrentIndex(index)
            self.outline_view.scrollTo(index)
        return index.isValid()

    def _update_selection_status(self, uid: str | None) -> None:
        if self._draft is None:
            self.selection_label.setText("")
            return
        unit = self._draft.find(uid) if uid else None
        number = self._numbers.get(uid) if uid else None
        heading = unit.heading if unit is not None and unit.kind is not UnitKind.ARTICLE else ""
        self.selection_label.setText(selection_text(number, heading, self._draft.counts()))

    # ---- import -----------------------------------------------------------------------------

    def _on_imported(self, version: VersionInfo) -> None:
        self.reload_library(select_version=version.id)
        self.library_view.setFocus()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if importable_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if importable_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = importable_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.importer.import_paths(paths)

    # ---- window -----------------------------------------------------------------------------

    def show_about(self) -> None:
        """帮助 → 关于."""
        QMessageBox.about(
            self,
            self.tr("关于立法工作台"),
            self.tr(
                "立法工作台 0.1\n\n地方性法规的起草、稿次管理与征求意见工作台。\n\n法规库：{0}"
            ).format(self._library.location),
        )

    def _restore_layout(self) -> None:
        geometry = settings.load_bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.load_bytes("window/state")
        if state is not None:
            self.restoreState(state)
        sizes = settings.load_bytes("window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def save_layout(self) -> None:
        """Remember the window's size, docks and splitter for the next start."""
        settings.save_bytes("window/geometry", self.saveGeometry())
        settings.save_bytes("window/state", self.saveState())
        settings.save_bytes("window/splitter", self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
