"""The file menu's file dialogs opened for real: import texts, new library, open library.

tests/ui/shell/test_main_window.py checks these flows with QFileDialog's answers given; here
Qt's own file dialog runs modally, the names are typed into it and 打开/保存 pressed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from storage.library import Library
from tests.ui.dialogs import CANCEL, answering, choose_files, press
from tests.ui.drafts import park_draft
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, library: Library) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_import_two_texts_chosen_in_the_open_dialog(
    qtbot: Any, window: MainWindow, library: Library, corpus: Path
) -> None:
    chosen = [corpus / "local_hangzhou_park_2014.md", corpus / "local_rizhao_park_2021.md"]
    with answering(QFileDialog, choose_files(qtbot, *chosen)):
        window.acts.import_file.trigger()
    qtbot.waitUntil(lambda: len(library.regulations()) == 2)
    assert sorted(r.title for r in library.regulations()) == [
        "日照市公园条例",
        "杭州市公园管理条例",
    ]


def test_cancelled_import_changes_nothing(qtbot: Any, window: MainWindow, library: Library) -> None:
    with answering(QFileDialog, lambda files: press(qtbot, files, CANCEL)):
        window.acts.import_file.trigger()
    assert library.regulations() == []


def test_new_then_open_library_through_the_real_dialogs(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "新库"
    with answering(QFileDialog, choose_files(qtbot, target)):
        window.acts.new_library.trigger()
    assert window.library.location == str(target.with_suffix(".sqlite3"))
    assert target.with_suffix(".sqlite3").is_file()

    other = tmp_path / "other.sqlite3"
    with Library.open(other) as lib:
        lib.import_draft(park_draft())
    with answering(QFileDialog, choose_files(qtbot, other)):
        window.acts.open_library.trigger()
    assert window.library.location == str(other)
    assert window.draft is not None and window.draft.title == "某市公园条例"
