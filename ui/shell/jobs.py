"""Long work off the GUI thread: one pattern for exports, imports, comparisons and freezing.

``run_job(parent, title, work)`` runs ``work(progress, cancel)`` (see ``drafting.jobs``) in a
worker thread and waits for it in a local event loop, so the window keeps painting and its
timers keep firing; it returns the work's result, or raises the work's own exception, or
``Cancelled``, on the GUI thread, so a controller reads like synchronous code and keeps its own
Chinese messages. ``start_job`` is the same without waiting: the ``Job``'s signals deliver the
outcome on the GUI thread, and a failure nobody handles ends in a Chinese message box
(``show_failure``), never a traceback.

While a blocking ("modal") job runs, its window takes no input (clicks, keys, shortcuts, the
wheel, drops, closing) but keeps painting; a busy cursor shows at once and a progress dialog
with 取消 if the job still runs after ``DIALOG_DELAY_MS``. 取消 ends the job at once for the
window: the dialog closes, the window takes input again and the caller sees ``Cancelled``. The
worker thread stops at its next checkpoint (``cancel.check()``, any ``progress`` call; the
parsers and writers have none inside, so an abandoned export finishes its temp file in the
background) and its late result is dropped. Work that changes something outside itself calls
``cancel.commit()`` first, after which 取消 is refused ("正在完成…") and the job finishes
normally: a cancelled job never leaves a change behind.

Threads: nothing here or in the work touches a widget off the GUI thread. The worker (a
QThread) only runs the work and emits queued signals; every widget is handled in slots on the
GUI thread. Work gets copies of what the GUI may change meanwhile (``Draft.clone()``, about
3 ms for the 民法典) rather than the live draft.

The library from a worker: every ``Library`` call opens its own ``Session``, which takes its
own connection from the engine's pool (SQLite opened with ``check_same_thread=False``, WAL and
a busy timeout), so a job may call the library directly while the GUI thread reads or
autosaves on another connection. An in-memory SQLite URL would give each thread its own empty
database; the window never opens one.
"""

from __future__ import annotations

import atexit
import functools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
from shiboken6 import isValid

from drafting.jobs import Cancelled, CancelToken, Progress, Work
from ui.shell.errors import show_warning

log = logging.getLogger("lifa.jobs")

T = TypeVar("T")

#: A job shorter than this shows no progress dialog (only the busy cursor).
DIALOG_DELAY_MS = 300
#: Progress reports reach the GUI thread at most this often (seconds), plus the last one.
PROGRESS_INTERVAL_S = 0.05

#: Jobs whose worker thread has not ended yet (a cancelled job's thread may still be running).
_RUNNING: set[Job] = set()


def _tr(text: str) -> str:
    return QCoreApplication.translate("jobs", text)


def _released(progress: Progress, cancel: CancelToken) -> None:
    raise RuntimeError("job already ran")


class _Worker(QThread):
    """Runs the work in its own thread and keeps the outcome; touches no widget."""

    progressed = Signal(int, int, str)

    def __init__(self, work: Work[Any], token: CancelToken) -> None:
        super().__init__()
        self._work = work
        self._token = token
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        self._last_report = 0.0
        self._last_text = ""

    def progress(self, done: int, total: int, text: str = "") -> None:
        """The ``Progress`` the work calls: a checkpoint, and a report at most every 50 ms."""
        self._token.check()
        now = time.monotonic()
        finished = total > 0 and done >= total
        changed = bool(text) and text != self._last_text
        if finished or changed or now - self._last_report >= PROGRESS_INTERVAL_S:
            self._last_report = now
            self._last_text = text or self._last_text
            self.progressed.emit(done, total, text)

    def release(self) -> None:
        """Drop the work function once the thread has ended (it may hold big objects, or
        the job itself, in a cycle that must not be collected on another thread)."""
        self._work = _released

    def run(self) -> None:
        try:
            self.result = self._work(cast(Progress, self.progress), self._token)
        except Cancelled:
            self.cancelled = True
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, raised there
            self.error = exc


#: What a blocked window does not receive: clicks, keys, shortcuts, menus, the wheel (it
#: would turn a spin box or combo box), drops, closing. Painting and hovering go on.
_INPUT = frozenset(
    {
        QEvent.Type.Wheel,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.InputMethod,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
        QEvent.Type.TabletPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Close,
    }
)


class _InputBlocker(QObject):
    """An application event filter that keeps user input from the windows in ``counts``.

    Used instead of ``setEnabled(False)``: greying a window out and back repaints all of it
    (30–110 ms each way with the 民法典 open) and drops its keyboard focus, which a job of a
    fifth of a second should not cost; the progress dialog on top says the window waits. Widgets of other windows (the progress dialog, a
    message box) are not affected.
    """

    def __init__(self) -> None:
        super().__init__()
        #: Blocked window → how many jobs block it.
        self.counts: dict[QWidget, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT:
            return False
        if kind == QEvent.Type.Shortcut:
            # Sent to the QAction, not a widget: refused while a blocked window is active.
            target = QApplication.activeWindow()
        elif isinstance(watched, QWidget):
            target = watched.window()
        else:
            return False
        if target not in self.counts:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # "the widget takes this key", so no shortcut fires either
        else:
            event.ignore()
        return True


_blocker: _InputBlocker | None = None


def _block(window: QWidget) -> None:
    global _blocker
    if _blocker is None:
        _blocker = _InputBlocker()
        QCoreApplication.instance().installEventFilter(_blocker)  # type: ignore[union-attr]
    _blocker.counts[window] = _blocker.counts.get(window, 0) + 1


def _unblock(window: QWidget) -> None:
    global _blocker
    if _blocker is None or window not in _blocker.counts:
        return
    _blocker.counts[window] -= 1
    if _blocker.counts[window] <= 0:
        del _blocker.counts[window]
    if not _blocker.counts:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(_blocker)
        _blocker = None


def is_blocked(window: QWidget) -> bool:
    """True while a blocking job of ``window`` runs: it takes no clicks, keys or closing."""
    return _blocker is not None and window in _blocker.counts


class Job(QObject):
    """One run of a work function; lives on the GUI thread, every signal is emitted there.

    ``state`` goes "new" → "running" → one of "succeeded", "failed", "cancelled"; exactly one
    of ``succeeded(result)``, ``failed(exception)``, ``cancelled()`` is emitted, then
    ``ended()``. ``progressed(done, total, text)`` relays the work's reports.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Work[Any],
        *,
        label: str = "",
        modal: bool = True,
        dialog: bool = True,
        delay_ms: int = DIALOG_DELAY_MS,
    ) -> None:
        # No Qt parent: the job outlives neither its thread nor a closed window's widgets.
        super().__init__()
        self.title = title
        self.label = label or _tr("{0}…").format(title)
        self.token = CancelToken()
        self.state = "new"
        self.result: Any = None
        self.error: BaseException | None = None
        #: The progress dialog while it exists (tests click its 取消).
        self.dialog: QProgressDialog | None = None
        self._window = parent.window() if parent is not None else None
        self._modal = modal and self._window is not None
        self._want_dialog = dialog
        self._delay_ms = delay_ms
        self._cursor_held = False
        self._blocking = False
        self._worker = _Worker(work, self.token)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_thread_finished)

    # ---- running -----------------------------------------------------------------------------

    def start(self) -> Job:
        """Start the worker thread (once); returns the job."""
        if self.state != "new":
            return self
        _watch_shutdown()
        _RUNNING.add(self)
        self.state = "running"
        if self._modal and self._window is not None:
            _block(self._window)
            self._blocking = True
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._cursor_held = True
        if self._want_dialog:
            self._make_dialog()
        self._worker.start()
        return self

    def cancel(self) -> bool:
        """取消 (GUI thread): True when the job ended as cancelled, False when it was not
        running or is past its point of no return (it then finishes normally)."""
        if self.state != "running":
            return False
        if not self.token.cancel():
            self._finishing()
            return False
        self._end("cancelled")
        return True

    def wait(self) -> Any:
        """Wait in a local event loop (the GUI keeps running) until the job ends; the result,
        or the work's exception, or ``Cancelled``."""
        if self.state in ("new", "running"):
            loop = QEventLoop()
            self.ended.connect(loop.quit)
            if self.state == "new":
                self.start()
            while self.state == "running":
                loop.exec()
                if self.state == "running":
                    # The loop would not run: the application is quitting (exit() makes every
                    # new loop return at once). Deliver events by hand until the job ends.
                    loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if self.state == "succeeded":
            return self.result
        if self.state == "failed" and self.error is not None:
            raise self.error
        raise Cancelled()

    def join(self, timeout_ms: int = -1) -> bool:
        """Block until the worker thread itself ended (also after 取消); False on timeout.

        For shutdown and tests: the outcome still arrives through the event loop.
        """
        if timeout_ms < 0:
            return bool(self._worker.wait())
        return bool(self._worker.wait(timeout_ms))

    # ---- the GUI side ------------------------------------------------------------------------

    def _make_dialog(self) -> None:
        dialog = QProgressDialog(self.label, _tr("取消"), 0, 0, self._window)
        dialog.setObjectName("job_progress")
        dialog.setWindowTitle(self.title)
        # Not modal itself: the window is blocked by _InputBlocker instead, and a modal
        # dialog's setValue would spin the event loop inside our progress slot.
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.hide()
        self.dialog = dialog
        QTimer.singleShot(self._delay_ms, self, self._show_dialog)

    def _show_dialog(self) -> None:
        if self.state != "running":
            return
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.show()
        self._release_cursor()  # the dialog says it now, and 取消 wants an arrow

    def _finishing(self) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.setLabelText(_tr("正在完成，已无法取消…"))
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
            self.dialog.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.state != "running":
            return
        dialog = self.dialog
        if dialog is not None and isValid(dialog) and not self.token.is_set():
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            if text:
                dialog.setLabelText(text)
        self.progressed.emit(done, total, text)

    def _on_thread_finished(self) -> None:
        worker = self._worker
        worker.wait()
        worker.release()  # the work's captures are let go here, on the GUI thread
        if self.state == "running":
            if worker.cancelled:
                self._end("cancelled")
            elif worker.error is not None:
                self.error = worker.error
                self._end("failed")
            else:
                self.result = worker.result
                self._end("succeeded")
        # Dropped once this slot has returned, never inside it.
        QTimer.singleShot(0, functools.partial(_RUNNING.discard, self))

    def _end(self, state: str) -> None:
        self.state = state
        if self.dialog is not None:
            if isValid(self.dialog):
                self.dialog.canceled.disconnect(self.cancel)
                self.dialog.close()
                self.dialog.deleteLater()
            self.dialog = None
        self._release_cursor()
        if self._blocking and self._window is not None:
            self._blocking = False
            _unblock(self._window)
        if state == "succeeded":
            self.succeeded.emit(self.result)
        elif state == "failed":
            self.failed.emit(self.error)
        else:
            self.cancelled.emit()
        self.ended.emit()

    def _release_cursor(self) -> None:
        if self._cursor_held:
            self._cursor_held = False
            QApplication.restoreOverrideCursor()


def start_job(
    parent: QWidget | None,
    title: str,
    work: Work[T],
    *,
    label: str = "",
    modal: bool = True,
    dialog: bool = True,
    on_result: Callable[[T], object] | None = None,
    on_failure: Callable[[BaseException], object] | None = None,
    on_cancel: Callable[[], object] | None = None,
) -> Job:
    """Start ``work`` off the GUI thread and return its running ``Job``.

    ``title`` names the job (the dialog's title, 导出 PDF); ``label`` is the dialog's first line
    (default "title…"). ``modal`` disables ``parent``'s window while the job runs; ``dialog``
    offers progress and 取消 after ``DIALOG_DELAY_MS``. A failure without ``on_failure`` is shown
    with ``show_failure``.
    """
    job = Job(parent, title, work, label=label, modal=modal, dialog=dialog)
    if on_result is not None:
        job.succeeded.connect(on_result)
    job.failed.connect(on_failure or functools.partial(show_failure, parent, title))
    if on_cancel is not None:
        job.cancelled.connect(on_cancel)
    return job.start()


def run_job(parent: QWidget | None, title: str, work: Work[T], *, label: str = "") -> T:
    """Run ``work`` off the GUI thread, blocking ``parent``'s window but not the event loop.

    Returns the work's result; raises ``Cancelled`` after 取消, or the work's own exception
    (raised again on the GUI thread, for the caller's own message).
    """
    job = Job(parent, title, work, label=label, modal=True, dialog=True)
    return cast(T, job.wait())


def show_failure(parent: QWidget | None, title: str, error: BaseException) -> None:
    """The Chinese message for a job that failed; the traceback goes to the log file."""
    from storage.library import LibraryError

    if isinstance(error, LibraryError):
        log.warning("%s失败：%s", title, error)
        show_warning(parent, _tr("无法完成“{0}”").format(title), str(error))
        return
    if isinstance(error, OSError):
        log.warning("%s失败：%s", title, error)
        reason = error.strerror or str(error)
        show_warning(
            parent,
            _tr("无法完成“{0}”").format(title),
            _tr("读写文件时出错：{0}").format(reason),
            _tr("请检查文件是否存在、是否被其他程序占用，以及磁盘空间和权限。"),
        )
        return
    log.error("%s失败", title, exc_info=error)
    show_warning(
        parent,
        _tr("无法完成“{0}”").format(title),
        _tr("“{0}”时出现意外错误：{1}").format(title, error),
        _tr("详细信息已写入日志文件，请把它发给技术支持人员。"),
    )


def running_jobs() -> list[Job]:
    """The jobs whose worker thread has not been seen to end (tests, shutdown)."""
    return list(_RUNNING)


def wait_for_jobs(timeout_ms: int = -1) -> bool:
    """Block until every worker thread ended (at quit, so none is cut off mid-write); False
    when one is still running after ``timeout_ms``."""
    return all(job.join(timeout_ms) for job in list(_RUNNING))


_shutdown_watched = False


def _watch_shutdown() -> None:
    global _shutdown_watched
    if _shutdown_watched:
        return
    _shutdown_watched = True
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(wait_for_jobs)
    atexit.register(wait_for_jobs)
