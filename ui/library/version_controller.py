"""The 稿次 menu's work: freeze a working draft, start a new one, edit its properties, delete a
working draft, rename or delete a regulation.

The controller asks (dialogs, confirmations), calls the library and reports through signals;
the main window reloads the tree. A refused operation shows a Chinese message and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from drafting.jobs import Cancelled, CancelToken, Progress
from ui.library.version_dialogs import (
    FreezeVersionDialog,
    RenameRegulationDialog,
    VersionProperties,
    VersionPropertiesDialog,
)
from ui.shell.errors import show_warning
from ui.shell.jobs import run_job
from ui.shell.workspace import Changes, Workspace

if TYPE_CHECKING:
    from storage.library import Library, RegulationInfo, VersionInfo

log = logging.getLogger("lifa.versions")


def version_title(version: VersionInfo) -> str:
    """A version as a column heading: 一审稿（2026-11-20）, or 工作稿."""
    if not version.frozen:
        return version.label
    day = (version.date or version.created.date()).isoformat()
    return f"{version.label}（{day}）"


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question, 否 by default (a destructive operation is never the default)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class VersionController(QObject):
    """Runs the version and regulation operations on the workspace's library.

    Each operation ends in one workspace notice (``versions``, with the version to select, or
    ``regulation_removed``) and one status line.
    """

    def __init__(
        self,
        workspace: Workspace,
        window: QWidget,
        current_regulation: Callable[[], RegulationInfo | None],
    ) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._window = window  # the parent of dialogs
        self._regulation = current_regulation
        #: Saves edits not yet in the library (the editor's autosave ``save_now``); True when
        #: the library holds the text as shown. Freezing or copying a draft runs it first, so
        #: the frozen version is the text on screen.
        self.save_pending: Callable[[], bool] = lambda: True
        #: Drops the pending autosave of a version just deleted (the editor's autosave
        #: ``forget``), so that it never saves to an id that is gone.
        self.forget_pending: Callable[[int], None] = lambda _version_id: None

    @property
    def _library(self) -> Library:
        return self._workspace.library

    def _changed(self, select_version: int | None) -> None:
        """The library's versions changed: one notice (select ``select_version`` afterwards)."""
        self._workspace.notify(Changes("稿次", versions=True, select_version=select_version))

    # ---- versions ---------------------------------------------------------------------------

    def freeze_current(self) -> VersionInfo | None:
        """冻结为稿次…: freeze the working draft shown; perhaps go on in a new working draft.

        Returns the version to show next (the new working draft, or the frozen one).
        """
        from storage.library import LibraryError

        version = self._workspace.version
        if version is None or version.frozen or not self.save_pending():
            return None
        regulation = self._regulation()
        frozen_labels = [v.label for v in regulation.versions if v.frozen] if regulation else []
        data, accepted = FreezeVersionDialog.get_data(self._window, version.title, frozen_labels)
        if not accepted:
            return None
        library = self._library

        def work(
            _progress: Progress, cancel: CancelToken
        ) -> tuple[VersionInfo, VersionInfo | None, LibraryError | None]:
            # Off the GUI thread, on the worker's own connection. Freezing is one short
            # transaction that cannot be half-done: 取消 is refused from the start.
            cancel.commit()
            frozen = library.freeze(
                version.id, label=data.label, stage=data.stage, note=data.note, date=data.date
            )
            if not data.continue_working:
                return frozen, None, None
            try:
                return frozen, library.new_working_draft(frozen.id), None
            except LibraryError as exc:  # the freeze stands; said after the job
                return frozen, None, exc

        try:
            frozen, working, not_copied = run_job(self._window, self.tr("冻结为稿次"), work)
        except Cancelled:  # only before the work began: nothing was frozen
            return None
        except LibraryError as exc:
            self._refused(self.tr("无法冻结稿次"), exc)
            return None
        log.info("冻结稿次 %s 为 %s", version.id, data.label)
        shown = frozen
        text = self.tr("已冻结为“{0}”").format(frozen.label)
        if not_copied is not None:
            self._refused(
                self.tr("无法新建工作稿"),
                not_copied,
                self.tr("稿次已冻结；可以稍后用“从此稿次新建工作稿”继续修改。"),
            )
        elif working is not None:
            shown = working
            text += self.tr("，并由它新建了工作稿")
        self._changed(shown.id)
        self._workspace.say(text)
        return shown

    def new_working_draft_from_current(self) -> VersionInfo | None:
        """从此稿次新建工作稿: a working draft copied from the version shown (frozen or not)."""
        from storage.library import LibraryError

        version = self._workspace.version
        if version is None or not self.save_pending():
            return None
        try:
            working = self._library.new_working_draft(version.id)
        except LibraryError as exc:
            self._refused(self.tr("无法新建工作稿"), exc)
            return None
        self._changed(working.id)
        self._workspace.say(self.tr("已由“{0}”新建工作稿").format(version.label))
        return working

    def edit_current_properties(self) -> VersionInfo | None:
        """稿次属性…: label, stage and note of the working draft shown."""
        from storage.library import LibraryError

        version = self._workspace.version
        if version is None or version.frozen:
            return None
        current = VersionProperties(label=version.label, stage=version.stage, note=version.note)
        data, accepted = VersionPropertiesDialog.get_data(self._window, current)
        if not accepted or data == current:
            return None
        try:
            updated = self._library.update_version(
                version.id, label=data.label, stage=data.stage, note=data.note
            )
        except LibraryError as exc:
            self._refused(self.tr("无法修改稿次属性"), exc)
            return None
        self._changed(updated.id)
        self._workspace.say(self.tr("已修改稿次属性"))
        return updated

    def delete_current_version(self) -> bool:
        """删除工作稿…: delete the working draft shown, after a confirmation."""
        from storage.library import LibraryError

        version = self._workspace.version
        if version is None or version.frozen:
            return False
        if not confirm(
            self._window,
            self.tr("删除工作稿"),
            self.tr(
                "确定要删除《{0}》的“{1}”吗？\n\n此工作稿的正文将一并删除，且不能撤销。"
            ).format(version.title, version.label),
        ):
            return False
        regulation = self._regulation()
        try:
            self._library.delete_version(version.id)
        except LibraryError as exc:
            self._refused(self.tr("无法删除工作稿"), exc)
            return False
        # Before any event runs: an autosave due now would go to the deleted id.
        self.forget_pending(version.id)
        # Show what the deleted draft was made from, else the regulation's first version.
        others = [v for v in regulation.versions if v.id != version.id] if regulation else []
        parent = next((v for v in others if v.id == version.parent_id), None)
        following = parent or (others[0] if others else None)
        self._changed(following.id if following else None)
        self._workspace.say(self.tr("已删除工作稿“{0}”").format(version.label))
        return True

    def previous_version(self, version_id: int) -> VersionInfo | None:
        """The version this one was made from (与上一稿次比较), or None after a message when it
        has none left in the library."""
        from storage.library import LibraryError

        try:
            lineage = self._library.lineage(version_id)
        except LibraryError as exc:
            self._refused(self.tr("无法比较"), exc)
            return None
        if len(lineage) < 2:
            show_warning(
                self._window,
                self.tr("无法比较"),
                self.tr("“{0}”没有上一稿次。").format(lineage[0].label),
                self.tr("它是导入的第一稿；可以用“比较 → 比较两个稿次”选择其他稿次比较。"),
            )
            return None
        return lineage[1]

    # ---- regulations ------------------------------------------------------------------------

    def rename_current_regulation(self) -> bool:
        """重命名法规…"""
        from storage.library import LibraryError

        regulation = self._regulation()
        if regulation is None:
            return False
        title, accepted = RenameRegulationDialog.get_data(self._window, regulation.title)
        if not accepted or title == regulation.title:
            return False
        try:
            self._library.rename_regulation(regulation.id, title)
        except LibraryError as exc:
            self._refused(self.tr("无法重命名法规"), exc)
            return False
        self._changed(None)
        self._workspace.say(self.tr("已把《{0}》重命名为《{1}》").format(regulation.title, title))
        return True

    def delete_current_regulation(self) -> bool:
        """删除法规…: the regulation with every version, after a confirmation."""
        from storage.library import LibraryError

        regulation = self._regulation()
        if regulation is None:
            return False
        frozen = sum(1 for v in regulation.versions if v.frozen)
        if not confirm(
            self._window,
            self.tr("删除法规"),
            self.tr(
                "确定要删除《{0}》吗？\n\n它的全部 {1} 个稿次（其中 {2} 个已冻结）"
                "将一并从法规库中删除，且不能撤销。"
            ).format(regulation.title, len(regulation.versions), frozen),
        ):
            return False
        try:
            self._library.delete_regulation(regulation.id)
        except LibraryError as exc:
            self._refused(self.tr("无法删除法规"), exc)
            return False
        for gone in regulation.versions:
            self.forget_pending(gone.id)
        log.info("删除法规 %s《%s》", regulation.id, regulation.title)
        self._workspace.notify(Changes("删除法规", versions=True, regulation_removed=True))
        self._workspace.say(self.tr("已删除《{0}》").format(regulation.title))
        return True

    # ---- helpers ----------------------------------------------------------------------------

    def _refused(self, title: str, exc: Exception, advice: str = "") -> None:
        log.warning("%s: %s", title, exc)
        show_warning(self._window, title, str(exc), advice or self.tr("法规库没有改动。"))
