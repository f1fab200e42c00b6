"""The background-job helper (ui/shell/jobs.py) on real widgets: results, failures and 取消
arrive on the GUI thread, the window is blocked while a job runs and given back afterwards."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QPushButton

from drafting.jobs import Cancelled, CancelToken, Progress
from ui.shell import jobs
from ui.shell.jobs import Job, run_job, start_job

pytestmark = pytest.mark.gui


@pytest.fixture
def win(qtbot: Any) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLineEdit())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    assert jobs.wait_for_jobs(20_000)


def _counting(steps: int, pause: float = 0.0):  # type: ignore[no-untyped-def]
    """Work that counts to ``steps``, reporting each step, and says which thread it ran on."""

    def work(progress: Progress, cancel: CancelToken) -> tuple[int, str]:
        for i in range(steps):
            time.sleep(pause)
            progress(i + 1, steps, f"第{i + 1}步")
        return steps, threading.current_thread().name

    return work


def _until_cancelled(started: threading.Event, stopped: threading.Event):  # type: ignore[no-untyped-def]
    def work(progress: Progress, cancel: CancelToken) -> None:
        started.set()
        try:
            for _ in range(3000):  # at most 30 s
                time.sleep(0.01)
                cancel.check()
        finally:
            stopped.set()

    return work


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: Any, win: QMainWindow) -> None:
    gui = threading.current_thread()
    seen: dict[str, Any] = {"progress": []}

    def on_progress(done: int, total: int, text: str) -> None:
        seen["progress"].append((done, total, text, threading.current_thread() is gui))

    def on_result(result: tuple[int, str]) -> None:
        seen["result"] = result
        seen["result_thread_is_gui"] = threading.current_thread() is gui
        seen["blocked_at_result"] = jobs.is_blocked(win)

    job = start_job(win, "计数", _counting(20, 0.01), on_result=on_result)
    job.progressed.connect(on_progress)
    assert jobs.is_blocked(win)  # at once, before any dialog
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    assert job.state == "succeeded"
    steps, worker_thread = seen["result"]
    assert steps == 20 and worker_thread != gui.name
    assert seen["result_thread_is_gui"] and not seen["blocked_at_result"]
    assert seen["progress"] and all(on_gui for *_x, on_gui in seen["progress"])
    assert seen["progress"][-1][:3] == (20, 20, "第20步")  # the last report is never dropped
    assert not jobs.is_blocked(win)
    assert QApplication.overrideCursor() is None


def test_run_job_keeps_the_event_loop_running(qtbot: Any, win: QMainWindow) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    try:
        steps, _thread = run_job(win, "计数", _counting(30, 0.01))
    finally:
        timer.stop()
    assert steps == 30
    assert len(ticks) >= 5  # the GUI thread ran its timer while the work ran elsewhere
    assert not jobs.is_blocked(win)


def test_work_error_is_raised_again_on_the_gui_thread(win: QMainWindow) -> None:
    def broken(progress: Progress, cancel: CancelToken) -> None:
        raise ValueError("坏数据")

    with pytest.raises(ValueError, match="坏数据"):
        run_job(win, "计算", broken)
    assert not jobs.is_blocked(win) and QApplication.overrideCursor() is None


def test_unhandled_failure_is_a_chinese_message(
    qtbot: Any, win: QMainWindow, warnings_shown: list[tuple[str, str]]
) -> None:
    def broken(progress: Progress, cancel: CancelToken) -> None:
        raise KeyError("uid")

    job = start_job(win, "导出 PDF", broken)
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    assert job.state == "failed" and isinstance(job.error, KeyError)
    assert warnings_shown == [
        (
            "无法完成“导出 PDF”",
            "“导出 PDF”时出现意外错误：'uid'\n\n详细信息已写入日志文件，请把它发给技术支持人员。",
        )
    ]


def test_cancel_button_ends_the_job_and_gives_the_window_back(qtbot: Any, win: QMainWindow) -> None:
    edit = win.centralWidget()
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    started, stopped = threading.Event(), threading.Event()
    cancelled: list[bool] = []
    job = start_job(
        win,
        "长任务",
        _until_cancelled(started, stopped),
        on_cancel=lambda: cancelled.append(True),
    )
    assert started.wait(10)
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible(), timeout=5000)
    # Blocked: typing and closing do nothing, the dialog still takes its click.
    qtbot.keyClicks(edit, "abc")
    win.close()
    assert edit.text() == "" and win.isVisible() and jobs.is_blocked(win)
    assert job.dialog is not None
    button = job.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert job.state == "cancelled" and cancelled == [True]
    assert not jobs.is_blocked(win) and QApplication.overrideCursor() is None
    qtbot.keyClicks(edit, "abc")
    assert edit.text() == "abc"
    assert job.join(10_000) and stopped.is_set()  # the thread stopped at its next check


def test_a_shortcut_of_a_blocked_window_does_not_fire(qtbot: Any, win: QMainWindow) -> None:
    fired: list[bool] = []
    action = QAction("保存", win)
    action.setShortcut(QKeySequence("Ctrl+S"))
    action.triggered.connect(lambda: fired.append(True))
    win.addAction(action)
    win.activateWindow()
    edit = win.centralWidget()
    started, stopped = threading.Event(), threading.Event()
    job = start_job(win, "长任务", _until_cancelled(started, stopped))
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert fired == []
    job.cancel()
    qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]


class _Shows(QObject):
    """Counts the Show events of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.count += 1
        return False


def test_the_dialog_waits_for_its_delay(qtbot: Any, win: QMainWindow) -> None:
    release = threading.Event()

    def waits(progress: Progress, cancel: CancelToken) -> str:
        release.wait(10)
        return "好了"

    # Ended before its delay: never shown.
    quick = Job(win, "短任务", _counting(1), delay_ms=60_000)
    shows = _Shows()
    quick.start()
    assert quick.dialog is not None
    quick.dialog.installEventFilter(shows)
    with qtbot.waitSignal(quick.ended, timeout=10_000):
        pass
    assert shows.count == 0 and quick.dialog is None
    # Still running after its delay: shown, with the title and 取消.
    slow = Job(win, "慢任务", waits, delay_ms=0)
    slow.start()
    qtbot.waitUntil(lambda: slow.dialog is not None and slow.dialog.isVisible(), timeout=5000)
    assert slow.dialog is not None and slow.dialog.windowTitle() == "慢任务"
    assert slow.dialog.labelText() == "慢任务…"
    release.set()
    with qtbot.waitSignal(slow.ended, timeout=10_000):
        pass
    assert slow.result == "好了"


def test_commit_refuses_a_late_cancel(qtbot: Any, win: QMainWindow) -> None:
    committed, go_on = threading.Event(), threading.Event()

    def work(progress: Progress, cancel: CancelToken) -> str:
        cancel.commit()
        committed.set()
        go_on.wait(10)
        return "写好了"

    job = start_job(win, "保存", work)
    assert committed.wait(10)
    assert not job.cancel()  # past the point of no return
    assert job.state == "running"
    go_on.set()
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    assert job.state == "succeeded" and job.result == "写好了"


def test_run_job_raises_cancelled(qtbot: Any, win: QMainWindow) -> None:
    started, stopped = threading.Event(), threading.Event()
    job = Job(win, "长任务", _until_cancelled(started, stopped))
    QTimer.singleShot(50, job.cancel)
    with pytest.raises(Cancelled):
        job.wait()
    assert not jobs.is_blocked(win)


def test_the_window_cannot_be_closed_while_its_job_runs(qtbot: Any, win: QMainWindow) -> None:
    started, stopped = threading.Event(), threading.Event()
    job = start_job(win, "长任务", _until_cancelled(started, stopped))
    assert started.wait(10)
    win.close()
    assert win.isVisible()  # refused while the job runs
    job.cancel()
    win.close()
    assert not win.isVisible()


def test_token_without_qt() -> None:
    token = CancelToken()
    assert not token() and token.cancel() and token.is_set()
    with pytest.raises(Cancelled):
        token.check()
    with pytest.raises(Cancelled):
        token.commit()
    other = CancelToken()
    other.commit()
    assert not other.cancel() and not other.is_set() and other.committed
