"""Versions (稿次) in the window: freeze, new working draft, properties, rename and delete, the
历史 tab and the read-only banner — a real SQLite library in tmp_path, real widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from drafting.model.units import Draft
from storage.library import Library, LibraryError, VersionInfo
from tests.ui.drafts import park_draft
from ui.library.history_view import VERSION_ID_ROLE
from ui.library.version_dialogs import (
    FreezeData,
    FreezeVersionDialog,
    RenameRegulationDialog,
    VersionProperties,
    VersionPropertiesDialog,
    suggested_label,
)
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

BANNER = "此稿次已冻结（只读）"


@pytest.fixture
def working(library: Library) -> VersionInfo:
    """The park draft imported as a working draft, and a second regulation after it."""
    version = library.import_draft(park_draft(), label="起草稿", stage="起草")
    library.import_draft(park_draft("某市河道管理条例"))
    return version


@pytest.fixture
def window(qtbot: Any, library: Library, working: VersionInfo) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.version is not None and win.version.id == working.id
    return win


class Answers(list[str]):
    """Replies for QMessageBox.question, in order ("yes"/"no"); ``asked`` records the texts."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Answer every QMessageBox.question with the next reply pushed, instead of blocking."""
    replies = Answers()

    def question(parent: QWidget | None, title: str, text: str, *args: object) -> Any:
        replies.asked.append(text)
        yes = replies.pop(0) == "yes"
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return replies


def freeze_with(monkeypatch: pytest.MonkeyPatch, data: FreezeData, accepted: bool = True) -> list:
    """Make the freeze dialog answer ``data``; returns the arguments it was called with."""
    calls: list = []

    def get_data(cls: type, parent: object, title: str, labels: object = ()) -> Any:
        calls.append((title, list(labels)))  # type: ignore[call-overload]
        return data, accepted

    monkeypatch.setattr(FreezeVersionDialog, "get_data", classmethod(get_data))
    return calls


def uids(draft: Draft) -> list[str]:
    return [unit.uid for unit in draft.walk()]


def tree_texts(win: MainWindow) -> list[list[str]]:
    model = win.library_model
    rows = []
    for r in range(model.rowCount()):
        parent = model.index(r, 0)
        rows.append(
            [parent.data()]
            + [model.index(v, 0, parent).data() for v in range(model.rowCount(parent))]
        )
    return rows


def history_rows(win: MainWindow) -> list[list[str]]:
    tree = win.history_view.tree
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]  # type: ignore[union-attr]
        for r in range(tree.topLevelItemCount())
    ]


# ---- freezing ------------------------------------------------------------------------------


def test_freeze_and_continue_in_a_new_working_draft(
    window: MainWindow, library: Library, working: VersionInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = dt.date(2026, 11, 2)
    calls = freeze_with(
        monkeypatch, FreezeData("征求意见稿", "征求意见", day, "发各区县征求意见", True)
    )
    assert window.acts.freeze_version.isEnabled()
    assert not window.version_banner.isVisible()
    window.acts.freeze_version.trigger()

    assert calls == [("某市公园条例", [])]
    versions = library.regulation(working.regulation_id).versions
    assert [(v.label, v.frozen) for v in versions] == [("工作稿", False), ("征求意见稿", True)]
    new, frozen = versions
    assert frozen.id == working.id and frozen.date == day and frozen.note == "发各区县征求意见"
    assert new.parent_id == frozen.id
    # The new working draft is shown, with the same uids as the frozen text.
    assert window.version is not None and window.version.id == new.id
    assert uids(library.load_draft(new.id)) == uids(library.load_draft(frozen.id))
    assert not window.version_banner.isVisible()
    assert window.acts.freeze_version.isEnabled()
    assert tree_texts(window)[0] == [
        "某市公园条例",
        "工作稿",
        "征求意见稿 · 2026-11-02（已冻结）",
    ]
    rows = history_rows(window)
    assert [row[:6] for row in rows] == [
        ["工作稿", "", new.created.date().isoformat(), "可修改", "4", "由“征求意见稿”生成"],
        ["征求意见稿", "征求意见", "2026-11-02", "已冻结", "4", "导入"],
    ]
    assert rows[1][6] == "发各区县征求意见"
    assert "已冻结为“征求意见稿”" in window.statusBar().currentMessage()

    # The next freeze suggests the stage after 征求意见 (issue 13: not 草案/起草 again).
    calls2 = freeze_with(monkeypatch, FreezeData("草案", "起草", day, "", False))
    window.acts.freeze_version.trigger()
    assert calls2 == [("某市公园条例", ["征求意见稿"])]
    assert suggested_label(calls2[0][1]) == "一审稿"


def test_a_frozen_version_is_read_only_and_says_so(
    window: MainWindow, library: Library, working: VersionInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_with(monkeypatch, FreezeData("一审稿", "一审", dt.date(2027, 3, 1), "", False))
    window.acts.freeze_version.trigger()

    assert window.version is not None and window.version.id == working.id
    assert window.version.frozen
    assert window.version_banner.isVisible()
    assert window.version_banner.text().startswith(BANNER)
    assert "一审稿" in window.version_banner.text()
    assert "（一审稿）" in window.windowTitle()
    assert "一审稿" in window.reading_view.toPlainText()  # the stage line under the title
    for name in ("freeze_version", "version_properties", "delete_version"):
        assert not getattr(window.acts, name).isEnabled(), name
    assert window.acts.new_working_draft.isEnabled()
    with pytest.raises(LibraryError, match="稿次已冻结，不能修改"):
        library.save_draft(working.id, park_draft())

    # Another regulation's working draft: no banner; back to the frozen one: the banner again.
    other = library.regulations()[1].versions[0]
    window.open_version(other.id)
    assert not window.version_banner.isVisible() and window.acts.freeze_version.isEnabled()
    window.open_version(working.id)
    assert window.version_banner.isVisible()


def test_cancelled_freeze_changes_nothing(
    window: MainWindow, library: Library, working: VersionInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = library.regulations()
    freeze_with(monkeypatch, FreezeData("一审稿", "一审", dt.date(2027, 3, 1), "", True), False)
    window.acts.freeze_version.trigger()
    assert library.regulations() == before


def test_new_working_draft_from_a_frozen_version(
    window: MainWindow, library: Library, working: VersionInfo
) -> None:
    frozen = library.freeze(working.id, label="征求意见稿", stage="征求意见")
    window.reload_library()
    assert window.version is not None and window.version.frozen
    assert window.version_banner.isVisible()

    window.acts.new_working_draft.trigger()
    versions = library.regulation(working.regulation_id).versions
    assert [v.label for v in versions] == ["工作稿", "征求意见稿"]
    assert window.version is not None and window.version.id == versions[0].id
    assert versions[0].parent_id == frozen.id
    assert uids(library.load_draft(versions[0].id)) == uids(library.load_draft(frozen.id))
    assert not window.version_banner.isVisible()


def test_working_draft_properties_and_delete(
    window: MainWindow,
    library: Library,
    working: VersionInfo,
    monkeypatch: pytest.MonkeyPatch,
    answers: Answers,
) -> None:
    seen: list[VersionProperties] = []

    def get_data(cls: type, parent: object, current: VersionProperties) -> Any:
        seen.append(current)
        return VersionProperties("修改稿", "起草", "吸收部门意见后修改"), True

    monkeypatch.setattr(VersionPropertiesDialog, "get_data", classmethod(get_data))
    window.acts.version_properties.trigger()
    assert seen == [VersionProperties("起草稿", "起草", "")]
    changed = library.version(working.id)
    assert (changed.label, changed.note) == ("修改稿", "吸收部门意见后修改")
    assert window.version == changed
    assert history_rows(window)[0][0] == "修改稿"

    # A working draft made from it can be deleted (after a 是); the first one then shows.
    window.acts.new_working_draft.trigger()
    second = window.version
    assert second is not None and second.id != working.id
    answers.extend(["no"])
    window.acts.delete_version.trigger()
    assert len(library.regulation(working.regulation_id).versions) == 2
    answers.extend(["yes"])
    window.acts.delete_version.trigger()
    assert [v.id for v in library.regulation(working.regulation_id).versions] == [working.id]
    assert window.version is not None and window.version.id == working.id


def test_deleting_the_only_version_is_refused_with_a_message(
    window: MainWindow,
    library: Library,
    working: VersionInfo,
    answers: Answers,
    warnings_shown: list[tuple[str, str]],
) -> None:
    answers.extend(["yes"])
    window.acts.delete_version.trigger()
    assert warnings_shown and "唯一的稿次" in warnings_shown[0][1]
    assert library.version(working.id) == working


# ---- regulations ---------------------------------------------------------------------------


def test_rename_regulation(
    window: MainWindow, library: Library, working: VersionInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        RenameRegulationDialog,
        "get_data",
        classmethod(lambda cls, parent, title: ("某市城市公园管理条例", True)),
    )
    window.acts.rename_regulation.trigger()
    assert [r.title for r in library.regulations()] == ["某市城市公园管理条例", "某市河道管理条例"]
    assert tree_texts(window)[0][0] == "某市城市公园管理条例"
    assert window.version is not None and window.version.id == working.id
    assert window.history_view.title_label.text().startswith("某市城市公园管理条例")


def test_delete_regulation_asks_first(
    window: MainWindow, library: Library, working: VersionInfo, answers: Answers
) -> None:
    library.freeze(working.id, label="征求意见稿")
    window.reload_library()
    answers.extend(["no"])
    window.acts.delete_regulation.trigger()
    assert len(library.regulations()) == 2
    assert "其中 1 个已冻结" in answers.asked[0]

    answers.extend(["yes"])
    window.acts.delete_regulation.trigger()
    assert [r.title for r in library.regulations()] == ["某市河道管理条例"]
    assert tree_texts(window) == [["某市河道管理条例", "工作稿 · 导入稿"]]
    assert window.version is not None and window.draft is not None
    assert window.draft.title == "某市河道管理条例"
    assert window.history_view.version_ids() == [window.version.id]


# ---- the 历史 tab --------------------------------------------------------------------------


def test_history_tab_lists_versions_and_opens_one_on_double_click(
    qtbot: Any, window: MainWindow, library: Library, working: VersionInfo
) -> None:
    consultation = library.freeze(
        working.id, label="征求意见稿", stage="征求意见", date=dt.date(2026, 11, 2)
    )
    reading = library.snapshot(consultation.id, label="一审稿", stage="一审", frozen=True)
    latest = library.new_working_draft(reading.id)
    window.open_version(latest.id)  # not yet in the tree: reload first
    window.reload_library(select_version=latest.id)
    assert window.version is not None and window.version.id == latest.id

    assert window.history_dock in window.side_tabs()
    assert window.history_dock.windowTitle() == "历史"
    assert window.history_dock.toggleViewAction() in window.acts.menus["view"].actions()
    window.history_dock.raise_()  # bring the 历史 tab forward among the side tabs
    qtbot.waitUntil(window.history_view.isVisible)
    view = window.history_view
    assert view.version_ids() == [latest.id, reading.id, consultation.id]
    assert [row[5] for row in history_rows(window)] == [
        "由“一审稿”生成",
        "由“征求意见稿”生成",
        "导入",
    ]
    assert view.tree.currentItem() is view.item_for(latest.id)

    item = view.item_for(consultation.id)
    assert item is not None
    rect = view.tree.visualItemRect(item)
    # A real double-click: press and release, then the double-click event.
    # On the label, which is in sight however narrow the side tabs are.
    at = QPoint(rect.left() + 20, rect.center().y())
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.version is not None and window.version.id == consultation.id
    assert window.version_banner.isVisible()
    assert view.tree.currentItem() is view.item_for(consultation.id)
    assert "征求意见稿" in view.detail_label.text()
    assert item.data(0, VERSION_ID_ROLE) == consultation.id


def test_side_tabs_are_tabbed_together(qtbot: Any, library: Library, working: VersionInfo) -> None:
    from PySide6.QtWidgets import QLabel

    # As another feature adds its tab: while the window is built, before it is shown.
    win = MainWindow(library)
    qtbot.addWidget(win)
    before = win.side_tabs()
    assert win.history_dock in before
    dock = win.add_side_tab("测试甲", QLabel("甲"), "dock_test_a")
    win.show()
    qtbot.waitExposed(win)
    assert win.side_tabs() == [*before, dock]
    qtbot.waitUntil(lambda: dock in win.tabifiedDockWidgets(win.history_dock))
    assert win.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.toggleViewAction() in win.acts.menus["view"].actions()
    # Or later, to a window on screen.
    later = win.add_side_tab("测试乙", QLabel("乙"), "dock_test_b")
    qtbot.waitUntil(lambda: later in win.tabifiedDockWidgets(win.history_dock))
    assert win.side_tabs() == [*before, dock, later]


# ---- the dialogs themselves ----------------------------------------------------------------


def test_freeze_dialog_defaults_and_data(qtbot: Any) -> None:
    dialog = FreezeVersionDialog("某市公园条例", ["征求意见稿"])
    qtbot.addWidget(dialog)
    assert dialog.label_combo.currentText() == "一审稿"  # the stage after 征求意见
    assert dialog.stage_combo.currentText() == "一审"
    assert dialog.continue_box.isChecked()
    dialog.label_combo.setCurrentText("二审稿")
    assert dialog.stage_combo.currentText() == "二审"
    data = dialog.data()
    assert (data.label, data.stage, data.date, data.continue_working) == (
        "二审稿",
        "二审",
        dt.date.today(),
        True,
    )
    dialog.label_combo.setEditText("")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


# ---- 与上一稿次比较 ------------------------------------------------------------------------


def test_compare_with_the_previous_version_opens_a_centre_tab(
    qtbot: Any, window: MainWindow, library: Library, working: VersionInfo
) -> None:
    from ui.compare.tab import ComparisonTab

    assert not window.acts.compare_with_parent.isEnabled()  # an imported first draft
    frozen = library.freeze(working.id, label="征求意见稿", stage="征求意见")
    latest = library.new_working_draft(frozen.id)
    draft = library.load_draft(latest.id)
    draft.articles()[0].children[
        0
    ].text = "为了加强和规范公园管理，保护和改善城市生态环境，制定本条例。"
    del draft.units[1].children[1]  # the last article goes
    library.save_draft(latest.id, draft)
    window.reload_library(select_version=latest.id)
    assert window.acts.compare_with_parent.isEnabled()
    assert window.centre_tabs.count() == 1 and window.centre_tabs.tabBar().isHidden()

    window.acts.compare_with_parent.trigger()
    assert window.centre_tabs.count() == 2
    tab = window.centre_tabs.currentWidget()
    assert isinstance(tab, ComparisonTab)
    assert window.centre_tabs.tabText(1) == "比较《某市公园条例》：征求意见稿 → 工作稿"
    day = frozen.created.date().isoformat()
    assert (tab.old_title, tab.new_title) == (f"征求意见稿（{day}）", "工作稿")
    view = tab.view
    comparison = view.comparison()
    assert comparison is not None and comparison.by_uid
    assert comparison.summary["modified"] == 1 and comparison.summary["deleted"] == 1
    assert view.totals_text() in window.statusBar().currentMessage()

    # From the 历史 tab: the selected row against its parent; the first version has none.
    history = window.history_view
    first_row, latest_row = history.item_for(frozen.id), history.item_for(latest.id)
    assert first_row is not None and latest_row is not None
    history.tree.setCurrentItem(first_row)
    assert not history.compare_button.isEnabled()
    history.tree.setCurrentItem(latest_row)
    assert history.compare_button.isEnabled()
    qtbot.mouseClick(history.compare_button, Qt.MouseButton.LeftButton)
    assert window.centre_tabs.count() == 3

    # Choosing a version to read brings the text forward again.
    window.open_version(frozen.id)
    assert window.centre_tabs.currentWidget() is window.splitter
    window.close_centre_tab(0)  # the text itself never closes
    assert window.centre_tabs.widget(0) is window.splitter
    window.close_centre_tab(2)
    window.close_centre_tab(1)
    assert window.centre_tabs.count() == 1


def test_freeze_dialog_get_data_returns_the_choices(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exec_filled_in(dialog: FreezeVersionDialog) -> int:
        # What the drafter does in the modal dialog: (no nested event loop in tests).
        qtbot.addWidget(dialog)
        dialog.note_edit.setPlainText("提请常委会第一次审议")
        dialog.continue_box.setChecked(False)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(FreezeVersionDialog, "exec", exec_filled_in)
    data, accepted = FreezeVersionDialog.get_data(None, "某市公园条例", ["征求意见稿", "草案"])
    assert accepted
    assert (data.label, data.stage, data.note, data.continue_working) == (
        "一审稿",
        "一审",
        "提请常委会第一次审议",
        False,
    )


def test_unsaved_edits_are_saved_before_freezing(
    window: MainWindow, library: Library, working: VersionInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = library.load_draft(working.id)
    edited.articles()[0].children[0].text = "为了规范公园管理，制定本条例。"

    def save_pending() -> bool:  # what the editor's autosave does with a pending edit
        library.save_draft(working.id, edited)
        return True

    window.versions.save_pending = save_pending
    freeze_with(monkeypatch, FreezeData("征求意见稿", "征求意见", dt.date(2026, 11, 2), "", True))
    window.acts.freeze_version.trigger()
    frozen = library.load_draft(working.id)
    assert frozen.articles()[0].children[0].text == "为了规范公园管理，制定本条例。"

    # A failed save stops the freeze: nothing is frozen that is not what the screen shows.
    window.versions.save_pending = lambda: False
    before = library.regulations()
    window.acts.freeze_version.trigger()
    window.acts.new_working_draft.trigger()
    assert library.regulations() == before


def test_history_counts_follow_an_insert_and_its_undo(window: MainWindow) -> None:
    """历史 shows the article count of the text as it is, not as it was last saved."""
    from drafting.model.units import UnitKind

    version = window.version
    assert version is not None
    draft = window.draft
    assert draft is not None
    before = len(draft.articles())
    row = next(r for r in history_rows(window) if r[0] == version.label)
    assert row[4] == str(before)
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    row = next(r for r in history_rows(window) if r[0] == version.label)
    assert row[4] == str(before + 1)
    window.acts.undo.trigger()
    row = next(r for r in history_rows(window) if r[0] == version.label)
    assert row[4] == str(before)
