"""The small defaults of issue 13: Chinese file dialogs starting in the right folder, …"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from tests.ui.dialogs import answering, choose_files
from ui.shell import settings
from ui.shell.main_window import MainWindow
from ui.shell.qt_chinese import QtChinese


def test_file_dialog_words_in_chinese(qtbot: Any) -> None:
    app = QApplication.instance()
    assert app is not None
    translator = QtChinese(app)
    app.installTranslator(translator)
    try:
        dialog = QFileDialog(None, "导入")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
        assert labels["lookInLabel"] == "查找范围(&L)："
        assert labels["fileTypeLabel"] == "文件类型(&T)："
        assert labels["fileNameLabel"] == "文件名(&N)："
        # Words not in the table stay Qt's English, never blank.
        assert app.translate("QFileDialog", "no such words") == "no such words"
    finally:
        app.removeTranslator(translator)


def test_import_dialog_starts_in_documents_then_the_last_folder(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    assert settings.last_folder() == settings.documents_folder()
    folder = tmp_path / "文本"
    folder.mkdir()
    source = folder / "公园条例.txt"
    source.write_text("某市公园条例\n第一条 为了管理公园，制定本条例。\n", encoding="utf-8")
    started: list[str] = []

    def fill(files: QFileDialog) -> None:
        started.append(files.directory().absolutePath())
        choose_files(qtbot, source)(files)

    with answering(QFileDialog, fill):
        window.importer.choose_and_import()
    assert Path(started[0]) == Path(settings.documents_folder())
    assert settings.last_folder() == str(folder)
    with answering(
        QFileDialog, lambda f: (started.append(f.directory().absolutePath()), f.reject())
    ):
        window.importer.choose_and_import()
    assert Path(started[1]) == folder


def test_a_file_dragged_from_a_file_manager_is_copied_never_moved(
    window: MainWindow, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    source = tmp_path / "公园条例.txt"
    source.write_text("某市公园条例\n第一条 为了管理公园，制定本条例。\n", encoding="utf-8")
    imported: list[list[Path]] = []
    monkeypatch.setattr(window.importer, "import_paths", lambda p: imported.append(list(p)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    both = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    # A file manager proposing Move (as Dolphin or Explorer do for the same disk).
    enter = QDragEnterEvent(
        QPoint(300, 300), both, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter.setDropAction(Qt.DropAction.MoveAction)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted() and enter.dropAction() == Qt.DropAction.CopyAction
    drop = QDropEvent(
        QPointF(300, 300), both, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    drop.setDropAction(Qt.DropAction.MoveAction)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction
    assert imported == [[source]]
    # Only Move offered: refused, the original stays where it is.
    move_only = QDragEnterEvent(
        QPoint(300, 300),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, move_only)
    assert not move_only.isAccepted()


def test_demo_regulations_are_named_samples(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    model = window.library_model
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles and all(t.endswith("（示例）") for t in titles)
    assert "示例法规" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_outline_comment_count_is_explained(window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    model = window.outline_model
    draft = window.workspace.draft
    assert draft is not None
    first = draft.articles()[0]
    model.set_comment_counts({first.uid: 3})
    index = model.index_for_uid(first.uid)
    assert "(3)" in index.data()
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("3 条意见\n")


def test_f1_opens_the_chinese_help(qtbot: Any, window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTextBrowser

    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._help
    assert dialog.isVisible() and dialog.windowTitle() == "立法工作台 使用说明"
    text = dialog.findChild(QTextBrowser, "help_text").toPlainText()
    for task in ("导入", "查找和替换", "Ctrl+H", "冻结为稿次", "意见", "导出", "Ctrl+Shift+V"):
        assert task in text
    dialog.close()
