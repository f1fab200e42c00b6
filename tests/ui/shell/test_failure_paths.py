"""When something fails behind the window's back (a version frozen or deleted elsewhere, a
writer that breaks half-way, a step after an import), nothing is silently lost, the window
keeps what it showed, the wait cursor goes, and the drafter reads a Chinese message."""

from __future__ import annotations

import csv
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from consultation.draft_index import DraftIndex
from consultation.model import Comment, Source, Target
from drafting.model.units import UnitKind
from drafting.write.plain_text import render_text
from resources.demo import seed_demo
from storage.comments import CommentStore
from storage.library import Library, VersionInfo
from ui.comments.import_dialog import ImportChoice
from ui.output.export_controller import run_writer
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

Button = QMessageBox.StandardButton


class Questions:
    """QMessageBox.question replaced: records each text and gives the answers in turn."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        self.answers: list[Button] = []
        monkeypatch.setattr(QMessageBox, "question", self)

    def __call__(self, parent: object, title: str, text: str, *args: object) -> Button:
        self.asked.append(f"{title}\n{text}")
        return self.answers.pop(0)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    return Questions(monkeypatch)


@pytest.fixture
def demo(library: Library) -> list[VersionInfo]:
    return seed_demo(library)


def _window(qtbot: Any, library: Library) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot: Any, library: Library, demo: list[VersionInfo]) -> MainWindow:
    win = _window(qtbot, library)
    win.open_version(demo[0].id)
    return win


def _tree_version(win: MainWindow) -> int | None:
    version = win.library_model.version_at(win.library_view.currentIndex())
    return version.id if version is not None else None


def _edit(win: MainWindow) -> str:
    """Insert an article after the first: an unsaved edit; returns the text now on screen."""
    draft = win.draft
    assert draft is not None
    win.select_unit(draft.articles()[0].uid)
    assert win.editing.insert(UnitKind.ARTICLE) is not None
    return render_text(draft)


# ---- 1. a failed save before a switch asks, and 取消 keeps edits and version --------------------


def test_switch_after_a_failed_save_asks_and_cancel_keeps_the_edits(
    window: MainWindow,
    tmp_path: Path,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
    questions: Questions,
) -> None:
    text = _edit(window)
    with Library.open(tmp_path / "lib.sqlite3") as other:
        other.freeze(demo[0].id, label="征求意见稿")  # the save will be refused

    questions.answers = [Button.Cancel]
    window.open_version(demo[1].id)  # a click on another version in the tree
    assert [t for t, _ in warnings_shown] == ["无法保存"]
    assert len(questions.asked) == 1 and "丢弃：放弃这些修改" in questions.asked[0]
    assert window.version is not None and window.version.id == demo[0].id
    assert _tree_version(window) == demo[0].id  # the tree's selection went back
    assert window.draft is not None and render_text(window.draft) == text
    assert window.editing.autosave.dirty
    assert "（新条文）" in window.reading_view.toPlainText()

    # 重试 fails again and asks again; 放弃修改 then switches and drops the edits.
    questions.answers = [Button.Retry, Button.Discard]
    window.open_version(demo[1].id)
    assert len(questions.asked) == 3
    assert window.version is not None and window.version.id == demo[1].id
    assert _tree_version(window) == demo[1].id
    assert not window.editing.autosave.dirty
    assert len(warnings_shown) == 1  # one box per failure streak
    assert window.close()  # nothing left to ask about


def test_library_switch_after_a_failed_save_can_be_cancelled(
    window: MainWindow,
    tmp_path: Path,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
    questions: Questions,
) -> None:
    _edit(window)
    with Library.open(tmp_path / "lib.sqlite3") as other:
        other.freeze(demo[0].id, label="征求意见稿")
    elsewhere = tmp_path / "other.sqlite3"
    Library.open(elsewhere).close()  # an empty library the drafter opens
    library = window.library
    questions.answers = [Button.Cancel]
    assert not window.open_library_at(str(elsewhere))
    assert len(questions.asked) == 1  # refused because 取消, not because it cannot be opened
    assert window.library is library and window.version is not None
    assert window.version.id == demo[0].id and window.editing.autosave.dirty
    questions.answers = [Button.Discard]
    assert window.open_library_at(str(elsewhere))
    assert window.library is not library and window.version is None
    assert str(window.library.location) == str(elsewhere)


# ---- 2. deleting the shown working draft drops its pending autosave ----------------------------


def test_delete_shown_working_draft_with_a_pending_save(
    qtbot: Any,
    library: Library,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
    questions: Questions,
) -> None:
    working = library.new_working_draft(demo[0].id)
    window = _window(qtbot, library)
    window.editing.autosave.set_interval(0.2)
    window.open_version(working.id)
    _edit(window)
    assert window.editing.autosave.dirty

    questions.answers = [Button.Yes]  # 确定要删除…？
    assert window.versions.delete_current_version()
    qtbot.wait(400)  # past the autosave interval
    assert warnings_shown == []  # no "无法保存" about the deleted id
    assert len(questions.asked) == 1
    assert window.version is not None and window.version.id == demo[0].id
    assert not window.editing.autosave.timer.isActive()
    assert "找不到" not in window.editing.save_label.text()


# ---- 3. a writer that fails half-way leaves the previous export --------------------------------


def test_writer_error_keeps_the_old_file_and_the_cursor(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    warnings_shown: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    target = tmp_path / "exports" / "《某条例》.docx"
    target.parent.mkdir()
    target.write_bytes(b"the good export")

    def broken(path: Path) -> None:
        path.write_bytes(b"half a fi")
        raise ValueError("All strings must be XML compatible")

    with caplog.at_level(logging.ERROR, logger="lifa.export"):
        assert not run_writer(window, target, broken)
    assert target.read_bytes() == b"the good export"
    assert QApplication.overrideCursor() is None
    assert [t for t, _ in warnings_shown] == ["无法导出"]
    assert "意外错误" in warnings_shown[0][1] and "原有的同名文件没有改动" in warnings_shown[0][1]
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp left

    # A writer that works replaces the file in one step, with no temp file left either.
    assert run_writer(window, target, lambda p: p.write_bytes(b"new export"))
    assert target.read_bytes() == b"new export"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    assert QApplication.overrideCursor() is None


# ---- 4. reclustering that fails after the import is stored is a note, not a failure -----------


def test_import_stored_but_recluster_failed_reports_success_with_a_note(
    qtbot: Any, window: MainWindow, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    path = tmp_path / "意见.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["序号", "姓名", "条款", "意见内容"])
        for n in range(1, 5):
            # Same figures in each: different figures are different proposals, never grouped.
            writer.writerow([n, f"市民{n}", "第一条", "关于第一条的建议，请予考虑。" + "！" * n])
    # The database refuses the grouping step only (a real SQLite trigger, not a mock).
    with sqlite3.connect(tmp_path / "lib.sqlite3") as conn:
        conn.execute(
            "CREATE TRIGGER no_clusters BEFORE UPDATE OF cluster_id ON comment "
            "BEGIN SELECT RAISE(ABORT, '分组被拒绝'); END"
        )
    controller = window.comments
    with qtbot.waitSignal(controller.import_finished, timeout=20000) as blocker:
        assert controller.start_import(path, ImportChoice({})) is not None
    qtbot.waitUntil(lambda: controller.worker is None)
    stored = blocker.args[0]
    assert stored is not None and len(stored.ids) == 4  # success, not "无法导入意见"
    assert warnings_shown == []
    box = controller.report_box
    assert "意见已导入，但聚类失败" in box.text() and "重新聚类" in box.text()
    assert "聚类失败" in window.statusBar().currentMessage()
    assert controller.panel.model.rowCount() == 4
    box.close()


# ---- 5. a LibraryError while switching keeps the previous state ---------------------------------


def test_version_deleted_elsewhere_cannot_be_opened_and_the_window_stays(
    qtbot: Any,
    library: Library,
    tmp_path: Path,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
) -> None:
    working = library.new_working_draft(demo[0].id)
    window = _window(qtbot, library)
    window.open_version(demo[1].id)
    before = window.reading_view.toPlainText()
    title = window.windowTitle()
    with Library.open(tmp_path / "lib.sqlite3") as other:
        other.delete_version(working.id)
    assert window.open_version(working.id)  # still in the (stale) tree
    assert [t for t, _ in warnings_shown] == ["无法打开稿次"]
    assert window.version is not None and window.version.id == demo[1].id
    assert window.reading_view.toPlainText() == before
    assert window.windowTitle() == title
    assert _tree_version(window) == demo[1].id


# ---- 6. any error in the summary export restores the cursor and says so ------------------------


def test_summary_export_unexpected_error_is_a_message(
    window: MainWindow, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    assert window.version is not None and window.draft is not None
    article = DraftIndex(window.draft).articles[0]
    CommentStore(window.library).add_comments(
        window.version.regulation_id,
        [Comment("建议修改本条。", source=Source.PUBLIC, target=Target(article.uid))],
    )
    window.comments.reload()
    # A date the program cannot read (written by another tool): reading it raises ValueError.
    with sqlite3.connect(tmp_path / "lib.sqlite3") as conn:
        conn.execute("UPDATE comment SET date = 'not a date'")
    assert window.comments.export_summary("xlsx", tmp_path / "汇总表.xlsx") is None
    assert QApplication.overrideCursor() is None
    assert [t for t, _ in warnings_shown] == ["无法导出征求意见汇总表"]
    assert "意外错误" in warnings_shown[0][1]


# ---- 7. the trace reads the next (working) version afresh --------------------------------------


def test_trace_follows_edits_of_the_next_working_draft(window: MainWindow) -> None:
    version = window.version
    draft = window.draft
    assert version is not None and draft is not None
    article = DraftIndex(draft).articles[0]
    (comment_id,) = CommentStore(window.library).add_comments(
        version.regulation_id,
        [Comment("建议修改本条。", target=Target(article.uid), version_id=version.id)],
    )
    window.comments.reload()
    comment = window.comments.comment(comment_id)
    assert comment is not None
    following = window.library.new_working_draft(version.id)
    assert window.comments.trace_text(comment).endswith("（未修改）")

    # The next version is edited (in another window, say) and saved.
    changed = window.library.load_draft(following.id)
    unit = changed.find(article.uid)
    assert unit is not None
    unit.children[0].text += "本条另有补充。"
    window.library.save_draft(following.id, changed)
    assert window.comments.trace_text(comment).endswith("（已修改）")
