"""The 比较 dialogs opened for real: pick two versions, or two files (浏览… included).

tests/ui/compare/test_compare_gui.py checks the comparison tab with the dialogs' answers given;
here the real dialogs run modally from the menu and the drafter's choices reach the comparison.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from storage.library import VersionInfo
from tests.ui.compare.test_compare_gui import NEW_WORDS, OLD_WORDS, versions, window
from tests.ui.dialogs import CANCEL, OK, answering, button_of, choose_files, enter_text, press
from ui.compare.dialogs import CompareFilesDialog, CompareVersionsDialog
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["versions", "window"]  # the fixtures of the comparison tests, shared


def test_compare_versions_from_the_menu(
    qtbot: Any, window: MainWindow, versions: tuple[VersionInfo, VersionInfo]
) -> None:
    first, second = versions
    seen: dict[str, Any] = {}

    def fill(dialog: CompareVersionsDialog) -> None:
        # The shown 工作稿 against the version it was made from.
        seen["default"] = dialog.data()
        ok = button_of(dialog, OK)
        dialog.old_combo.setCurrentIndex(dialog.old_combo.findData(second.id))
        seen["same"] = (ok.isEnabled(), dialog.hint.isVisible(), dialog.hint.text())
        dialog.old_combo.setCurrentIndex(dialog.old_combo.findData(first.id))
        assert ok.text() == "比较" and not dialog.hint.isVisible()
        press(qtbot, dialog, OK)

    with answering(CompareVersionsDialog, fill):
        window.acts.compare_versions.trigger()
    assert seen["default"] == (first.id, second.id)
    assert seen["same"] == (False, True, "原稿和新稿是同一个稿次，请另选一个。")
    qtbot.waitUntil(lambda: window.comparer.current_tab() is not None)
    tab = window.comparer.current_tab()
    assert tab is not None and tab.comparison.summary["modified"] == 1
    text = tab.view.browser.toPlainText()
    assert OLD_WORDS in text and NEW_WORDS in text


def test_cancelled_version_pick_opens_nothing(qtbot: Any, window: MainWindow) -> None:
    with answering(CompareVersionsDialog, lambda dialog: press(qtbot, dialog, CANCEL)):
        window.acts.compare_versions.trigger()
    assert window.comparer.current_tab() is None
    assert window.centre_tabs.count() == 1


def _browse(qtbot: Any, dialog: CompareFilesDialog, row: int, path: Path) -> None:
    """Press the row's 浏览… and choose ``path`` in the real file dialog it opens."""
    browse = [b for b in dialog.findChildren(QPushButton) if b.text() == "浏览…"][row]
    titles: list[str] = []
    choose = choose_files(qtbot, path)

    def fill(files: QFileDialog) -> None:
        titles.append(files.windowTitle())
        choose(files)

    with answering(QFileDialog, fill):
        qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert titles == ["选择原稿" if row == 0 else "选择新稿"]


def test_compare_files_chosen_with_browse_and_typed(
    qtbot: Any, window: MainWindow, corpus: Path
) -> None:
    old, new = corpus / "pair_lifafa_2015.md", corpus / "pair_lifafa_2023.md"

    def fill(dialog: CompareFilesDialog) -> None:
        ok = button_of(dialog, OK)
        assert not ok.isEnabled()  # two files are needed
        _browse(qtbot, dialog, 0, old)
        assert dialog.old_edit.text() == str(old) and not ok.isEnabled()
        dialog.new_edit.setFocus()
        enter_text(dialog.new_edit, str(new))
        press(qtbot, dialog, OK)

    with answering(CompareFilesDialog, fill):
        window.acts.compare_files.trigger()
    qtbot.waitUntil(lambda: window.comparer.current_tab() is not None)
    assert window.centre_tabs.tabText(window.centre_tabs.currentIndex()) == (
        "比较：pair_lifafa_2015 → pair_lifafa_2023"
    )
    tab = window.comparer.current_tab()
    assert tab is not None and tab.comparison.summary["added"] > 0


def test_compare_files_dialog_returns_the_paths_or_cancel(qtbot: Any) -> None:
    def fill(dialog: CompareFilesDialog) -> None:
        enter_text(dialog.old_edit, " 旧.txt ")
        enter_text(dialog.new_edit, "新.docx")
        press(qtbot, dialog, CANCEL)

    with answering(CompareFilesDialog, fill):
        (old, new), accepted = CompareFilesDialog.get_data(None)
    assert not accepted
    assert (old, new) == (Path("旧.txt"), Path("新.docx"))  # spaces around a pasted path go
