"""稿次 → 应用修改决定… in the window (issue 11 §5, F16): a decision file applied to the version
shown, the result dialog (applied / failed with reasons / warnings), 保存为新稿次 as a new
working draft of the same regulation with the base version's uids, 取消 and bad files storing
nothing — a real SQLite library in tmp_path, real widgets, the real file dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.numbering import article_body
from drafting.model.units import Draft
from drafting.read.files import read_draft
from storage.library import Library, VersionInfo
from tests.drafting.amend.test_amend import words
from tests.ui.clipping import clipped_controls
from tests.ui.dialogs import answering, choose_files
from ui.library.amend_dialog import AmendResultDialog
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

OLD = "pair_changjiang_sand_2001.md"
NEW = "pair_changjiang_sand_2023.md"


@pytest.fixture
def base(library: Library, corpus: Path) -> VersionInfo:
    """The old 长江河道采砂管理条例 imported as a regulation's working draft, another after it."""
    version = library.import_draft(read_draft(corpus / OLD).draft)
    library.import_draft(read_draft(corpus / "local_hangzhou_park_2014.md").draft)
    return version


@pytest.fixture
def window(qtbot: Any, library: Library, base: VersionInfo) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(base.id)
    assert win.version is not None and win.version.id == base.id
    return win


def drafted_decision(corpus: Path, tmp_path: Path) -> Path:
    """The 修改决定 drafted from the corpus pair (old → new), as a .txt file."""
    old, new = read_draft(corpus / OLD).draft, read_draft(corpus / NEW).draft
    path = tmp_path / "关于修改长江河道采砂管理条例的决定.txt"
    path.write_text(amendment_decision(compare_drafts(old, new)), encoding="utf-8")
    return path


def apply_via_menu(
    qtbot: Any, win: MainWindow, decision: Path, answer: Any, *, result_dialog: bool = True
) -> list[AmendResultDialog]:
    """稿次 → 应用修改决定…: pick ``decision`` in the file dialog, answer the result dialog
    with ``answer(dialog)``; returns the result dialogs seen."""
    action = win.acts.apply_amendment_decision
    assert action.isEnabled()
    assert action in win.acts.menus["version"].actions()
    with (
        answering(AmendResultDialog, answer, times=1 if result_dialog else 0) as seen,
        answering(QFileDialog, choose_files(qtbot, decision)),
    ):
        action.trigger()
    return seen


def versions_of(library: Library, regulation_id: int) -> list[int]:
    return sorted(v.id for v in library.regulation(regulation_id).versions)


def article_uids_by_body(draft: Draft) -> dict[str, str]:
    """body → uid for the articles whose body is unique in the text."""
    seen: dict[str, list[str]] = {}
    for article in draft.articles():
        seen.setdefault(article_body(article), []).append(article.uid)
    return {body: uids[0] for body, uids in seen.items() if len(uids) == 1}


def test_a_drafted_decision_makes_the_new_text_as_a_new_version_with_the_uids_carried(
    qtbot: Any,
    window: MainWindow,
    library: Library,
    base: VersionInfo,
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decision = drafted_decision(corpus, tmp_path)
    seen_texts: list[str] = []

    def save(dialog: AmendResultDialog) -> None:
        assert dialog.failed_list.count() == 0
        assert dialog.applied_list.count() >= 5
        assert dialog.tabs.currentWidget() is dialog.applied_list
        assert dialog.save_button.isDefault()  # nothing failed: 保存为新稿次 is the default
        assert not dialog.warning_label.isVisible()
        seen_texts.append(dialog.findChild(QWidget, "amend_summary").text())  # type: ignore[union-attr]
        qtbot.mouseClick(dialog.save_button, qtbot_left())

    apply_via_menu(qtbot, window, decision, save)
    assert "项已执行，0 项未能执行" in seen_texts[0]

    created = [v for v in library.regulation(base.regulation_id).versions if v.id != base.id]
    assert len(created) == 1
    new_version = created[0]
    assert not new_version.frozen and new_version.parent_id == base.id
    assert new_version.label == "工作稿"
    assert decision.name in new_version.note
    # Selected and shown afterwards.
    assert window.version is not None and window.version.id == new_version.id
    assert window.workspace.draft is not None
    assert "与上一稿次比较" in window.statusBar().currentMessage()

    stored = library.load_draft(new_version.id)
    assert words(stored) == words(read_draft(corpus / NEW).draft)  # word for word
    # Unchanged articles keep the base version's uids (as amend's apply keeps them).
    before = article_uids_by_body(library.load_draft(base.id))
    kept = [(before[article_body(a)], a.uid) for a in stored.articles() if article_body(a) in before]
    assert len(kept) >= 10
    assert all(old == new for old, new in kept)
    # The other regulation got nothing.
    others = [r for r in library.regulations() if r.id != base.regulation_id]
    assert [len(r.versions) for r in others] == [1]
    # Deletable like any working draft: 稿次 → 删除工作稿 in the window, back to the base.
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *args: object) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    assert window.acts.delete_version.isEnabled()
    window.acts.delete_version.trigger()
    assert asked and "工作稿" in asked[0]
    assert versions_of(library, base.regulation_id) == [base.id]
    assert window.version is not None and window.version.id == base.id


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_failing_item_is_listed_with_its_reason_and_cancel_stores_nothing(
    qtbot: Any, window: MainWindow, library: Library, base: VersionInfo, tmp_path: Path
) -> None:
    decision = tmp_path / "决定.txt"
    decision.write_text(
        "对《长江河道采砂管理条例》作如下修改：\n"
        "一、将第一条中的“长江”修改为“长江干流”。\n"
        "二、将第九十九条修改为：“不存在的条文。”\n"
        "本决定自公布之日起施行。\n",
        encoding="utf-8",
    )
    before = versions_of(library, base.regulation_id)
    seen: list[tuple[int, str, bool, bool]] = []

    def cancel(dialog: AmendResultDialog) -> None:
        assert dialog.tabs.currentWidget() is dialog.failed_list  # failures shown first
        item = dialog.failed_list.item(0)
        seen.append(
            (
                dialog.failed_list.count(),
                item.text(),
                dialog.cancel_button.isDefault(),
                dialog.save_button.isDefault(),
            )
        )
        assert dialog.applied_list.count() == 1
        qtbot.mouseClick(dialog.cancel_button, qtbot_left())

    apply_via_menu(qtbot, window, decision, cancel)
    count, text, cancel_default, save_default = seen[0]
    assert count == 1
    assert "第九十九条" in text and "原因：" in text and "没有第九十九条" in text
    assert cancel_default and not save_default  # something failed: 取消 is the default
    assert versions_of(library, base.regulation_id) == before  # nothing stored
    assert window.version is not None and window.version.id == base.id
    assert "未保存" in window.statusBar().currentMessage()


def test_a_broken_docx_is_refused_with_a_message_and_nothing_is_stored(
    qtbot: Any,
    window: MainWindow,
    library: Library,
    base: VersionInfo,
    tmp_path: Path,
    warnings_shown: list[tuple[str, str]],
) -> None:
    broken = tmp_path / "决定.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"not a word document")
    before = versions_of(library, base.regulation_id)
    apply_via_menu(qtbot, window, broken, lambda d: d.reject(), result_dialog=False)
    assert len(warnings_shown) == 1
    title, text = warnings_shown[0]
    assert title == "无法读取修改决定"
    assert "决定.docx" in text and "法规库没有改动" in text
    assert "不是有效的 Word 文档" in text  # the reader's own Chinese reason, no traceback
    assert versions_of(library, base.regulation_id) == before


def test_a_decision_for_another_regulation_is_warned_and_asked_before_saving(
    qtbot: Any,
    window: MainWindow,
    library: Library,
    base: VersionInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decision = tmp_path / "河道决定.txt"
    decision.write_text(
        "某市人民代表大会常务委员会关于修改《某市河道管理条例》的决定\n"
        "对《某市河道管理条例》作如下修改：\n"
        "一、将第一条中的“长江”修改为“长江干流”。\n",
        encoding="utf-8",
    )
    asked: list[str] = []
    replies = ["no", "yes"]

    def question(parent: object, title: str, text: str, *args: object) -> Any:
        asked.append(text)
        yes = replies.pop(0) == "yes"
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    before = versions_of(library, base.regulation_id)
    shown: list[tuple[str, bool, bool]] = []

    def save_twice(dialog: AmendResultDialog) -> None:
        shown.append(
            (
                dialog.warning_label.text(),
                dialog.warning_label.isVisible(),
                dialog.cancel_button.isDefault(),
            )
        )
        qtbot.mouseClick(dialog.save_button, qtbot_left())  # 否: the dialog stays
        assert dialog.isVisible()
        qtbot.mouseClick(dialog.save_button, qtbot_left())  # 是: saved

    apply_via_menu(qtbot, window, decision, save_twice)
    warning, visible, cancel_default = shown[0]
    assert visible and cancel_default
    assert "《某市河道管理条例》" in warning and "《长江河道采砂管理条例》" in warning
    assert len(asked) == 2 and "某市河道管理条例" in asked[0]
    after = versions_of(library, base.regulation_id)
    assert len(after) == len(before) + 1


def test_the_dialog_fits_at_1280_by_720(qtbot: Any, corpus: Path, tmp_path: Path) -> None:
    """The result dialog with failures, warnings and long clauses, as a screenshot: nothing
    clipped (every label's text fits its width; the lists wrap, no sideways scrolling)."""
    from drafting.amend.target import amend_text

    old = read_draft(corpus / OLD).draft
    text = amendment_decision(compare_drafts(old, read_draft(corpus / NEW).draft))
    text = text.replace("作如下修改：\n", "作如下修改：\n一、将第九十九条修改为：“不存在。”\n", 1)
    outcome = amend_text(old, text)
    assert outcome.failed
    outcome.warnings.append("测试：一条警告，说明警告行的样子。")
    dialog = AmendResultDialog(outcome, "《长江河道采砂管理条例》「导入稿」", "决定.txt")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1280 and dialog.height() <= 720
    assert dialog.tabs.currentWidget() is dialog.failed_list
    assert dialog.warning_label.isVisible()
    assert clipped_controls(dialog, dialog) == []
    for view in (dialog.failed_list, dialog.applied_list):
        assert view.horizontalScrollBar().maximum() == 0  # wrapped, never sideways
    assert dialog.grab().save(str(tmp_path / "amend_result.png"))


def test_a_decision_that_changes_nothing_cannot_be_saved(qtbot: Any, corpus: Path) -> None:
    from drafting.amend.target import amend_text

    old = read_draft(corpus / OLD).draft
    outcome = amend_text(old, "对《长江河道采砂管理条例》作如下修改：\n一、删去第九十九条。\n")
    assert outcome.nothing_applied
    dialog = AmendResultDialog(outcome, "《长江河道采砂管理条例》「导入稿」", "决定.txt")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.save_button.isEnabled() and dialog.cancel_button.isDefault()
    assert dialog.warning_label.isVisible() and "均未能执行" in dialog.warning_label.text()
    assert dialog.failed_list.count() == 1


def test_a_decision_that_looks_applied_already_is_asked_with_no_as_default(
    qtbot: Any,
    window: MainWindow,
    library: Library,
    base: VersionInfo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """G14: two items find their new words already in place → the warning says the decision
    looks applied; 保存为新稿次 asks (default 否); 否 stores nothing, 是 stores."""
    decision = tmp_path / "长江决定.txt"
    decision.write_text(
        "对《长江河道采砂管理条例》作如下修改：\n"
        "一、将第一条中的“加强长江采砂管理”修改为“加强长江河道采砂管理”。\n"
        "二、将第一条中的“保障通航安全”修改为“保障防洪和通航安全”。\n"
        "三、将第一条中的“制定本条例”修改为“特制定本条例”。\n",
        encoding="utf-8",
    )
    asked: list[tuple[str, Any]] = []
    replies = ["no", "yes"]

    def question(parent: object, title: str, text: str, *args: object) -> Any:
        asked.append((title, args[-1] if args else None))
        yes = replies.pop(0) == "yes"
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    before = versions_of(library, base.regulation_id)
    shown: list[tuple[str, bool, bool]] = []

    def save_twice(dialog: AmendResultDialog) -> None:
        shown.append(
            (
                dialog.warning_label.text(),
                dialog.warning_label.isVisible(),
                dialog.cancel_button.isDefault(),
            )
        )
        qtbot.mouseClick(dialog.save_button, qtbot_left())  # 否: the dialog stays
        assert dialog.isVisible()
        assert versions_of(library, base.regulation_id) == before
        qtbot.mouseClick(dialog.save_button, qtbot_left())  # 是: saved

    apply_via_menu(qtbot, window, decision, save_twice)
    warning, visible, cancel_default = shown[0]
    assert visible and cancel_default
    assert warning.startswith("本决定似已执行过：2 项的原文似已按该项修改")
    assert [t for t, _ in asked] == ["修改决定似已执行过"] * 2
    assert asked[0][1] == QMessageBox.StandardButton.No  # the default button
    assert len(versions_of(library, base.regulation_id)) == len(before) + 1
