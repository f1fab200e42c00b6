"""The 导出 menu's work: the official .docx, PDF, Akoma Ntoso XML and the print preview (Ctrl+P).

Everything exports the version shown in the window, with the stage label the reading pane
prints under its title (drafting.model.stages.printed_stage). A 1,260-article text takes about
0.2–0.6 s as .docx and 0.4–1 s as PDF, so every file is written off the GUI thread
(``ui.shell.jobs``) from a copy of the draft, with 取消 after 300 ms; the window stays drawn
but blocked meanwhile. A file that cannot be written (open in Word, a read-only folder) gives a
Chinese message box.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from drafting.jobs import Cancelled, CancelToken, Progress
from drafting.model.stages import printed_stage, stage_line
from ui.output.printing import PrintOptions
from ui.shell import settings
from ui.shell.errors import show_warning
from ui.shell.jobs import run_job

if TYPE_CHECKING:
    from drafting.model.units import Draft
    from storage.library import VersionInfo
    from ui.output.print_dialog import DraftPrintPreview

log = logging.getLogger("lifa.export")

_DIRECTORY_KEY = "export/directory"
#: Characters Windows refuses in file names, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(name: str, limit: int = 120) -> str:
    """``name`` usable as a file name on Windows and Linux: unsafe characters become _, no
    leading or trailing dots and spaces, at most ``limit`` characters."""
    name = _UNSAFE.sub("_", name).strip(" .\u3000")
    return name[:limit].rstrip(" .") or "法规"


def default_file_name(title: str, stage: str, suffix: str) -> str:
    """《X市公园条例》（征求意见稿）.docx — the title in book-title marks, then the stage."""
    title = title.strip().strip("《》") or "法规"
    stem = f"《{title}》" + stage_line(stage)
    return safe_file_name(stem) + suffix


def last_directory() -> str:
    """The folder of the last export (the documents folder before the first one)."""
    value = settings.open_settings().value(_DIRECTORY_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return settings.documents_folder()


def remember_directory(path: Path) -> None:
    """Remember the folder of a file just written, for the next export dialog."""
    store = settings.open_settings()
    store.setValue(_DIRECTORY_KEY, str(path.parent))
    store.sync()


def ask_save_path(parent: QWidget | None, caption: str, name: str, file_filter: str) -> Path | None:
    """A save dialog starting in the last export folder with ``name``; None when cancelled.

    The suffix of ``name`` is added when the user typed a name without one.
    """
    chosen, _ = QFileDialog.getSaveFileName(
        parent, caption, str(Path(last_directory()) / name), file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    suffix = Path(name).suffix
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    return path


def write_failed(parent: QWidget | None, path: Path, exc: OSError) -> None:
    """The message for a file that could not be written (it is open in Word, say)."""
    log.warning("导出失败 %s: %s", path, exc)
    reason = exc.strerror or str(exc)
    show_warning(
        parent,
        QApplication.translate("export", "无法导出"),
        QApplication.translate("export", "无法写入文件“{0}”：{1}").format(path, reason),
        QApplication.translate(
            "export",
            "如果该文件正在 Word 或 WPS 中打开，请先关闭它再导出；"
            "也可以换一个文件名或保存到其他文件夹。",
        ),
    )


def unexpected_failure(parent: QWidget | None, path: Path, exc: Exception) -> None:
    """The message for a writer that failed for another reason than the file (a bug, odd
    characters in the text): the traceback goes to the log."""
    log.error("导出失败 %s", path, exc_info=exc)
    show_warning(
        parent,
        QApplication.translate("export", "无法导出"),
        QApplication.translate("export", "生成文件“{0}”时出现意外错误：{1}").format(path, exc),
        QApplication.translate(
            "export", "原有的同名文件没有改动。详细信息已写入日志文件，请把它发给技术支持人员。"
        ),
    )


def run_writer(parent: QWidget | None, path: Path, write: Callable[[Path], object]) -> bool:
    """Run ``write`` off the GUI thread; False (after a message) when it failed, False without
    one when the user pressed 取消.

    ``write`` runs in a worker thread (``ui.shell.jobs.run_job``): give it copies of what the
    window may change meanwhile, and nothing that draws on a widget. It fills a new file beside
    ``path``, which then replaces ``path`` in one step: a failure or 取消 half-way leaves the
    previous export of the same name as it was. An existing target is opened for writing
    first, so that one open in Word (or read-only) is refused before the work; QPdfWriter, for
    one, fails silently on a file it cannot open.
    """
    try:
        run_job(
            parent,
            QApplication.translate("export", "导出"),
            functools.partial(_write_replacing, path, write),
            label=QApplication.translate("export", "正在导出“{0}”…").format(path.name),
        )
    except Cancelled:
        log.info("导出已取消 %s", path)
        return False
    except OSError as exc:
        write_failed(parent, path, exc)
        return False
    except Exception as exc:  # noqa: BLE001 - any writer bug: a message, never a traceback
        unexpected_failure(parent, path, exc)
        return False
    remember_directory(path)
    return True


def _write_replacing(
    path: Path, write: Callable[[Path], object], _progress: Progress, cancel: CancelToken
) -> None:
    """The job of ``run_writer``: write a temp file beside ``path``, then put it in place."""
    temp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.part{path.suffix}")
    try:
        if path.exists():
            with path.open("ab"):
                pass
        with temp.open("xb"):
            pass
        write(temp)
        cancel.commit()  # 取消 until here leaves the old file; from here the new one goes in
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            temp.unlink(missing_ok=True)  # no half-written file left behind
        raise


class ExportController(QObject):
    """Exports and prints the version shown in the main window."""

    #: A short line for the status bar (已导出：path).
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        draft: Callable[[], Draft | None],
        version: Callable[[], VersionInfo | None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._draft = draft
        self._version = version
        #: Review options kept between previews (the stage comes from the version each time).
        self.print_options = PrintOptions()
        #: The preview dialog while it is open (tests look at it).
        self.preview: DraftPrintPreview | None = None

    # ---- what is exported --------------------------------------------------------------------

    def stage_label(self) -> str:
        """The stage printed under the title for the version shown (征求意见稿), or ""."""
        version = self._version()
        return printed_stage(version.label, version.stage) if version is not None else ""

    def _current(self) -> Draft | None:
        draft = self._draft()
        if draft is None:
            show_warning(
                self._window,
                self.tr("无法导出"),
                self.tr("没有打开任何稿次。"),
                self.tr("请先在左侧法规库中选择要导出的稿次。"),
            )
        return draft

    def _ask(self, draft: Draft, caption: str, suffix: str, file_filter: str) -> Path | None:
        name = default_file_name(draft.title, self.stage_label(), suffix)
        return ask_save_path(self._window, caption, name, file_filter)

    def _done(self, path: Path) -> None:
        self.message.emit(self.tr("已导出：{0}").format(path))

    # ---- exports -----------------------------------------------------------------------------

    def export_word(self, path: Path | None = None) -> Path | None:
        """导出正式文本（Word）…: the clean text in the house format; the path written or None."""
        draft = self._current()
        if draft is None:
            return None
        path = path or self._ask(
            draft, self.tr("导出正式文本（Word）"), ".docx", self.tr("Word 文档 (*.docx)")
        )
        if path is None:
            return None
        stage = self.stage_label()
        copy = draft.clone()  # the writer reads it off the GUI thread (3 ms for the 民法典)
        # The document's author: the drafter's name from the settings, else the login name.
        author = settings.user_name() or None

        def write(target: Path) -> None:
            # Imported here: the first export loads python-docx (0.2 s) in the worker.
            from drafting.write.text_docx import export_docx

            export_docx(copy, target, stage_label=stage, author=author)

        if not run_writer(self._window, path, write):
            return None
        self._done(path)
        return path

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """导出 PDF…: the printed layout with the current review options."""
        from dataclasses import replace

        from ui.output.printing import print_to_pdf

        draft = self._current()
        if draft is None:
            return None
        path = path or self._ask(draft, self.tr("导出 PDF"), ".pdf", self.tr("PDF 文件 (*.pdf)"))
        if path is None:
            return None
        options = replace(self.print_options, stage_label=self.stage_label())
        copy = draft.clone()  # painted off the GUI thread: QPdfWriter and QTextDocument allow it
        if not run_writer(self._window, path, lambda p: print_to_pdf(copy, p, options)):
            return None
        self._done(path)
        return path

    def export_akn(self, path: Path | None = None) -> Path | None:
        """导出 Akoma Ntoso XML…: the text for other legislative systems."""
        from drafting.exchange.akoma_ntoso import to_akn

        draft = self._current()
        if draft is None:
            return None
        path = path or self._ask(
            draft,
            self.tr("导出 Akoma Ntoso XML"),
            ".xml",
            self.tr("Akoma Ntoso XML (*.xml *.akn)"),
        )
        if path is None:
            return None
        version = self._version()
        day = version.date if version is not None else None
        stage = self.stage_label()
        copy = draft.clone()
        if not run_writer(
            self._window,
            path,
            lambda p: p.write_bytes(to_akn(copy, stage_label=stage, date=day)),
        ):
            return None
        self._done(path)
        return path

    # ---- printing ----------------------------------------------------------------------------

    def print_preview(self) -> bool:
        """打印预览… (Ctrl+P): the version in the print layout, with 打印选项 in its toolbar.

        The options chosen there (mark, line numbers …) are kept for the next preview and
        for 导出 PDF; True when the user printed.
        """
        from dataclasses import replace

        from ui.output.print_dialog import DraftPrintPreview

        draft = self._current()
        if draft is None:
            return False
        options = replace(self.print_options, stage_label=self.stage_label())
        dialog = DraftPrintPreview(self._window, draft, options)
        self.preview = dialog
        try:
            printed = bool(dialog.exec())
            kept = dialog.print_options
            # The stage belongs to the version; keep the rest.
            self.print_options = replace(kept, stage_label="")
        finally:
            self.preview = None
            dialog.deleteLater()
        if printed:
            self.message.emit(self.tr("已发送到打印机：《{0}》").format(draft.title))
        return printed
