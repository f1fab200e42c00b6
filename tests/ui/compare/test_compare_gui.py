"""比较 in the window: two versions or two files compared into a centre tab, F7 in it, and the
documents made from it (修改对照表, 修改稿 with revisions, 修改决定) — a real SQLite library in
tmp_path, real files written and read back."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from resources.demo import seed_demo
from storage.library import Library, VersionInfo
from tests.ui.dialogs import OK, answering, press, type_into
from ui.compare.dialogs import CompareFilesDialog, CompareVersionsDialog, default_pair
from ui.compare.tab import ComparisonTab, NoteDialog
from ui.shell.main_window import MainWindow
from ui.shell.settings import user_name
from ui.shell.user_name import UserNameDialog

pytestmark = pytest.mark.gui

OLD_WORDS = "传承优秀历史文化"
NEW_WORDS = "弘扬优秀传统文化"


@pytest.fixture
def versions(library: Library) -> tuple[VersionInfo, VersionInfo]:
    """The demo 古城保护条例 (征求意见稿) and a 工作稿 made from it with 第一条 reworded."""
    first = seed_demo(library)[0]
    second = library.snapshot(first.id, label="工作稿")
    draft = library.load_draft(second.id)
    paragraph = draft.articles()[0].children[0]
    assert OLD_WORDS in paragraph.text
    paragraph.text = paragraph.text.replace(OLD_WORDS, NEW_WORDS)
    library.save_draft(second.id, draft)
    return library.version(first.id), library.version(second.id)


@pytest.fixture
def window(qtbot: Any, library: Library, versions: tuple[VersionInfo, VersionInfo]) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    assert win.open_version(versions[1].id)
    return win


@pytest.fixture
def picked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[int], int | None]]:
    """The version-pick dialog answers its own defaults; records what it was offered."""
    calls: list[tuple[str, list[int], int | None]] = []

    def get_data(
        cls: type,
        parent: object,
        title: str,
        versions: Sequence[VersionInfo],
        selected: int | None = None,
    ) -> Any:
        calls.append((title, [v.id for v in versions], selected))
        return default_pair(versions, selected), True

    monkeypatch.setattr(CompareVersionsDialog, "get_data", classmethod(get_data))
    return calls


class SaveAnswers(list[Path]):
    """QFileDialog.getSaveFileName answers: the next path queued; ``offered`` records names."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: list[str] = []

    def __call__(self, parent: object, caption: str, start: str, *args: object) -> Any:
        self.offered.append(Path(start).name)
        return (str(self.pop(0)) if self else "", "")


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveAnswers:
    answers = SaveAnswers()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answers)
    return answers


def open_comparison(window: MainWindow) -> ComparisonTab:
    window.acts.compare_versions.trigger()
    tab = window.comparer.current_tab()
    assert tab is not None
    return tab


def test_compare_two_versions_opens_a_tab(
    window: MainWindow,
    versions: tuple[VersionInfo, VersionInfo],
    picked: list[tuple[str, list[int], int | None]],
) -> None:
    first, second = versions
    assert window.acts.compare_versions.shortcut() == QKeySequence("Ctrl+Shift+C")
    assert not window.acts.export_comparison_table.isEnabled()  # no comparison yet
    tab = open_comparison(window)
    title, offered, selected = picked[0]
    assert title == "江州市古城保护条例"
    assert set(offered) == {first.id, second.id} and selected == second.id
    tabs = window.centre_tabs
    assert tabs.count() == 2 and tabs.currentWidget() is tab
    assert tabs.tabText(1) == "比较《江州市古城保护条例》：征求意见稿 → 工作稿"
    assert tab.view.totals_text() == "1条修改"
    assert tab.view.totals_label.text() == "1条修改"
    assert (
        window.statusBar().currentMessage()
        == "比较《江州市古城保护条例》：征求意见稿 → 工作稿：1条修改"
    )
    comparison = tab.comparison
    assert comparison.by_uid
    assert [p.status for p in comparison.pairs].count("unchanged") == len(comparison.pairs) - 1
    # The comparison's documents are enabled while its tab is in front, and not otherwise.
    a = window.acts
    assert a.export_comparison_table.isEnabled() and a.draft_amendment_decision.isEnabled()
    tabs.setCurrentIndex(0)
    assert not a.export_comparison_table.isEnabled()
    tabs.setCurrentIndex(1)
    assert a.export_tracked_draft.isEnabled()
    # Closing the tab leaves the text.
    tabs.tabCloseRequested.emit(1)
    assert tabs.count() == 1 and window.comparer.current_tab() is None


def test_f7_goes_to_the_change_in_the_tab(
    qtbot: Any, window: MainWindow, picked: list[Any]
) -> None:
    tab = open_comparison(window)
    QApplication.processEvents()
    assert tab.view.browser.hasFocus()  # the keyboard is in the comparison at once
    modified = tab.comparison.changes[0]
    qtbot.keyClick(tab.view.browser, Qt.Key.Key_F7)
    assert tab.view.current_pair() == modified
    assert tab.view.position_label.text() == "第 1 / 1 处"
    qtbot.keyClick(tab.view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert tab.view.current_pair() == modified
    # F7 belongs to the view alone: no window action claims it.
    f7 = QKeySequence(Qt.Key.Key_F7)
    owners = [
        act for act in window.findChildren(QAction) if f7 in act.shortcuts() and act.isEnabled()
    ]
    assert owners and all(
        act.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut for act in owners
    )
    # Two comparison tabs: F7 in the second moves only the second.
    second = open_comparison(window)
    assert second is not tab
    qtbot.keyClick(second.view.browser, Qt.Key.Key_F7)
    assert second.view.current_pair() == modified
    # Back to the text, a click in the library, then the comparison's tab: the keyboard is in
    # the comparison again (Qt moves it along only from inside the previous page).
    window.centre_tabs.setCurrentIndex(0)
    window.library_view.setFocus()
    window.centre_tabs.setCurrentWidget(tab)
    QApplication.processEvents()
    assert tab.view.browser.hasFocus()


def test_export_table_from_the_tab(
    window: MainWindow, picked: list[Any], save_as: SaveAnswers, tmp_path: Path
) -> None:
    tab = open_comparison(window)
    out = tmp_path / "对照表.docx"
    save_as.append(out)
    tab.buttons["export_table"].click()
    assert save_as.offered == ["《江州市古城保护条例》修改对照表.docx"]
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "《江州市古城保护条例》修改对照表"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["原条文", "修改后条文", "修改说明"]
    assert len(table.rows) == 2
    old_cell, new_cell = table.rows[1].cells[0].text, table.rows[1].cells[1].text
    assert OLD_WORDS in old_cell and NEW_WORDS in new_cell
    assert window.statusBar().currentMessage() == f"已导出：{out}"


def test_table_options_of_the_tab_reach_the_document(
    window: MainWindow, picked: list[Any], save_as: SaveAnswers, tmp_path: Path
) -> None:
    """未改处写“同左” and 列出章节, ticked in the tab, shape the exported 对照表."""
    tab = open_comparison(window)
    tab.same_as_left_box.setChecked(True)
    tab.headings_box.setChecked(True)
    out = tmp_path / "对照表.docx"
    save_as.append(out)
    tab.buttons["export_table"].click()
    rows = [[c.text for c in row.cells] for row in docx.Document(str(out)).tables[0].rows]
    assert any(row[0].startswith("第一章") for row in rows[1:])  # a heading row
    assert any(row[1] == "同左" for row in rows[1:] if row[0].startswith("第一章"))
    changed = [row for row in rows if OLD_WORDS in row[0]]
    assert changed and NEW_WORDS in changed[0][1]  # a changed article is written out


def test_export_tracked_draft_from_the_menu(
    qtbot: Any, window: MainWindow, picked: list[Any], save_as: SaveAnswers, tmp_path: Path
) -> None:
    """The first 修改稿 asks the drafter's name once; every revision is signed with it."""
    open_comparison(window)
    out = tmp_path / "修改稿.docx"
    save_as.append(out)

    def name(dialog: UserNameDialog) -> None:
        type_into(dialog.name_edit, "李起草")
        press(qtbot, dialog, OK)

    with answering(UserNameDialog, name):
        window.acts.export_tracked_draft.trigger()
    assert user_name() == "李起草"
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
        settings_xml = package.read("word/settings.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml
    assert NEW_WORDS[:2] in xml
    assert 'w:author="李起草"' in xml and "立法工作台" not in xml
    assert "<w:trackRevisions/>" in settings_xml
    # Asked once: the next export signs with the stored name without a dialog.
    again = tmp_path / "修改稿2.docx"
    save_as.append(again)
    window.acts.export_tracked_draft.trigger()
    with zipfile.ZipFile(again) as package:
        assert 'w:author="李起草"' in package.read("word/document.xml").decode("utf-8")


#: The drafted 修改说明 of the first change of the sample pair: what changed, in words.
DRAFTED_NOTE = "文字修改：“传承优秀历史文化”改为“弘扬优秀传统文化”"


def test_edit_a_note_before_exporting_the_table(
    qtbot: Any, window: MainWindow, picked: list[Any], save_as: SaveAnswers, tmp_path: Path
) -> None:
    """编辑修改说明… rewrites the 说明 of the row in front; the view and the 对照表 show it."""
    tab = open_comparison(window)
    tab.view.next_change()
    row = tab.note_row()
    assert row is not None and tab.view.note(row) == DRAFTED_NOTE
    offered: list[str] = []

    def rewrite(dialog: NoteDialog) -> None:
        offered.append(dialog.editor.toPlainText())
        type_into(dialog.editor, "突出传统文化的弘扬")
        press(qtbot, dialog, OK)

    with answering(NoteDialog, rewrite):
        tab.buttons["edit_note"].click()
    assert offered == [DRAFTED_NOTE]
    assert tab.view.note(row) == "突出传统文化的弘扬"
    assert "突出传统文化的弘扬" in tab.view.browser.toPlainText()
    out = tmp_path / "对照表.docx"
    save_as.append(out)
    tab.buttons["export_table"].click()
    table = docx.Document(str(out)).tables[0]
    assert table.rows[1].cells[2].text == "突出传统文化的弘扬"


def test_amendment_decision_dialog(
    qtbot: Any, window: MainWindow, picked: list[Any], save_as: SaveAnswers, tmp_path: Path
) -> None:
    tab = open_comparison(window)
    tab.buttons["decision"].click()
    dialog = window.comparer.decisions[-1]
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.text()
    assert text.startswith("对《江州市古城保护条例》作如下修改：")
    # One phrase changed: the committee's form names the words, not the whole article.
    assert "一、将第一条中的“传承优秀历史”修改为“弘扬优秀传统”。" in text
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == text
    # The drafter edits the text, then saves it as a document.
    dialog.editor.appendPlainText("本决定自公布之日起施行。")
    out = tmp_path / "决定.docx"
    save_as.append(out)
    dialog.save_button.click()
    assert save_as.offered == ["关于修改《江州市古城保护条例》的决定.docx"]
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs if p.text]
    assert paragraphs[0] == "关于修改《江州市古城保护条例》的决定"
    assert paragraphs[-1] == "本决定自公布之日起施行。"
    assert any(p.startswith("一、将第一条中的") for p in paragraphs)
    assert window.statusBar().currentMessage() == f"已导出：{out}"
    dialog.close()


def test_decision_wording_switches_between_national_and_local(
    qtbot: Any, window: MainWindow, picked: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = open_comparison(window)
    tab.buttons["decision"].click()
    dialog = window.comparer.decisions[-1]
    national = dialog.text()
    assert "起施行。" in national and "公布之日" not in national  # the 施行 date left to fill
    dialog.level.setCurrentIndex(1)  # 地方人大常委会用语, nothing edited: drafted again at once
    local = dialog.text()
    assert "本决定自公布之日起施行。" in local and local != national
    # Edited text is not thrown away without asking: 否 keeps it and the wording choice.
    dialog.editor.appendPlainText("（起草人批注）")
    monkeypatch.setattr(
        "ui.compare.decision_dialog.QMessageBox.question",
        lambda *a, **k: QMessageBox.StandardButton.No,
    )
    dialog.level.setCurrentIndex(0)
    assert dialog.level.currentIndex() == 1
    assert dialog.text().endswith("（起草人批注）")
    dialog.close()


def test_documents_from_the_compare_with_parent_tab(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path
) -> None:
    """稿次 → 与上一稿次比较 opens the same kind of tab; the 比较 menu exports from it."""
    window.acts.compare_with_parent.trigger()
    shown = window.comparer.current_comparison()
    assert shown is not None and shown[0].totals_text() == "1条修改"
    a = window.acts
    assert a.export_comparison_table.isEnabled() and a.draft_amendment_decision.isEnabled()
    assert a.export_tracked_draft.isEnabled()
    out = tmp_path / "对照表.docx"
    save_as.append(out)
    a.export_comparison_table.trigger()
    assert docx.Document(str(out)).tables[0].rows[0].cells[0].text == "原条文"
    a.draft_amendment_decision.trigger()
    assert "修改为" in window.comparer.decisions[-1].text()
    window.comparer.decisions[-1].close()


def test_compare_two_files(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, corpus: Path
) -> None:
    old, new = corpus / "pair_lifafa_2015.md", corpus / "pair_lifafa_2023.md"

    def get_data(cls: type, parent: object) -> Any:
        return (old, new), True

    monkeypatch.setattr(CompareFilesDialog, "get_data", classmethod(get_data))
    window.acts.compare_files.trigger()
    tab = window.comparer.current_tab()
    assert tab is not None
    assert window.centre_tabs.tabText(window.centre_tabs.currentIndex()) == (
        "比较：pair_lifafa_2015 → pair_lifafa_2023"
    )
    comparison = tab.comparison
    assert not comparison.by_uid
    assert comparison.summary["modified"] > 0 and comparison.summary["added"] > 0
    assert "条修改" in tab.view.totals_label.text()
    assert tab.new_draft is not None and tab.export_tracked_action.isEnabled()


def test_compare_files_refuses_a_bad_file(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    corpus: Path,
    warnings_shown: list[tuple[str, str]],
) -> None:
    bad = tmp_path / "空白.txt"
    bad.write_text("这不是法规。\n", encoding="utf-8")

    def get_data(cls: type, parent: object) -> Any:
        return (corpus / "pair_lifafa_2015.md", bad), True

    monkeypatch.setattr(CompareFilesDialog, "get_data", classmethod(get_data))
    assert window.comparer.compare_files() is None
    assert warnings_shown[0][0] == "无法比较" and "空白.txt" in warnings_shown[0][1]
    assert window.centre_tabs.count() == 1
    assert QApplication.overrideCursor() is None


def test_one_version_only_is_explained(
    window: MainWindow, library: Library, warnings_shown: list[tuple[str, str]]
) -> None:
    park = next(r for r in library.regulations() if len(r.versions) == 1)
    assert window.open_version(park.versions[0].id)
    assert window.comparer.compare_versions() is None
    assert warnings_shown[0][0] == "无法比较" and "只有一个稿次" in warnings_shown[0][1]


def test_version_dialog_defaults_and_same_version(
    qtbot: Any, library: Library, versions: tuple[VersionInfo, VersionInfo]
) -> None:
    first, second = versions
    listed = library.regulation(first.regulation_id).versions
    dialog = CompareVersionsDialog("江州市古城保护条例", listed, second.id)
    qtbot.addWidget(dialog)
    assert dialog.data() == (first.id, second.id)
    assert dialog.old_combo.currentText().startswith("征求意见稿")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and ok.text() == "比较"
    dialog.old_combo.setCurrentIndex(dialog.old_combo.findData(second.id))
    assert not ok.isEnabled() and "同一个稿次" in dialog.hint.text()
    # From the older version the default new one is still different from it.
    assert default_pair(listed, first.id)[1] == first.id
    assert default_pair(listed, first.id)[0] != first.id


def test_grab_window_with_a_comparison(
    qtbot: Any, window: MainWindow, picked: list[Any], tmp_path: Path
) -> None:
    """Render the window with a comparison tab to a PNG (set COMPARE_GUI_PNG to keep it)."""
    tab = open_comparison(window)
    qtbot.keyClick(tab.view.browser, Qt.Key.Key_F7)
    QApplication.processEvents()
    path = Path(os.environ.get("COMPARE_GUI_PNG", tmp_path / "compare_gui.png"))
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_f7_at_the_last_change_says_so(qtbot: Any, window: MainWindow, picked: list[Any]) -> None:
    tab = open_comparison(window)
    messages: list[str] = []
    window.workspace.message.connect(messages.append)
    qtbot.keyClick(tab.view.browser, Qt.Key.Key_F7)
    assert not any("最后一处" in m for m in messages)
    qtbot.keyClick(tab.view.browser, Qt.Key.Key_F7)  # one change only: already the last
    assert messages[-1] == "已是最后一处修改（共 1 处）"
    assert window.statusBar().currentMessage() == messages[-1]
    qtbot.keyClick(tab.view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert messages[-1] == "已是第一处修改（共 1 处）"
