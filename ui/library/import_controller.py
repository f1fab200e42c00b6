"""Importing regulation texts into the library: from the 文件 menu or dropped on the window.

Reading and storing the 民法典 takes about a quarter of a second (0.15 s to parse, 0.1 s to
store), a generated text of 20,000 articles over a second: both run off the GUI thread
(``ui.shell.jobs``), with 取消 until the text goes into the library in one transaction on the
worker's own connection. A file that
cannot be read, or an import cancelled, changes nothing in the library. A text far larger than
any regulation (over 2 MB or 5,000 articles, drafting.read.survey) is first described and the
drafter asked: 取消 (the default) or 仍然导入.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from drafting.errors import ParseError
from drafting.jobs import Cancelled, CancelToken, Progress
from drafting.read.survey import Survey, survey_file
from ui.shell import settings
from ui.shell.errors import show_notes, show_warning
from ui.shell.jobs import run_job
from ui.shell.workspace import Changes, Workspace

if TYPE_CHECKING:
    from drafting.read.parse import ParseResult
    from storage.library import Library, VersionInfo

log = logging.getLogger("lifa.import")

#: File types offered for import: what drafting.read.files.read_draft reads.
SUFFIXES = frozenset({".docx", ".txt", ".md", ".xml", ".akn"})


def is_importable(path: Path) -> bool:
    """Whether a file has a suffix the parser reads (case-insensitive)."""
    return path.suffix.lower() in SUFFIXES


def importable_paths(mime: QMimeData) -> list[Path]:
    """The local files in drag-and-drop data that could be imported."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if is_importable(p)]


class ImportController(QObject):
    """Runs imports into the workspace's library; says what happened through the workspace."""

    #: A version was created (storage VersionInfo); the workspace announced it as well.
    imported = Signal(object)

    def __init__(self, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._window = window  # the parent of dialogs
        self._library: Callable[[], Library] = lambda: workspace.library
        #: Set when the user cancelled the last import (import_paths stops there).
        self._stopped = False

    def file_filter(self) -> str:
        """The file dialog's filter."""
        return self.tr(
            "法规文本 (*.docx *.txt *.md *.xml *.akn);;Word 文档 (*.docx);;纯文本 (*.txt *.md);;"
            "Akoma Ntoso XML (*.xml *.akn)"
        )

    def choose_and_import(self) -> list[VersionInfo]:
        """Ask for files (文件 → 导入…) and import each."""
        names, _ = QFileDialog.getOpenFileNames(
            self._window, self.tr("导入法规文本"), settings.last_folder(), self.file_filter()
        )
        if names:
            settings.remember_folder(names[0])
        return self.import_paths(Path(n) for n in names)

    def import_paths(self, paths: Iterable[Path]) -> list[VersionInfo]:
        """Import several files one after another; a failure does not stop the others."""
        done: list[VersionInfo] = []
        self._stopped = False
        for path in paths:
            version = self.import_path(path)
            if version is not None:
                done.append(version)
            if self._stopped:  # 取消 stops the files after this one too
                break
        if len(done) > 1:
            self._workspace.say(self.tr("已导入 {0} 个文件").format(len(done)))
        return done

    def _ask_duplicate(self, path: Path, same: VersionInfo) -> str:
        """The library already holds this text: "open" (打开已有的), "import" (仍然导入为新
        法规) or "cancel" (取消, also when the box is closed)."""
        box = QMessageBox(self._window)
        box.setObjectName("duplicate_import")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("重复导入"))
        box.setText(
            self.tr("法规库中已有与《{0}》相同的文本：《{1}》（稿次“{2}”）。").format(
                path.name, same.title, same.label
            )
        )
        box.setInformativeText(
            self.tr(
                "打开已有的：显示法规库中的那一稿；\n仍然导入为新法规：另存一部相同的法规；"
                "\n取消：不导入。"
            )
        )
        open_it = box.addButton(self.tr("打开已有的"), QMessageBox.ButtonRole.AcceptRole)
        again = box.addButton(self.tr("仍然导入为新法规"), QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_it)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is open_it:
            return "open"
        if clicked is again:
            return "import"
        return "cancel"

    def _ask_large(self, path: Path, survey: Survey) -> bool:
        """A text far larger than any regulation: say what it holds; True for 仍然导入."""
        box = QMessageBox(self._window)
        box.setObjectName("import_large")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("文件很大"))
        box.setText(survey.question(path.name))
        box.setInformativeText(
            self.tr("仍然导入时，读取在后台进行，可随时按“取消”停止，法规库不会改动。")
        )
        go = box.addButton(self.tr("仍然导入"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # a slip of Enter must not start a minute-long import
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return clicked is go

    def import_path(self, path: Path) -> VersionInfo | None:
        """Parse one file and store it as a new regulation; None (after a warning) on failure."""
        from drafting.read.files import read_draft
        from storage.library import LibraryError

        title = self.tr("无法导入")
        if not is_importable(path):
            show_warning(
                self._window,
                title,
                self.tr("《{0}》不是可导入的文件类型。").format(path.name),
                self.tr("请选择 .docx、.txt、.md 格式的法规文本或 Akoma Ntoso XML 文件。"),
            )
            return None
        force = False
        try:
            survey = survey_file(path)
        except OSError:
            survey = None  # the reader says what is wrong with the file
        if survey is not None and survey.beyond_reach:
            # No 仍然导入: the reader would stop at 第100000条 after a long read anyway.
            show_warning(self._window, title, survey.refusal(path.name))
            self._stopped = True
            return None
        if survey is not None and survey.too_large:
            if not self._ask_large(path, survey):
                self._stopped = True
                self._workspace.say(self.tr("已取消导入《{0}》，法规库没有改动").format(path.name))
                return None
            force = True
        library = self._library()
        reading, storing = (
            self.tr("正在读取《{0}》…").format(path.name),
            self.tr("正在存入法规库…"),
        )

        allow_duplicate = False

        def work(
            progress: Progress, cancel: CancelToken
        ) -> tuple[ParseResult, VersionInfo, bool]:
            """(what was read, the version, True) — or, when the library holds this very
            text already, (what was read, that version, False) with nothing stored."""
            progress(0, 2, reading)
            result = read_draft(path, force=force)
            if not allow_duplicate:
                same = library.find_same_text(result.draft)
                if same is not None:
                    return result, same, False
            progress(1, 2, storing)
            cancel.commit()  # 取消 until here stores nothing; the store is one transaction
            version = library.import_draft(result.draft, label=result.stage, source=str(path))
            return result, version, True

        failure: tuple[str, str] | None = None
        try:
            result, version, stored = run_job(self._window, self.tr("导入法规文本"), work)
            if not stored:
                answer = self._ask_duplicate(path, version)
                if answer == "open":
                    self._workspace.notify(
                        Changes("打开已有的法规", versions=True, select_version=version.id)
                    )
                    self._workspace.say(
                        self.tr("法规库中已有相同的文本《{0}》，已打开它，未重复导入").format(
                            version.title
                        )
                    )
                    return None
                if answer != "import":
                    self._stopped = True
                    self._workspace.say(
                        self.tr("已取消导入《{0}》，法规库没有改动").format(path.name)
                    )
                    return None
                allow_duplicate = True
                result, version, stored = run_job(self._window, self.tr("导入法规文本"), work)
        except Cancelled:
            self._stopped = True
            log.info("导入已取消 %s", path)
            self._workspace.say(self.tr("已取消导入《{0}》，法规库没有改动").format(path.name))
            return None
        except ParseError as exc:
            failure = (
                self.tr("无法导入《{0}》：{1}").format(path.name, exc),
                self.tr(
                    "请确认这是一部法规的正文（含“第一条”等条文），文件未损坏；"
                    "可以在 Word/WPS 中打开后另存为 .docx 或 .txt 再导入。"
                ),
            )
        except LibraryError as exc:
            failure = (
                self.tr("《{0}》未能存入法规库：{1}").format(path.name, exc),
                self.tr("法规库没有改动。请检查磁盘空间和文件权限后重试。"),
            )
        except OSError as exc:
            failure = (
                self.tr("无法读取《{0}》：{1}").format(path.name, exc.strerror or exc),
                self.tr("请确认文件存在、没有被其他程序占用。"),
            )
        if failure is not None:
            log.warning("导入失败 %s: %s", path, failure[0])
            show_warning(self._window, title, *failure)
            return None

        draft = result.draft
        articles = draft.counts().articles
        text = self.tr("已导入《{0}》（{1}条）").format(draft.title, articles)
        if result.warnings:
            notes = [self.tr("第{0}行：{1}").format(w.line, w.message) for w in result.warnings]
            for note in notes:
                log.info("导入提示 %s: %s", path.name, note)
            text += self.tr("，有 {0} 处需要核对").format(len(notes))
            show_notes(
                self._window,
                self.tr("导入提示"),
                self.tr("《{0}》已导入，但以下几处请核对：").format(draft.title),
                notes,
            )
        self._workspace.notify(Changes("导入", versions=True, select_version=version.id))
        self.imported.emit(version)
        self._workspace.say(text)
        return version
