"""起草修改决定 in the window when the 注 after the last article changed (issue 11): a change
of the 注 alone still drafts a decision (将注修改为：…), and a changed 落款 is named for the drafter
in the dialog, not drafted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from resources.demo import seed_demo
from storage.library import Library, VersionInfo
from ui.compare.dialogs import CompareVersionsDialog, default_pair
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

NOTE = "注：本条例由江州市人民代表大会常务委员会负责解释。"


def _window(qtbot: Any, library: Library, shown: VersionInfo, monkeypatch: Any) -> MainWindow:
    def get_data(
        cls: type,
        parent: object,
        title: str,
        offered: Sequence[VersionInfo],
        selected: int | None = None,
    ) -> Any:
        return default_pair(offered, selected), True

    monkeypatch.setattr(CompareVersionsDialog, "get_data", classmethod(get_data))
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(shown.id)
    return win


def test_a_note_only_change_drafts_its_item_and_a_signature_is_named(
    qtbot: Any, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    city, _park = seed_demo(library)
    first = library.load_draft(city.id)
    first.notes = [*first.notes, NOTE]
    library.save_draft(city.id, first)
    second = library.snapshot(city.id, label="工作稿")
    draft = library.load_draft(second.id)
    draft.notes = [NOTE.replace("人民代表大会常务委员会", "人民政府"), "2026年1月1日"]
    library.save_draft(second.id, draft)
    assert library.load_draft(second.id).notes == draft.notes  # stored with the version
    warned: list[tuple[object, ...]] = []
    monkeypatch.setattr("ui.compare.controller.show_warning", lambda *a: warned.append(a))
    window = _window(qtbot, library, library.version(second.id), monkeypatch)
    window.acts.compare_versions.trigger()
    tab = window.comparer.current_tab()
    assert tab is not None and not tab.comparison.changes  # no article changed
    dialog = window.comparer.draft_decision(tab)
    assert warned == [] and dialog is not None and dialog.isVisible()
    assert "一、将注修改为：“注：本条例由江州市人民政府负责解释。”" in dialog.text()
    assert "落款" in dialog.status.text()
