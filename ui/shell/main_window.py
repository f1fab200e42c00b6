"""The main window: library tree, outline and reading pane. It wires widgets and delegates.

What is open (library, version, draft) belongs to the window's ``Workspace``; the window builds
the widgets, hands the workspace to the controllers and refreshes its own parts (title, banner,
actions, status bar) from the workspace's one change notice.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QChildEvent, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabBar,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from drafting.model.units import UnitKind
from ui.comments.controller import CommentsController
from ui.compare.controller import CompareController
from ui.library.amend_controller import AmendController
from ui.library.history_view import HistoryView
from ui.library.import_controller import ImportController, importable_paths
from ui.library.reference_rows import fit_tree, store_reference_fact
from ui.library.tree_model import REGULATION_ID_ROLE, LibraryModel
from ui.library.unit_audit_panel import UnitAuditPanel
from ui.library.version_controller import VersionController
from ui.output.export_controller import ExportController
from ui.search.controller import SearchController
from ui.search.reference_import import choose_and_import
from ui.search.similar_controller import SimilarController
from ui.shell import settings
from ui.shell.actions import Actions
from ui.shell.errors import show_warning
from ui.shell.status_text import selection_text
from ui.shell.window_host import WindowHost
from ui.shell.workspace import Changes, Workspace
from ui.text.edit_hub import EditHub
from ui.text.edit_journal import recover, recovery_text
from ui.text.find_bar import FindBar, FindController
from ui.text.outline_model import OutlineModel
from ui.text.reading_view import ReadingView
from ui.text.text_views import TextViews

if TYPE_CHECKING:
    from storage.library import Library, RegulationInfo, VersionInfo

log = logging.getLogger("lifa.ui")

#: The short 使用说明 shown by F1.
HELP_FILE = Path(__file__).resolve().parents[2] / "resources" / "help.md"

#: By default the text pane gets over half the width: 法规库, the right-side tabs and 目录 share
#: the rest (fractions of the window's width).
DEFAULT_SHARES = (0.13, 0.22, 0.12)
#: The right-side docks' tabs: padding narrower than the style's so that the six names fit.
DOCK_TAB_STYLE = "QTabBar::tab { padding: 3px 5px; }"
#: The narrowest a side panel's contents may be made (px).
SIDE_MIN_WIDTH = 200


def drafter_for_audit() -> str:
    """The name the library's audit trail records: the drafter's as set, else the login name."""
    from storage.unit_audit import login_name

    return settings.user_name() or login_name()


class MainWindow(WindowHost):
    """The 立法工作台 window over one open library."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("立法工作台"))
        #: The one owner of what is open; everything below reads it and listens to it.
        self.workspace = Workspace(library, self)
        self._reselecting = False  # the tree's selection goes back after a refused switch
        self._shown_regulation: int | None = None  # whose status message is on screen

        ws = self.workspace
        self.acts = Actions(self)
        self.importer = ImportController(ws, self)
        self.versions = VersionController(ws, self, self.current_regulation)
        self.amender = AmendController(ws, self)  # 稿次 → 应用修改决定 (issue 11)
        self.exporter = ExportController(self, lambda: ws.draft, lambda: ws.version)
        self.comparer = CompareController(
            ws,
            self,
            self.current_regulation,
            self.open_centre_tab,
            lambda: self.centre_tabs.currentWidget(),
        )
        self._side_docks: list[QDockWidget] = []

        # ---- widgets ----
        self.library_model = LibraryModel(self)
        self.library_view = QTreeView()
        self.library_view.setObjectName("library_view")
        self.library_view.setHeaderHidden(True)
        self.library_view.setModel(self.library_model)
        # 参考法规: their facts are edited in the tree (issue 16).
        self.library_model.edit_reference = store_reference_fact(lambda: self._library)
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
        self.text_views = TextViews(
            ws, self.outline_model, self.outline_view, self.reading_view, self
        )
        self.editing = EditHub(ws, self.text_views, self.acts, self)  # editor, 检查, 援引, autosave
        # A slim banner above the text says when the version shown is frozen (read-only).
        self.version_banner = QLabel()
        self.version_banner.setObjectName("version_banner")
        self.version_banner.setWordWrap(True)
        self.version_banner.setStyleSheet(
            "QLabel { background: #fdf3d6; color: #6b4e00; border-bottom: 1px solid #e6d3a0;"
            " padding: 4px 8px; }"
        )
        self.version_banner.hide()
        self.reading_pane = QWidget()
        self.reading_pane.setObjectName("reading_pane")
        pane_layout = QVBoxLayout(self.reading_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.setSpacing(0)
        pane_layout.addWidget(self.version_banner)
        self.find_bar = FindBar()  # 查找/替换 (Ctrl+F, Ctrl+H), above the text
        pane_layout.addWidget(self.find_bar)
        self.finder = FindController(ws, self.reading_view, self.find_bar, self)
        # The editor goes under the reading pane, in a splitter the drafter can drag.
        self.text_splitter = QSplitter(Qt.Orientation.Vertical)
        self.text_splitter.setObjectName("text_splitter")
        self.text_splitter.addWidget(self.reading_view)
        self.text_splitter.addWidget(self.editing.editor)
        self.text_splitter.setStretchFactor(0, 1)
        self.text_splitter.setStretchFactor(1, 0)
        self.text_splitter.setChildrenCollapsible(False)
        self.text_splitter.setSizes([700, 140])
        pane_layout.addWidget(self.text_splitter, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("centre_splitter")
        self.splitter.addWidget(self.outline_view)
        self.splitter.addWidget(self.reading_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 900])
        # The centre holds the text (正文) and, as further closable tabs, comparisons; the tab bar
        # shows only when there is more than the text.
        self.centre_tabs = QTabWidget()
        self.centre_tabs.setObjectName("centre_tabs")
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.setTabBarAutoHide(True)
        self.centre_tabs.setTabsClosable(True)
        self.centre_tabs.addTab(self.splitter, self.tr("正文"))
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            self.centre_tabs.tabBar().setTabButton(0, side, None)  # type: ignore[arg-type]
        self.setCentralWidget(self.centre_tabs)

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
        self.history_view = HistoryView()
        self.comments = CommentsController(self)  # 意见: the first of the right-side tabs
        self.checks_dock = self.add_side_tab(self.tr("检查"), self.editing.checks, "dock_checks")
        self.references_dock = self.add_side_tab(
            self.tr("援引"), self.editing.references_panel, "dock_references"
        )
        self.statusBar().insertPermanentWidget(0, self.editing.save_label)
        # 历史 after 检查 and 援引: the side tabs read 意见/检查/援引/历史 (UI.md).
        self.history_dock = self.add_side_tab(self.tr("历史"), self.history_view, "dock_history")
        # 相似条文 (issue 16): the selected article against references and other drafts.
        self.similar = SimilarController(ws, self.text_views.selected_uid, self)
        self.similar_dock = self.add_side_tab(
            self.tr("相似条文"), self.similar.panel, "dock_similar"
        )
        self.unit_audit = UnitAuditPanel()  # 修改记录 of the article under the cursor
        self.unit_audit_dock = self.add_side_tab(
            self.tr("修改记录"), self.unit_audit, "dock_unit_audit"
        )
        # Tabbing adds each new dock in front; keep the first side tab (意见) in front.
        self.side_tabs()[0].raise_()
        # Panels may be narrow on a small screen rather than push the text and the status bar
        # off a 1280×720 screen; their rows of buttons and filters wrap (FlowLayout) there.
        for dock in (self.library_dock, *self._side_docks):
            content = dock.widget()
            content.setMinimumWidth(min(content.minimumSizeHint().width(), SIDE_MIN_WIDTH))
        self.splitter.setCollapsible(0, True)  # the outline folds away by dragging
        self.setAcceptDrops(True)
        self.first_start = True  # no size remembered for this screen: open maximised
        self._laid_out = False
        self.resize(1400, 900)
        self.resizeDocks([self.library_dock], [280], Qt.Orientation.Horizontal)

        self._wire()
        self._restore_layout()
        # Words typed before a crash (journaled, not yet saved) go back before any is shown.
        recovered = recover(library)
        self.set_library(library)
        #: The notice of what a crash recovery put back (None: nothing was recovered).
        self.recovery_box: QMessageBox | None = None
        if recovered is not None:
            self.show_message(recovery_text(recovered))
            if recovered.units or recovered.structure or recovered.skipped:
                # Said in a box too, once the window is up: a status line is missed easily.
                QTimer.singleShot(0, lambda: self._tell_recovered(recovery_text(recovered)))
        self._update_output_actions()

    def _tell_recovered(self, text: str) -> None:
        """The recovery notice as a message box (window-modal, not blocking the start)."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("已恢复未保存的修改"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("recovery_notice")
        box.setInformativeText(self.tr("恢复的修改已存入工作稿，请核对。"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_box = box
        box.finished.connect(lambda _code: setattr(self, "recovery_box", None))
        box.open()

    def _wire(self) -> None:
        """Every signal connection of the window, in one place."""
        a = self.acts
        ws = self.workspace
        ws.message.connect(self.show_message)  # the one status channel
        self.library_model.edit_refused.connect(self.show_message)
        self.text_views.wire()
        self.outline_model.mover = self.editing.move_from_drop  # a row dropped: a move
        self.editing.wire()  # first: a comparison must see the text saved
        self.history_view.compare_requested.connect(self.editing.autosave.save_now)
        ws.changed.connect(self._on_changed)  # after the text room: views first, then the frame
        self.finder.wire()  # after the reading pane is laid out again
        a.find.triggered.connect(lambda: self.finder.open_find(False))
        a.replace.triggered.connect(lambda: self.finder.open_find(True))
        a.find_next.triggered.connect(self.finder.find_next)
        a.find_previous.triggered.connect(self.finder.find_previous)
        # 全文检索 (Ctrl+Shift+F) over the index; what is typed is saved first (issue 16).
        self.searcher = SearchController(self, before_search=self.editing.autosave.save_now)
        a.search.triggered.connect(self.searcher.show)
        self.comments.wire()
        self.text_views.selection_changed.connect(self._update_selection_status)
        self.text_views.selection_changed.connect(self.show_unit_audit)
        self.editing.autosave.status_changed.connect(lambda _s: self.show_unit_audit())
        self.unit_audit_dock.visibilityChanged.connect(lambda _v: self.show_unit_audit())
        a.import_file.triggered.connect(self.importer.choose_and_import)
        a.import_references.triggered.connect(lambda: choose_and_import(self, ws, folder=False))
        a.import_reference_folder.triggered.connect(
            lambda: choose_and_import(self, ws, folder=True)
        )
        a.open_library.triggered.connect(self.choose_library)
        a.new_library.triggered.connect(self.create_library)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self.show_about)
        a.help.triggered.connect(self.show_help)
        a.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.importer.imported.connect(lambda _version: self.library_view.setFocus())
        self.library_view.selectionModel().currentChanged.connect(self._on_library_current)
        a.freeze_version.triggered.connect(self.versions.freeze_current)
        a.new_working_draft.triggered.connect(self.versions.new_working_draft_from_current)
        a.apply_amendment_decision.triggered.connect(lambda: self.amender.apply_to_current())
        a.version_properties.triggered.connect(self.versions.edit_current_properties)
        a.delete_version.triggered.connect(self.versions.delete_current_version)
        a.rename_regulation.triggered.connect(self.versions.rename_current_regulation)
        a.compare_with_parent.triggered.connect(lambda: self.compare_with_parent())
        self.history_view.compare_requested.connect(self.compare_with_parent)
        self.centre_tabs.tabCloseRequested.connect(self.close_centre_tab)
        a.delete_regulation.triggered.connect(self.versions.delete_current_regulation)
        # A freeze stops if edits on screen cannot be saved first (the frozen text is the one shown).
        self.versions.save_pending = self.editing.autosave.save_now
        self.versions.forget_pending = self.editing.autosave.forget
        self.amender.save_pending = self.editing.autosave.save_now  # applied to the text shown
        self.comparer.save_pending = self.editing.autosave.save_now  # F5 in a comparison
        self.history_view.version_activated.connect(self.open_version)
        # 导出 / 比较
        a.export_word.triggered.connect(lambda: self.exporter.export_word())
        a.export_pdf.triggered.connect(lambda: self.exporter.export_pdf())
        a.export_akn.triggered.connect(lambda: self.exporter.export_akn())
        a.print_preview.triggered.connect(self.exporter.print_preview)
        a.compare_versions.triggered.connect(self.comparer.compare_versions)
        a.compare_files.triggered.connect(self.comparer.compare_files)
        a.export_comparison_table.triggered.connect(lambda: self.comparer.export_table())
        a.export_tracked_draft.triggered.connect(lambda: self.comparer.export_tracked())
        a.draft_amendment_decision.triggered.connect(lambda: self.comparer.draft_decision())
        self.exporter.message.connect(ws.say)
        self.comparer.comment_activated.connect(self.show_comment)
        self.centre_tabs.currentChanged.connect(self._update_output_actions)
        self.library_view.selectionModel().currentChanged.connect(self._update_output_actions)
        for key in ("export", "compare"):
            a.menus[key].aboutToShow.connect(self._update_output_actions)

    # ---- state ------------------------------------------------------------------------------

    @property
    def _library(self) -> Library:
        return self.workspace.library

    @property
    def _version(self) -> VersionInfo | None:
        return self.workspace.version

    def _on_changed(self, changes: Changes) -> None:
        """The window's own parts after any operation: tree, title, banner, actions, status."""
        if changes.versions:
            if changes.regulation_removed:
                self._on_regulation_removed()
            else:
                self.reload_library(select_version=changes.select_version)
        if changes.text_all:
            self.centre_tabs.setCurrentWidget(self.splitter)  # a version chosen is to be read
            shown = self._version.regulation_id if self._version is not None else None
            if shown != self._shown_regulation and self._shown_regulation is not None:
                # What was said about the previous regulation is not about this one.
                self.statusBar().clearMessage()
            self._shown_regulation = shown
        if changes.text_all or changes.version:
            self._update_title()
            self._update_version_state()
            self._update_output_actions()
        if changes.text_all:
            self._update_selection_status(None)
        elif changes.structure:
            self._update_selection_status(self.text_views.selected_uid())
            if self._version is not None:  # 历史 shows the count of the text as it is now
                self.history_view.show_articles(self._version.id, self.workspace.counts().articles)

    def show_comment(self, regulation_id: int, comment_id: int) -> bool:
        """Show a comment (from a comparison's 相关意见) in the 意见 tab beside the 正文."""
        if self.comments.regulation_id != regulation_id:
            self.show_message(self.tr("该意见属于另一部法规：请先在法规库中打开该法规的稿次"))
            return False
        self.centre_tabs.setCurrentWidget(self.splitter)
        self.comments.dock.show()
        self.comments.dock.raise_()
        if not self.comments.reveal(comment_id):
            self.show_message(self.tr("找不到该意见，可能已被删除"))
            return False
        return True

    # ---- library ----------------------------------------------------------------------------

    def set_library(self, library: Library) -> bool:
        """Show another library (closing the previous one) and select its first version.

        False when the drafter chose to stay (edits that could not be saved, 取消): the window
        keeps its library and ``library``, if another one, is closed.
        """
        if hasattr(self, "editing") and not self.editing.before_switch():
            if library is not self._library:
                library.close()
            return False
        library.user_name = drafter_for_audit  # the audit trail names the drafter (settings)
        self.workspace.set_library(library)  # closes the previous one; nothing shown yet
        location = str(library.location)
        self.location_label.setText(self.tr("法规库：{0}").format(location))
        self.location_label.setToolTip(location)
        settings.add_recent_library(location)
        if not self.reload_library():
            self.library_model.set_regulations([])  # never the previous library's list
        first = self.library_model.index(0, 0)
        if first.isValid():
            self.library_view.setCurrentIndex(
                self.library_model.index(0, 0, first)
                if self.library_model.rowCount(first)
                else first
            )
        return True

    def reload_library(self, select_version: int | None = None) -> bool:
        """Re-read the regulation list; keep (or move) the selection to a version.

        False (after a warning, the tree as it was) when the library cannot be read.
        """
        from storage.library import LibraryError

        keep = (
            select_version
            if select_version is not None
            else (self._version.id if self._version else None)
        )
        from storage.references import references

        try:
            regulations = self._library.regulations()
            reference_list = references(self._library)  # shown apart, under 参考法规
        except LibraryError as exc:
            log.warning("无法读取法规库：%s", exc)
            show_warning(
                self,
                self.tr("无法读取法规库"),
                str(exc),
                self.tr("法规库可能被其他程序锁定或暂时无法访问，请稍后再试。"),
            )
            return False
        self.library_model.set_regulations(regulations, reference_list)
        if keep is not None:
            index = self.library_model.index_for_version(keep)
            if index.isValid():
                self.library_view.setCurrentIndex(index)
                self.library_view.scrollTo(index)
        fit_tree(self.library_view, self.library_model)
        self._update_version_state()
        return True

    def open_library_at(self, location: str, *, create: bool = False) -> bool:
        """Open a library file (or URL) and show it; a warning and False if it cannot be opened.

        A missing file is made only with ``create`` (新建法规库), never by 打开 or a recent entry.
        """
        from storage.library import Library, LibraryError

        try:
            library = Library.open(location, create=create)
        except LibraryError as exc:
            show_warning(
                self,
                self.tr("无法打开法规库"),
                str(exc),
                self.tr("请确认文件存在且是立法工作台的法规库。"),
            )
            return False
        return self.set_library(library)  # False: the drafter stayed (unsaved edits)

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
        self.open_library_at(str(path), create=True)

    def _fill_recent_menu(self) -> None:
        self.acts.fill_recent_menu(
            settings.recent_libraries(), str(self._library.location), self.open_library_at
        )

    # ---- selection --------------------------------------------------------------------------

    def _on_library_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reselecting:
            return
        current = current.siblingAtColumn(0)  # a reference's place or date column clicked
        version = self.library_model.version_at(current)
        if version is None and current.isValid() and not current.data(REGULATION_ID_ROLE):
            return  # 参考法规 or a place opened: the text shown stays
        if version is None:
            regulation = self.library_model.regulation_at(current)
            child = self.library_model.index(0, 0, current) if regulation else QModelIndex()
            version = self.library_model.version_at(child)
        self._show_version(version)

    def _show_version(self, version: VersionInfo | None) -> None:
        current = self.workspace.version
        if version is not None and current is not None and version.id == current.id:
            # The same text, perhaps with new details (frozen, label): no reload of the text.
            self.workspace.update_version(version)
            self._update_version_state()
            return
        if version is None and current is None and self.workspace.draft is None:
            return
        from storage.library import LibraryError

        # Read the new text first: if it cannot be read, nothing changes (no edits dropped).
        try:
            draft = self._library.load_draft(version.id) if version else None
        except LibraryError as exc:
            log.warning("无法打开稿次 %s：%s", version.id if version else None, exc)
            show_warning(
                self,
                self.tr("无法打开稿次"),
                str(exc),
                self.tr("仍显示原来的稿次。该稿次可能已在别处删除，或法规库暂时无法访问。"),
            )
            self._reselect_shown()
            return
        if not self.editing.before_switch():
            self._reselect_shown()  # 取消: the edits stay, and so does the version shown
            return
        self.workspace.show(version, draft)

    def _reselect_shown(self) -> None:
        """Put the library tree's selection back on the version shown (a switch was refused)."""
        if self._reselecting:
            return
        index = (
            self.library_model.index_for_version(self._version.id)
            if self._version is not None
            else QModelIndex()
        )
        self._reselecting = True  # the tree's currentChanged must not switch (or ask) again
        try:
            if index.isValid():
                self.library_view.setCurrentIndex(index)
            else:
                self.library_view.selectionModel().clearCurrentIndex()
        finally:
            self._reselecting = False
        self._update_version_state()

    def _update_title(self) -> None:
        title = self.tr("立法工作台")
        version = self._version
        draft = self.workspace.draft
        if draft is not None and version is not None:
            title = f"{draft.title}（{version.label or version.stage}） — {title}"
        self.setWindowTitle(title)

    def select_unit(self, uid: str) -> bool:
        """Select a heading or article in the outline (the text scrolls to it)."""
        return self.text_views.select_unit(uid)

    def show_unit_audit(self, uid: str | None = None) -> None:
        """修改记录: the records of the article (or heading) selected, with its 款, 项 and 目,
        and the version events of the regulation; nothing is read while the tab is hidden."""
        from storage.library import LibraryError

        if not self.unit_audit.isVisible():
            return
        uid = uid or self.text_views.selected_uid()
        ctx = self.workspace.context()
        version = self.workspace.version
        unit = ctx.units.get(uid) if ctx is not None and uid else None
        if unit is None or version is None or ctx is None:
            self.unit_audit.show_entries(None, [], {})
            return
        labels = {u.uid: ctx.full_label(u.uid) for u in unit.walk()}
        try:
            entries = self.workspace.library.history(version.regulation_id, labels)
        except LibraryError as exc:
            self.show_message(str(exc))
            return
        self.unit_audit.show_entries(ctx.full_label(unit.uid), entries, labels)

    def _update_selection_status(self, uid: str | None) -> None:
        ws = self.workspace
        ctx = ws.context()
        if ws.draft is None or ctx is None:
            self.selection_label.setText("")
            return
        unit = ctx.units.get(uid) if uid else None
        number = ws.numbers().get(uid) if uid else None
        heading = unit.heading if unit is not None and unit.kind is not UnitKind.ARTICLE else ""
        self.selection_label.setText(selection_text(number, heading, ws.counts()))

    # ---- versions (稿次) ---------------------------------------------------------------------

    def current_regulation(self) -> RegulationInfo | None:
        """The regulation selected in the library tree (or the one of the version shown)."""
        regulation = self.library_model.regulation_at(self.library_view.currentIndex())
        if regulation is None and self._version is not None:
            index = self.library_model.index_for_regulation(self._version.regulation_id)
            regulation = self.library_model.regulation_at(index)
        return regulation

    def open_version(self, version_id: int) -> bool:
        """Select a version in the library tree, which shows it."""
        index = self.library_model.index_for_version(version_id)
        if index.isValid():
            self.library_view.setCurrentIndex(index)
            self.library_view.scrollTo(index)
        return index.isValid()

    def compare_with_parent(self, version_id: int | None = None) -> QWidget | None:
        """与上一稿次比较: the version (default: the one shown) against the version it was made
        from, opened as a comparison tab in the centre (with its exports)."""
        if version_id is None:
            version_id = self._version.id if self._version else None
        if version_id is None:
            return None
        previous = self.versions.previous_version(version_id)
        if previous is None:
            return None
        return self.comparer.compare_version_ids(previous.id, version_id)

    def open_centre_tab(self, widget: QWidget, title: str) -> int:
        """Show a widget (a comparison) as a closable tab in the centre and bring it forward."""
        index = self.centre_tabs.addTab(widget, title)
        self.centre_tabs.setTabToolTip(index, title)
        self.centre_tabs.setCurrentIndex(index)
        return index

    def close_centre_tab(self, index: int) -> None:
        """Close a centre tab (never the text itself)."""
        widget = self.centre_tabs.widget(index)
        if widget is None or widget is self.splitter:
            return
        self.centre_tabs.removeTab(index)
        widget.deleteLater()

    def _on_regulation_removed(self) -> None:
        self._show_version(None)
        self.reload_library()
        first = self.library_model.index(0, 0)
        if first.isValid():
            child = self.library_model.index(0, 0, first)
            self.library_view.setCurrentIndex(child if child.isValid() else first)
        self._update_version_state()

    def _update_version_state(self) -> None:
        """The frozen banner, the 稿次 actions and the 历史 tab, for the version shown."""
        version = self._version
        frozen = version is not None and version.frozen
        if frozen and version is not None:
            day = (version.date or version.created.date()).isoformat()
            self.version_banner.setText(
                self.tr(
                    "此稿次已冻结（只读）：{0} · {1}。要继续修改，请用“稿次 → 从此稿次新建工作稿”。"
                ).format(version.label, day)
            )
        self.version_banner.setVisible(frozen)
        working = version is not None and not version.frozen
        regulation = self.current_regulation()
        a = self.acts
        a.freeze_version.setEnabled(working)
        a.new_working_draft.setEnabled(version is not None)
        a.apply_amendment_decision.setEnabled(version is not None)
        a.version_properties.setEnabled(working)
        a.delete_version.setEnabled(working)
        a.compare_with_parent.setEnabled(
            version is not None
            and regulation is not None
            and any(v.id == version.parent_id for v in regulation.versions)
        )
        a.rename_regulation.setEnabled(regulation is not None)
        a.delete_regulation.setEnabled(regulation is not None)
        if regulation is not None:
            from storage.library import LibraryError

            try:  # the tree's list was read before the last saves: counts as stored now
                regulation = self._library.regulation(regulation.id)
            except LibraryError:
                pass
        self.history_view.set_regulation(regulation, version.id if version else None)
        if version is not None and self.workspace.draft is not None:
            self.history_view.show_articles(version.id, self.workspace.counts().articles)

    # ---- export and comparison (导出 / 比较) ---------------------------------------------------

    def _update_output_actions(self, *_args: object) -> None:
        """Enable 导出 for a version shown, 比较 for a regulation, the comparison's documents
        for a comparison tab in front."""
        a = self.acts
        for action in (a.export_word, a.export_pdf, a.export_akn, a.print_preview):
            action.setEnabled(self.workspace.draft is not None)
        a.compare_versions.setEnabled(self.current_regulation() is not None)
        shown = self.comparer.current_comparison()
        a.export_comparison_table.setEnabled(shown is not None)
        a.export_tracked_draft.setEnabled(shown is not None and shown[1] is not None)
        a.draft_amendment_decision.setEnabled(shown is not None)

    # ---- side tabs (意见 / 检查 / 援引 / 历史) -------------------------------------------------

    def add_side_tab(self, name: str, widget: QWidget, object_name: str = "") -> QDockWidget:
        """A docked tab on the right (tabbed with the others), with a show/hide entry under 视图.

        ``object_name`` (ASCII, stable) lets the window remember the tab's place and size.
        """
        dock = QDockWidget(name, self)
        dock.setObjectName(object_name or f"dock_side_{len(self._side_docks)}")
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if self._side_docks:
            self.tabifyDockWidget(self._side_docks[-1], dock)
        else:
            self.resizeDocks([dock], [360], Qt.Orientation.Horizontal)
        if self.isVisible():
            dock.show()  # added to a window already on screen: Qt may leave the dock hidden
        self._side_docks.append(dock)
        self.acts.add_view_toggle(dock.toggleViewAction())
        return dock

    def side_tabs(self) -> list[QDockWidget]:
        """The right-side docks, in the order they were added."""
        return list(self._side_docks)

    # ---- import -----------------------------------------------------------------------------

    # A file dragged from a file manager is always copied, never moved: a "Move" answer lets
    # the file manager delete the drafter's original.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_as_copy(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_as_copy(event)

    def _accept_as_copy(self, event: QDragMoveEvent | QDropEvent) -> bool:
        if not importable_paths(event.mimeData()) or not (
            event.possibleActions() & Qt.DropAction.CopyAction
        ):
            event.ignore()
            return False
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._accept_as_copy(event):
            return
        self.importer.import_paths(importable_paths(event.mimeData()))

    # ---- window -----------------------------------------------------------------------------

    def show_help(self) -> QDialog:
        """帮助 → 使用说明 (F1): resources/help.md in a window of its own."""
        dialog = getattr(self, "_help", None)
        if dialog is None:
            dialog = QDialog(self)
            dialog.setObjectName("help_dialog")
            dialog.setWindowTitle(self.tr("立法工作台 使用说明"))
            dialog.resize(640, 620)
            layout = QVBoxLayout(dialog)
            browser = QTextBrowser()
            browser.setObjectName("help_text")
            browser.setOpenExternalLinks(True)
            browser.setMarkdown(HELP_FILE.read_text(encoding="utf-8"))
            layout.addWidget(browser)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
            buttons.rejected.connect(dialog.reject)
            layout.addWidget(buttons)
            self._help = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def show_about(self) -> None:
        """帮助 → 关于."""
        QMessageBox.about(
            self,
            self.tr("关于立法工作台"),
            self.tr(
                "立法工作台 0.1\n\n地方性法规的起草、稿次管理与征求意见工作台。\n\n法规库：{0}"
            ).format(self._library.location),
        )

    def layout_key(self) -> str:
        """Where the layout is remembered: one per screen size (a laptop alone and docked to a
        large screen keep their own)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        size = screen.availableGeometry().size()
        return f"window/{size.width()}x{size.height()}"

    def _restore_layout(self) -> None:
        key = self.layout_key()
        geometry = settings.load_bytes(f"{key}/geometry")
        self.first_start = geometry is None
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.resize(screen.availableGeometry().size())  # what it shows when un-maximised
        state = settings.load_bytes(f"{key}/state")
        if state is not None and self.restoreState(state):
            self._laid_out = True
        sizes = settings.load_bytes(f"{key}/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def show_fitted(self) -> None:
        """Show the window: maximised on the first start on this screen, else as it was left."""
        if self.first_start:
            self.showMaximized()
        else:
            self.show()

    def apply_default_layout(self) -> None:
        """The panels' default widths for the window's width: the text over half of it."""
        width = self.width()
        library, side, outline = (int(width * share) for share in DEFAULT_SHARES)
        self.resizeDocks([self.library_dock], [library], Qt.Orientation.Horizontal)
        front = [d for d in self._side_docks if not d.visibleRegion().isEmpty()]
        self.resizeDocks(front or self._side_docks[:1], [side], Qt.Orientation.Horizontal)
        total = sum(self.splitter.sizes())
        self.splitter.setSizes([outline, max(total - outline, 1)])
        self._laid_out = True

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        # The docks' tab bars (意见 检查 援引 历史 相似条文 修改记录) are made by Qt as it lays the
        # docks out. With the style's wide tab padding the six names need about 340 px and were
        # cut to "相…" in the 280-px panel of a 1280-px window: narrower padding fits them.
        child = event.child()
        if event.type() == QEvent.Type.ChildPolished and isinstance(child, QTabBar):
            child.setStyleSheet(DOCK_TAB_STYLE)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._laid_out:
            self.apply_default_layout()
            width = self.width()
            # Maximising may give the window its size on screen only after this: lay out again
            # for that width (nothing was dragged yet).
            QTimer.singleShot(
                0, lambda: self.apply_default_layout() if self.width() != width else None
            )

    def save_layout(self) -> None:
        """Remember the window's size, docks and splitter for the next start on this screen."""
        key = self.layout_key()
        settings.save_bytes(f"{key}/geometry", self.saveGeometry())
        settings.save_bytes(f"{key}/state", self.saveState())
        settings.save_bytes(f"{key}/splitter", self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editing.may_close():
            event.ignore()
            return
        self.comments.shutdown()
        self.save_layout()
        super().closeEvent(event)
