"""The import of a comment file off the GUI thread: read, store, group near-duplicates.

``ImportWorker`` runs ``CommentStore.import_and_cluster`` — the same job as ``app.py comments
import`` (nothing stored when cancelled or when the file cannot be read; the comments go in one
transaction, then near-duplicates are grouped) — reporting progress by signal; ``cancel()`` is
what the progress dialog's 取消 calls.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from consultation.importing import CommentImportError
from storage.comments import CommentStore
from storage.library import LibraryError
from ui.comments.import_dialog import ImportChoice

if TYPE_CHECKING:
    from storage.library import Library

log = logging.getLogger("lifa.ui.comments")


class ImportWorker(QThread):
    """Reads and stores one comment file off the GUI thread; cancel() stops it (nothing stored)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # StoredImport
    failed = Signal(str)

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
        self._cancel = threading.Event()
        #: A line to show with a successful import ("意见已导入，但聚类失败：…"), else "".
        self.note = ""

    def cancel(self) -> None:
        """Ask the import to stop; it stores nothing."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._cancel.is_set()

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
