"""The import of a comment file off the GUI thread: read, store, group near-duplicates.

``ImportWorker`` runs ``CommentStore.import_and_cluster`` — the same job as ``app.py comments
import`` (nothing stored when cancelled or when the file cannot be read; the comments go in one
transaction, then near-duplicates are grouped) — reporting progress by signal; ``cancel()`` is
what the progress dialog's 取消 calls. The thread is a job of ``ui.shell.jobs`` (the same runner
as exports and imports), without its dialog: the comments controller shows its own progress and
report.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from consultation.importing import CommentImportError
from drafting.jobs import CancelToken, Progress
from storage.comments import CommentStore
from storage.library import LibraryError
from ui.comments.import_dialog import ImportChoice
from ui.shell.jobs import Job

if TYPE_CHECKING:
    from storage.library import Library

log = logging.getLogger("lifa.ui.comments")


class ImportWorker(QObject):
    """Reads and stores one comment file off the GUI thread; cancel() stops it (nothing stored).

    ``progressed`` is emitted from the worker thread (queued to the GUI's slots), the others
    arrive in order on the GUI thread: ``succeeded`` or ``failed``, then ``finished``.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)  # StoredImport
    failed = Signal(str)
    #: The thread has ended (after succeeded or failed).
    finished = Signal()

    def __init__(
        self,
        library: Library,
        regulation_id: int,
        path: Path,
        choice: ImportChoice,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.regulation_id = regulation_id
        self.path = path
        self.choice = choice
        self._job = Job(None, self.tr("导入意见"), self._work, modal=False, dialog=False)
        self._job.ended.connect(self.finished)
        self._cancel = self._job.token
        #: A line to show with a successful import ("意见已导入，但聚类失败：…"), else "".
        self.note = ""

    def start(self) -> None:
        """Start the import in its worker thread."""
        self._job.start()

    def wait(self) -> bool:
        """Block until the worker thread ended (the window is closing, or it has finished)."""
        return self._job.join()

    def cancel(self) -> None:
        """Ask the import to stop; it stores nothing. Safe from any thread."""
        self._cancel.cancel()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._cancel.is_set()

    def _work(self, _progress: Progress, _cancel: CancelToken) -> None:
        self.run()

    def run(self) -> None:
        store = CommentStore(self.library)
        try:
            stored = store.import_and_cluster(
                self.regulation_id,
                self.path,
                round_id=self.choice.round_id,
                mapping=self.choice.mapping or None,
                source=self.choice.source,
                channel=self.choice.channel,
                progress=self.progressed.emit,
                cancel=self._cancel.is_set,
            )
        except (CommentImportError, LibraryError) as exc:
            self.failed.emit(str(exc))
            return
        except Exception:  # noqa: BLE001 - shown as a message, the traceback goes to the log
            log.exception("导入意见失败：%s", self.path)
            self.failed.emit(f"读取“{self.path.name}”时出现意外错误，详细信息已写入日志文件。")
            return
        if stored.cluster_failure:
            # The comments are stored: a note on a successful import, never "failed".
            self.note = (
                f"意见已导入，但聚类失败：{stored.cluster_failure}。"
                "可以稍后用“意见 → 重新聚类”再试。"
            )
        self.succeeded.emit(stored)
