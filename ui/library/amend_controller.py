"""稿次 → 应用修改决定…: apply a 修改决定 (.txt/.docx) to the version shown and, when the drafter
says so, store the result as a new working draft of the same regulation (issue 11 §5, F16).

Reading the decision and applying it (``drafting.amend.target.amend_file``) runs off the GUI
thread with progress and 取消 (``ui.shell.jobs.run_job``): it only reads, so 取消 at any point
leaves nothing behind. The result dialog lists what applied and what failed with its reason;
only 保存为新稿次 writes, in one transaction (``Library.add_version``): the new version's
parent is the version shown, its uids are that version's (as ``apply_decision`` keeps them),
its note names the decision. It is deleted like any working draft (稿次 → 删除工作稿).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from drafting.jobs import Cancelled, CancelToken, Progress
from ui.library.amend_dialog import AmendResultDialog
from ui.shell import settings
from ui.shell.errors import show_warning
from ui.shell.jobs import run_job
from ui.shell.workspace import Changes, Workspace

if TYPE_CHECKING:
    from drafting.amend.target import AmendOutcome
    from storage.library import VersionInfo

log = logging.getLogger("lifa.amend")

UNCHANGED = "法规库没有改动。"


class AmendController(QObject):
    """Runs 应用修改决定 on the workspace's version; reports through the workspace."""

    def __init__(self, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._window = window
        #: Saves edits not yet in the library first (the editor's autosave ``save_now``):
        #: the decision applies to the text on screen. The window sets it.
        self.save_pending: Callable[[], bool] = lambda: True
        #: The outcome of the last decision applied (tests and the screenshot read it).
        self.last_outcome: AmendOutcome | None = None

    def choose_file(self) -> Path | None:
        """The decision file the drafter picks, or None."""
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("选择修改决定"),
            settings.last_folder(),
            self.tr("修改决定 (*.docx *.txt);;所有文件 (*)"),
        )
        if not name:
            return None
        settings.remember_folder(name)
        return Path(name)

    def apply_to_current(self, path: Path | None = None) -> VersionInfo | None:
        """应用修改决定…: choose a decision (unless ``path``), apply it to the version shown,
        show the result, store it as a new working draft on 保存为新稿次. Returns the new
        version (selected and shown), or None when nothing was stored."""
        from drafting.amend.target import amend_file, decision_note
        from drafting.errors import ParseError
        from storage.library import LibraryError

        version = self._workspace.version
        if version is None:
            show_warning(
                self._window,
                self.tr("无法应用修改决定"),
                self.tr("没有打开稿次。"),
                self.tr("请先在左侧法规库中选择要修改的稿次。"),
            )
            return None
        if not self.save_pending():
            return None
        if path is None:
            path = self.choose_file()
            if path is None:
                return None
        library = self._workspace.library
        base_id = version.id

        def work(progress: Progress, _cancel: CancelToken) -> AmendOutcome:
            # Off the GUI thread, on the worker's own connection; it only reads.
            progress(0, 2, self.tr("读取稿次"))
            draft = library.load_draft(base_id)
            progress(1, 2, self.tr("按修改决定修改"))
            outcome = amend_file(draft, path)
            progress(2, 2, self.tr("完成"))
            return outcome

        try:
            outcome = run_job(self._window, self.tr("应用修改决定"), work)
        except Cancelled:
            self._workspace.say(self.tr("已取消应用修改决定"))
            return None
        except (ParseError, OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self._refused(self.tr("无法读取修改决定"), f"{path.name}：{reason}")
            return None
        except LibraryError as exc:
            self._refused(self.tr("无法应用修改决定"), str(exc))
            return None
        self.last_outcome = outcome
        name = f"《{version.title}》「{version.label}」"
        if not AmendResultDialog.choose(outcome, name, path.name, self._window):
            self._workspace.say(self.tr("未保存：修改决定没有存入法规库"))
            return None
        try:
            created = library.add_version(
                base_id,
                outcome.draft,
                note=decision_note(path.name, outcome),
                detail=self.tr("按修改决定（{0}）由「{1}」生成").format(path.name, version.label),
            )
        except LibraryError as exc:
            self._refused(self.tr("无法保存新稿次"), str(exc))
            return None
        log.info("按修改决定 %s 由稿次 %s 生成稿次 %s", path.name, base_id, created.id)
        self._workspace.notify(Changes("应用修改决定", versions=True, select_version=created.id))
        failed = (
            self.tr("，{0} 项未能执行").format(len(outcome.failed)) if outcome.failed else ""
        )
        self._workspace.say(
            self.tr("已按修改决定存为新工作稿（执行 {0} 项{1}）；可用“与上一稿次比较”核对").format(
                len(outcome.applied), failed
            )
        )
        return created

    def _refused(self, title: str, message: str) -> None:
        log.warning("%s: %s", title, message)
        show_warning(self._window, title, message, self.tr(UNCHANGED))
