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
