"""The 稿次 dialogs opened for real: freeze, version properties and rename, filled and pressed.

tests/ui/library/test_versions_gui.py checks the window's flows with the dialogs' answers
given; here the real dialogs run modally, the drafter's typing and clicks fill them, and what
they return reaches the library.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from storage.library import Library, VersionInfo
from tests.ui.dialogs import (
    CANCEL,
    OK,
    answering,
    button_of,
    enter_text,
    pick,
    press,
    tick,
    type_into,
)
from tests.ui.drafts import park_draft
from ui.library.version_dialogs import (
    FreezeVersionDialog,
    RenameRegulationDialog,
    VersionProperties,
    VersionPropertiesDialog,
)
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui
YES = QDialogButtonBox.StandardButton.Yes


@pytest.fixture
def working(library: Library) -> VersionInfo:
    """The park draft imported as a working draft."""
    return library.import_draft(park_draft(), label="起草稿", stage="起草")


@pytest.fixture
def window(qtbot: Any, library: Library, working: VersionInfo) -> MainWindow:
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.version is not None and win.version.id == working.id
    return win


def test_freeze_dialog_label_stage_date_note_and_continue(qtbot: Any) -> None:
    seen: dict[str, Any] = {}

    def fill(dialog: FreezeVersionDialog) -> None:
        # Labels already frozen: the next one is suggested, with its stage.
        seen["suggested"] = (dialog.label_combo.currentText(), dialog.stage_combo.currentText())
        pick(dialog.label_combo, "二审稿")
        seen["stage followed"] = dialog.stage_combo.currentText()
        dialog.date_edit.setDate(QDate(2026, 11, 20))
        type_into(dialog.note_edit, "提请常委会第二次审议")
        tick(qtbot, dialog.continue_box)  # 新建工作稿: off
        press(qtbot, dialog, OK)

    with answering(FreezeVersionDialog, fill):
        data, accepted = FreezeVersionDialog.get_data(
            None, "某市公园条例", ["征求意见稿", "一审稿"]
        )
    assert accepted
    assert seen == {"suggested": ("二审稿", "二审"), "stage followed": "二审"}
    assert data.label == "二审稿" and data.stage == "二审"
    assert data.date == dt.date(2026, 11, 20) and data.note == "提请常委会第二次审议"
    assert data.continue_working is False


def test_freeze_dialog_needs_a_label_and_cancel_says_so(qtbot: Any) -> None:
    def fill(dialog: FreezeVersionDialog) -> None:
        ok = button_of(dialog, OK)
        assert ok.text() == "冻结" and ok.isEnabled()
        assert dialog.label_combo.lineEdit() is not None
        type_into(dialog.label_combo.lineEdit(), " ")
        assert not ok.isEnabled()  # a blank label cannot be frozen
        type_into(dialog.label_combo.lineEdit(), "专家论证稿")
        assert ok.isEnabled()
        press(qtbot, dialog, CANCEL)

    with answering(FreezeVersionDialog, fill):
        data, accepted = FreezeVersionDialog.get_data(None, "某市公园条例")
    assert not accepted
    assert data.label == "专家论证稿"


def test_freeze_from_the_menu_through_the_real_dialog(
    qtbot: Any, window: MainWindow, library: Library, working: VersionInfo
) -> None:
    def fill(dialog: FreezeVersionDialog) -> None:
        assert dialog.label_combo.currentText() == "征求意见稿"  # nothing frozen yet
        dialog.date_edit.setDate(QDate(2026, 11, 2))
        type_into(dialog.note_edit, "发各区县征求意见")
        press(qtbot, dialog, OK)

    with answering(FreezeVersionDialog, fill):
        window.acts.freeze_version.trigger()
    qtbot.waitUntil(lambda: len(library.regulation(working.regulation_id).versions) == 2)
    new, frozen = library.regulation(working.regulation_id).versions
    assert (frozen.id, frozen.label, frozen.stage, frozen.frozen) == (
        working.id, "征求意见稿", "征求意见", True
    )  # fmt: skip
    assert frozen.date == dt.date(2026, 11, 2) and frozen.note == "发各区县征求意见"
    assert new.parent_id == frozen.id and not new.frozen
    qtbot.waitUntil(lambda: window.version is not None and window.version.id == new.id)


def test_cancelled_freeze_changes_nothing(
    qtbot: Any, window: MainWindow, library: Library, working: VersionInfo
) -> None:
    with answering(FreezeVersionDialog, lambda dialog: press(qtbot, dialog, CANCEL)):
        window.acts.freeze_version.trigger()
    versions = library.regulation(working.regulation_id).versions
    assert [(v.id, v.frozen) for v in versions] == [(working.id, False)]


def test_version_properties_through_the_real_dialog(
    qtbot: Any, window: MainWindow, library: Library, working: VersionInfo
) -> None:
    seen: list[VersionProperties] = []

    def fill(dialog: VersionPropertiesDialog) -> None:
        seen.append(dialog.data())
        type_into(dialog.label_edit, "")
        assert not button_of(dialog, OK).isEnabled()
        type_into(dialog.label_edit, "修改稿")
        pick(dialog.stage_combo, "征求意见")
        type_into(dialog.note_edit, "吸收部门意见后修改")
        press(qtbot, dialog, OK)

    with answering(VersionPropertiesDialog, fill):
        window.acts.version_properties.trigger()
    assert seen == [VersionProperties("起草稿", "起草", "")]
    changed = library.version(working.id)
    assert (changed.label, changed.stage, changed.note) == (
        "修改稿",
        "征求意见",
        "吸收部门意见后修改",
    )


def test_rename_regulation_through_the_real_dialog(
    qtbot: Any, window: MainWindow, library: Library
) -> None:
    def fill(dialog: RenameRegulationDialog) -> None:
        assert dialog.title_edit.text() == "某市公园条例"
        # Click into the name, select it all and type the new one over it.
        qtbot.mouseClick(dialog.title_edit, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        enter_text(dialog.title_edit, "某市城市公园管理条例")
        press(qtbot, dialog, OK)

    with answering(RenameRegulationDialog, fill):
        window.acts.rename_regulation.trigger()
    assert [r.title for r in library.regulations()] == ["某市城市公园管理条例"]


def test_rename_dialog_refuses_a_blank_name(qtbot: Any) -> None:
    def fill(dialog: RenameRegulationDialog) -> None:
        type_into(dialog.title_edit, "   ")
        assert not button_of(dialog, OK).isEnabled()
        press(qtbot, dialog, CANCEL)

    with answering(RenameRegulationDialog, fill):
        title, accepted = RenameRegulationDialog.get_data(None, "某市公园条例")
    assert not accepted and title == ""


def test_delete_asks_with_a_real_message_box_no_by_default(
    qtbot: Any, window: MainWindow, library: Library, working: VersionInfo
) -> None:
    window.acts.new_working_draft.trigger()
    second = window.version
    assert second is not None and second.id != working.id
    seen: list[tuple[str, str]] = []

    def enter_on_it(box: QMessageBox) -> None:
        seen.append((box.text(), box.defaultButton().text()))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default: 否

    with answering(QMessageBox, enter_on_it):
        window.acts.delete_version.trigger()
    assert len(library.regulation(working.regulation_id).versions) == 2
    assert seen and "删除" in seen[0][0]
    with answering(QMessageBox, lambda box: press(qtbot, box, YES)):
        window.acts.delete_version.trigger()
    assert [v.id for v in library.regulation(working.regulation_id).versions] == [working.id]
