"""导入参考法规 in the background: files and folders, with progress and 取消.

The work is ``storage.references.import_references`` (the same as ``app.py reference
import``), run by ``ui.shell.jobs.start_job`` without blocking the window. Each reference is
stored in its own transaction, so 取消 keeps those already imported (the message says how
many) and importing the same folder again adds only the rest: a 3,000-file import held in one
transaction would lock the library against autosave for minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from drafting.jobs import CancelToken, Progress

if TYPE_CHECKING:
    from storage.library import Library
    from storage.references import ImportReport
    from ui.shell.jobs import Job
    from ui.shell.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferenceImport", text)


def report_text(report: ImportReport) -> str:
    """One Chinese line on what an import did."""
    text = _tr("导入参考法规 {imported} 件，重复跳过 {duplicates} 件").format(
        imported=len(report.imported), duplicates=len(report.duplicates)
    )
    if report.failed:
        text += _tr("，{failed} 个文件无法读取").format(failed=len(report.failed))
    return text


def import_in_background(
    parent: QWidget,
    library: Library,
    paths: Sequence[Path],
    on_message: Callable[[str], object],
) -> Job:
    """Start importing ``paths`` as references; ``on_message`` gets the closing line (after
    success or 取消). Returns the running job."""
    from storage.references import import_references, reference_ids
    from ui.shell.jobs import start_job

    before = len(reference_ids(library))

    def work(progress: Progress, cancel: CancelToken) -> ImportReport:
        return import_references(library, paths, progress=progress, cancel=cancel)

    def cancelled() -> None:
        done = len(reference_ids(library)) - before
        on_message(_tr("已取消：此前已导入参考法规 {count} 件").format(count=done))

    return start_job(
        parent,
        _tr("导入参考法规"),
        work,
        modal=False,
        on_result=lambda report: on_message(report_text(report)),
        on_cancel=cancelled,
    )


def choose_and_import(parent: QWidget, workspace: Workspace, *, folder: bool) -> Job | None:
    """文件 → 导入参考法规: ask for files (or one folder) and import them in the background;
    afterwards the status bar says what was done and the library tree shows them under
    参考法规. None when the drafter chose nothing."""
    from ui.shell.workspace import Changes

    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, _tr("导入参考法规：选择文件夹"))
        paths = [Path(chosen)] if chosen else []
    else:
        names, _ = QFileDialog.getOpenFileNames(
            parent,
            _tr("导入参考法规"),
            "",
            _tr("法规文本 (*.md *.markdown *.txt *.docx);;所有文件 (*)"),
        )
        paths = [Path(name) for name in names]
    if not paths:
        return None

    def done(text: str) -> None:
        workspace.say(text)
        workspace.notify(Changes(_tr("导入参考法规"), versions=True))

    return import_in_background(parent, workspace.library, paths, done)
