"""The main window driven for real: a SQLite library in tmp_path, corpus files, Qt events."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog

from storage.library import Library
from tests.ui.drafts import park_draft
from ui.shell import settings
from ui.shell.application import open_library_for_gui
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

HANGZHOU = "local_hangzhou_park_2014.md"


@pytest.fixture
def window(qtbot, library: Library) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _snapshot(library: Library) -> list[tuple[int, str, tuple[tuple[int, str, int], ...]]]:
    return [
        (r.id, r.title, tuple((v.id, v.label, v.articles) for v in r.versions))
        for r in library.regulations()
    ]


def _outline_counts(win: MainWindow) -> tuple[int, int]:
    """(chapters, articles) as the outline shows them."""
    model = win.outline_model
    chapters = model.rowCount()
    articles = sum(model.rowCount(model.index(r, 0)) for r in range(chapters))
    return chapters, articles


def _drop(win: MainWindow, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win, enter)
    drop = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    if enter.isAccepted():
        QApplication.sendEvent(win, drop)
    return drop


def test_window_opens_on_the_seeded_demo_library(qtbot, tmp_path: Path) -> None:
    from storage.paths import default_library_path

    library = open_library_for_gui(None)  # a first start: the default library is new
    try:
        regulations = library.regulations()
        assert regulations, "a new default library is seeded with demo drafts"
        win = MainWindow(library)
        qtbot.addWidget(win)
        win.show()
        model = win.library_model
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
            r.title + "（示例）"
            for r in regulations  # the demo named as samples (issue 13)
        ]
        assert win.version is not None and win.draft is not None
        counts = win.draft.counts()
        assert win.selection_label.text().startswith(f"共{counts.articles}条")
        assert str(default_library_path()) in win.location_label.text()
        assert win.outline_model.rowCount() > 0
        assert win.draft.title in win.reading_view.toPlainText()
    finally:
        library.close()


def test_menus_are_in_the_house_order(window: MainWindow) -> None:
    titles = [a.text().split("(")[0] for a in window.menuBar().actions()]
    assert titles == ["文件", "编辑", "插入", "稿次", "比较", "意见", "导出", "视图", "帮助"]
    assert window.acts.import_file.shortcut().toString() == "Ctrl+O"
    assert window.acts.quit.shortcut().toString() == "Ctrl+Q"
    # Bare words on the toolbar (each feature adds its group; see ui.shell.actions.TOOLBAR).
    texts = [a.iconText() for a in window.toolbar.actions()]
    assert texts[0] == "导入" and "冻结稿次" in texts
    assert all(text == "" or ("(" not in text and "…" not in text) for text in texts)
    assert window.library_dock.toggleViewAction() in window.acts.menus["view"].actions()


def test_import_a_corpus_file_from_the_menu(
    window: MainWindow, library: Library, corpus: Path, monkeypatch
) -> None:
    path = corpus / HANGZHOU
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    window.acts.import_file.trigger()

    titles = [r.title for r in library.regulations()]
    assert titles == ["杭州市公园管理条例"]
    current = window.library_view.currentIndex()
    assert window.library_model.version_at(current) == window.version
    assert window.version is not None and window.version.articles == 40
    assert _outline_counts(window) == (5, 40)
    assert window.statusBar().currentMessage().startswith("已导入《杭州市公园管理条例》（40条）")
    assert window.selection_label.text() == "共40条 · 5章"
    assert window.reading_view.toPlainText().startswith("杭州市公园管理条例")


def test_drop_files_on_the_window_imports_each(
    window: MainWindow, library: Library, corpus: Path
) -> None:
    drop = _drop(window, [corpus / HANGZHOU, corpus / "local_luoyang_ich_2016.md"])
    assert drop.isAccepted()
    assert [r.title for r in library.regulations()] == [
        "杭州市公园管理条例",
        "洛阳市非物质文化遗产保护条例",
    ]
    assert window.draft is not None and window.draft.title == "洛阳市非物质文化遗产保护条例"
    assert window.outline_model.rowCount() == 23  # no chapters: articles at the top
    assert window.statusBar().currentMessage() == "已导入 2 个文件"


def test_drop_of_other_files_is_refused(
    window: MainWindow, library: Library, tmp_path: Path
) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    drop = _drop(window, [pdf])
    assert not drop.isAccepted()
    assert library.regulations() == []


def test_selecting_an_article_scrolls_the_text_to_it(window: MainWindow, corpus: Path) -> None:
    window.importer.import_path(corpus / HANGZHOU)
    draft = window.draft
    assert draft is not None
    article = draft.articles()[29]  # 第三十条, far down the text
    assert window.select_unit(article.uid)

    view = window.reading_view
    assert view.house is not None
    start, _end = view.house.spans[article.uid]
    assert view.textCursor().position() == start
    assert view.current_uid == article.uid
    assert view.verticalScrollBar().value() > 0
    assert view.cursorRect().top() >= 0 and view.cursorRect().bottom() <= view.viewport().height()
    assert window.selection_label.text() == "第30条 / 共40条 · 5章"
    assert len(view.extraSelections()) == 1


def test_clicking_in_the_text_selects_the_article_in_the_outline(
    qtbot, window: MainWindow, library: Library
) -> None:
    library.import_draft(park_draft())
    window.reload_library()
    window.library_view.setCurrentIndex(
        window.library_model.index(0, 0, window.library_model.index(0, 0))
    )
    draft = window.draft
    assert draft is not None
    view = window.reading_view
    third = draft.articles()[2]
    assert view.house is not None
    start, end = view.house.spans[third.uid]
    cursor = QTextCursor(view.document())
    cursor.setPosition(end - 2)  # inside its last item
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    current = window.outline_view.currentIndex()
    assert window.outline_model.unit_at(current) is third
    assert window.selection_label.text() == "第3条 / 共4条 · 2章"


def test_failed_imports_warn_and_change_nothing(
    window: MainWindow, library: Library, tmp_path: Path, corpus: Path, warnings_shown
) -> None:
    window.importer.import_path(corpus / HANGZHOU)
    before = _snapshot(library)
    corrupt = tmp_path / "x.docx"
    corrupt.write_bytes(b"not a zip")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    not_law = tmp_path / "letter.txt"
    not_law.write_text("各位同事：\n明天上午九点开会。\n", encoding="utf-8")

    done = window.importer.import_paths([corrupt, empty, not_law])

    assert done == []
    assert len(warnings_shown) == 3
    for (title, text), path in zip(warnings_shown, [corrupt, empty, not_law], strict=True):
        assert title == "无法导入"
        assert path.name in text and "Traceback" not in text
    assert _snapshot(library) == before
    assert window.draft is not None and window.draft.title == "杭州市公园管理条例"
    assert QApplication.overrideCursor() is None


def test_layout_and_recent_libraries_are_remembered(
    qtbot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    window.splitter.setSizes([250, 1000])
    sizes = window.splitter.sizes()
    window.close()
    assert settings.recent_libraries()[0] == str(library.location)

    other = Library.open(tmp_path / "other.sqlite3")
    again = MainWindow(other)
    qtbot.addWidget(again)
    again.resize(1400, 900)
    again.show()
    qtbot.waitExposed(again)
    assert again.splitter.sizes() == sizes
    assert settings.recent_libraries()[:2] == [str(other.location), str(library.location)]
    again.close()
    other.close()


def test_recent_menu_disables_missing_libraries_and_opens_others(
    window: MainWindow, library: Library, tmp_path: Path
) -> None:
    second = tmp_path / "second.sqlite3"
    Library.open(second).close()
    settings.add_recent_library(str(second))
    settings.add_recent_library(str(tmp_path / "gone.sqlite3"))
    window.acts.recent_menu.aboutToShow.emit()
    entries = {a.text(): a for a in window.acts.recent_menu.actions()}
    gone = entries[str(tmp_path / "gone.sqlite3") + "（文件不存在）"]
    assert not gone.isEnabled()
    entries[str(second)].trigger()
    assert window.library.location == str(second)
    assert window.library_model.rowCount() == 0
    assert str(second) in window.location_label.text()


def test_new_and_open_library_from_the_file_menu(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "新库"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.acts.new_library.trigger()
    assert window.library.location == str(target.with_suffix(".sqlite3"))
    assert target.with_suffix(".sqlite3").exists()
    assert window.library_model.rowCount() == 0
    assert window.draft is None

    other = tmp_path / "other.sqlite3"
    with Library.open(other) as lib:
        lib.import_draft(park_draft())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    window.acts.open_library.trigger()
    assert window.library.location == str(other)
    assert window.draft is not None and window.draft.title == "某市公园条例"


def test_opening_a_file_that_is_not_a_library_warns(
    window: MainWindow, library: Library, tmp_path: Path, warnings_shown
) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("这不是数据库", encoding="utf-8")
    assert not window.open_library_at(str(bogus))
    assert warnings_shown and warnings_shown[0][0] == "无法打开法规库"
    assert window.library is library


def test_view_menu_hides_the_library_dock(window: MainWindow) -> None:
    toggle = window.library_dock.toggleViewAction()
    toggle.trigger()
    assert not window.library_dock.isVisible()
    toggle.trigger()
    assert window.library_dock.isVisible()


def test_run_gui_opens_the_window_and_returns_zero(qapp, tmp_path: Path, monkeypatch) -> None:
    import sys

    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    from ui.shell.application import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    seen: list[str] = []

    def close_all() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                seen.append(widget.windowTitle())
            widget.close()
        qapp.quit()

    QTimer.singleShot(300, close_all)
    assert run_gui(db=str(tmp_path / "gui.sqlite3")) == 0
    # Closing the last window also posted a Quit event; handled after exec() it would make
    # every event loop of the later tests return at once (their timers would never fire).
    QCoreApplication.removePostedEvents(qapp, QEvent.Type.Quit)
    assert seen and seen[0].endswith("立法工作台")
    assert sys.excepthook is not sys.__excepthook__
