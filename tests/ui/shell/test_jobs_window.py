"""Long operations of the window run as background jobs: the window is blocked but keeps
drawing, 取消 stops a job and changes nothing, a failure ends in a Chinese message box —
a real SQLite library in tmp_path, the real main window, the 民法典 from the corpus."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from drafting.model.numerals import to_chinese
from drafting.model.units import Draft, Unit
from drafting.read.parse import parse_file
from storage.library import Library, VersionInfo
from tests.ui.dialogs import answering
from ui.library.version_dialogs import FreezeData, FreezeVersionDialog
from ui.shell import jobs
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

CIVIL_CODE = "large_civil_code_2020.md"


@pytest.fixture(autouse=True)
def no_job_left() -> Any:
    yield
    assert jobs.wait_for_jobs(60_000)  # a cancelled job's thread has stopped by the end


def _every(ms: int, tick: Callable[[], object]) -> QTimer:
    """A running timer calling ``tick`` every ``ms`` (it fires inside the job's event loop)."""
    timer = QTimer()
    timer.setInterval(ms)
    timer.timeout.connect(tick)
    timer.start()
    return timer


def _press(text: str) -> Callable[[QMessageBox], None]:
    def press(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == text).click()

    return press


def _visible_progress(win: MainWindow) -> QProgressDialog | None:
    found = [d for d in win.findChildren(QProgressDialog, "job_progress") if d.isVisible()]
    return found[0] if found else None


def _big_text(path: Path, articles: int) -> Path:
    """A generated regulation of ``articles`` articles (20,000 take about a second to parse)."""
    lines = ["江州市大型测试条例", ""]
    lines += [
        f"第{to_chinese(n)}条　各级人民政府应当加强第{n}项工作的组织领导，所需经费列入预算。"
        for n in range(1, articles + 1)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_cancel_an_import_changes_nothing_and_gives_the_window_back(
    window: MainWindow, library: Library, tmp_path: Path
) -> None:
    big = _big_text(tmp_path / "大型条例.txt", 20_000)
    before = [r.title for r in library.regulations()]
    imported: list[object] = []
    window.importer.imported.connect(imported.append)
    seen: dict[str, Any] = {}

    def press_cancel() -> None:
        dialog = _visible_progress(window)
        if dialog is None or "clicked" in seen:
            return
        seen["blocked_while_running"] = jobs.is_blocked(window)
        seen["label"] = dialog.labelText()
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "取消"
        seen["clicked"] = True
        button.click()

    timer = _every(20, press_cancel)
    try:
        # Over 2 MB: first asked (drafting.read.survey), then read in the background.
        with answering(QMessageBox, _press("仍然导入")):
            assert window.importer.import_path(big) is None
    finally:
        timer.stop()
    assert seen["clicked"] and seen["blocked_while_running"]
    assert seen["label"] in ("正在读取《大型条例.txt》…", "正在存入法规库…")
    # Given back at once, while the worker may still be parsing.
    assert not jobs.is_blocked(window) and _visible_progress(window) is None
    assert window.statusBar().currentMessage() == "已取消导入《大型条例.txt》，法规库没有改动"
    assert jobs.wait_for_jobs(60_000)
    assert [r.title for r in library.regulations()] == before
    assert imported == []
    # The window works on: the next import goes through.
    small = _big_text(tmp_path / "小型条例.txt", 3)
    version = window.importer.import_path(small)
    assert version is not None and library.load_draft(version.id).title == "江州市大型测试条例"


def _open(qtbot: Any, path: Path, draft: Draft) -> MainWindow:
    library = Library.open(path)
    version = library.import_draft(draft, label="征求意见稿")
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(version.id)
    return win


@pytest.fixture
def civil_window(qtbot: Any, tmp_path: Path, corpus: Path) -> MainWindow:
    """The window showing the 民法典 (1,260 articles) as a working draft."""
    win = _open(qtbot, tmp_path / "civil.sqlite3", parse_file(corpus / CIVIL_CODE).draft)
    yield win
    win.close()
    win.library.close()


def _fresh_uids(unit: Unit) -> Unit:
    return Unit(
        kind=unit.kind,
        text=unit.text,
        heading=unit.heading,
        children=[_fresh_uids(c) for c in unit.children],
        numbering=unit.numbering,
    )


@pytest.fixture
def four_civil_codes(qtbot: Any, tmp_path: Path, corpus: Path) -> MainWindow:
    """The window showing four 民法典 one after another (5,040 articles)."""
    civil = parse_file(corpus / CIVIL_CODE).draft
    units = [_fresh_uids(u) for _ in range(4) for u in civil.units]
    win = _open(qtbot, tmp_path / "four.sqlite3", Draft(title=civil.title, units=units))
    yield win
    win.close()
    win.library.close()


def test_window_keeps_running_during_an_export(civil_window: MainWindow, tmp_path: Path) -> None:
    gui = threading.current_thread()
    ticks: list[tuple[bool, bool]] = []

    def tick() -> None:  # on the GUI thread, while the PDF is painted elsewhere
        ticks.append((threading.current_thread() is gui, bool(jobs.running_jobs())))

    out = tmp_path / "民法典.pdf"
    timer = _every(10, tick)
    try:
        assert civil_window.exporter.export_pdf(out) == out
    finally:
        timer.stop()
    during = [t for t in ticks if t[1]]
    assert len(during) >= 3 and all(on_gui for on_gui, _ in during)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 500_000
    assert not jobs.is_blocked(civil_window)
    assert civil_window.statusBar().currentMessage() == f"已导出：{out}"


def test_cancel_an_export_keeps_the_old_file(four_civil_codes: MainWindow, tmp_path: Path) -> None:
    civil_window = four_civil_codes
    out = tmp_path / "民法典.pdf"
    out.write_bytes(b"the previous export")
    clicked: list[bool] = []

    def press_cancel() -> None:
        dialog = _visible_progress(civil_window)
        if dialog is not None and not clicked:
            clicked.append(jobs.is_blocked(civil_window))
            dialog.close()  # the window's close button, like 取消

    # The PDF of four 民法典 (about 1,000 pages) takes far longer than the 300 ms before the
    # dialog shows.
    timer = _every(20, press_cancel)
    try:
        assert civil_window.exporter.export_pdf(out) is None
    finally:
        timer.stop()
    assert clicked == [True]
    assert not jobs.is_blocked(civil_window)
    assert jobs.wait_for_jobs(60_000)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == [out.name]


def test_freeze_refused_in_the_worker_is_a_chinese_message(
    window: MainWindow,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings_shown: list[tuple[str, str]],
) -> None:
    version = window.version
    assert version is not None and not version.frozen

    def get_data(cls: object, *args: object) -> tuple[FreezeData, bool]:
        return FreezeData("一审稿", "一审", dt.date(2026, 11, 27), "", False), True

    monkeypatch.setattr(FreezeVersionDialog, "get_data", classmethod(get_data))
    # A colleague froze it meanwhile, from another connection to the same file.
    with Library.open(tmp_path / "lib.sqlite3", create=False) as other:
        other.freeze(version.id, label="送审稿")
    assert window.versions.freeze_current() is None
    assert warnings_shown == [("无法冻结稿次", "稿次已冻结，不能修改\n\n法规库没有改动。")]
    assert not jobs.is_blocked(window)
    assert library.version(version.id).label == "送审稿"


def test_freeze_runs_as_a_job_and_shows_the_new_working_draft(
    window: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch, demo: list[VersionInfo]
) -> None:
    def get_data(cls: object, *args: object) -> tuple[FreezeData, bool]:
        return FreezeData("一审稿", "一审", dt.date(2026, 11, 27), "", True), True

    monkeypatch.setattr(FreezeVersionDialog, "get_data", classmethod(get_data))
    ran_in: list[str] = []
    original = Library.freeze

    def recording(self: Library, *args: Any, **kwargs: Any) -> VersionInfo:
        ran_in.append(threading.current_thread().name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Library, "freeze", recording)
    shown = window.versions.freeze_current()
    assert shown is not None and not shown.frozen
    assert ran_in and ran_in[0] != threading.main_thread().name
    frozen = library.version(demo[0].id)
    assert frozen.frozen and frozen.label == "一审稿"
    assert window.version is not None and window.version.id == shown.id
