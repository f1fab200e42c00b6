"""A comparison tab stays true to what is open: marked out of date after an edit of a text it
compares (F5 compares again), closed when a version it compares is deleted or another
regulation is shown (kept and named when it holds 修改说明); the 修改决定 window and the status
message of the previous regulation go with it; 历史 counts follow the text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from drafting.model.units import UnitKind
from resources.demo import seed_demo
from storage.library import Library, VersionInfo
from ui.compare.dialogs import CompareVersionsDialog, default_pair
from ui.compare.tab import ComparisonTab
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def versions(library: Library) -> tuple[VersionInfo, VersionInfo, VersionInfo]:
    """古城保护条例 征求意见稿, a 工作稿 made from it with 第一条 reworded; the 公园条例."""
    city, park = seed_demo(library)
    second = library.snapshot(city.id, label="工作稿")
    draft = library.load_draft(second.id)
    paragraph = draft.articles()[0].children[0]
    paragraph.text = paragraph.text.replace("传承优秀历史文化", "弘扬优秀传统文化")
    library.save_draft(second.id, draft)
    return library.version(city.id), library.version(second.id), park


@pytest.fixture
def window(
    qtbot: Any,
    library: Library,
    versions: tuple[VersionInfo, VersionInfo, VersionInfo],
    monkeypatch: pytest.MonkeyPatch,
) -> MainWindow:
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
    assert win.open_version(versions[1].id)
    return win


def _compare(window: MainWindow) -> ComparisonTab:
    window.acts.compare_versions.trigger()
    tab = window.comparer.current_tab()
    assert tab is not None and not tab.stale
    return tab


def _comparison_tabs(window: MainWindow) -> list[ComparisonTab]:
    tabs = window.centre_tabs
    return [
        w for w in (tabs.widget(i) for i in range(tabs.count())) if isinstance(w, ComparisonTab)
    ]


def test_an_edit_marks_the_comparison_out_of_date_and_f5_compares_again(
    qtbot: Any, window: MainWindow
) -> None:
    tab = _compare(window)
    assert tab.view.totals_text() == "1条修改"
    changed = tab.comparison.changes[0]
    tab.view.set_note(changed, "依据上位法修改")
    # Words typed in the working draft: the comparison no longer shows it as it is.
    draft = window.workspace.draft
    assert draft is not None
    third = draft.articles()[2].children[0]
    window.editing.controller.edit_text(third.uid, "新增的文字。" + third.text)
    assert tab.stale and tab.stale_banner.isVisibleTo(tab)
    assert tab.stale_banner.text().startswith("已过期，按 F5 重新比较")
    window.centre_tabs.setCurrentWidget(tab)
    tab.recompare_action.trigger()  # F5 in the tab
    fresh = window.comparer.current_tab()
    assert fresh is not None and fresh is not tab and not fresh.stale
    assert fresh.view.totals_text() == "2条修改"
    assert _comparison_tabs(window) == [fresh]  # took the old one's place
    assert fresh.view.note(changed) == "依据上位法修改"  # the drafter's note kept
    # An edit of a text not compared leaves it alone (the other regulation's edits cannot
    # reach it; an undo is an edit of the compared text: out of date again).
    window.workspace.undo()
    assert fresh.stale


def test_deleting_a_compared_version_closes_the_comparison(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compare(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.versions.delete_current_version()  # the 工作稿 compared
    assert _comparison_tabs(window) == []
    assert not window.acts.export_comparison_table.isEnabled()


def test_switching_regulation_closes_its_comparison_decision_and_message(
    qtbot: Any, window: MainWindow, versions: tuple[VersionInfo, VersionInfo, VersionInfo]
) -> None:
    city_first, city_working, park = versions
    tab = _compare(window)
    assert "江州市古城保护条例" in window.centre_tabs.tabText(window.centre_tabs.indexOf(tab))
    dialog = window.comparer.draft_decision(tab)
    assert dialog is not None and dialog.isVisible()
    assert window.statusBar().currentMessage().startswith("比较《江州市古城保护条例》")
    assert window.open_version(park.id)
    assert _comparison_tabs(window) == []
    assert window.comparer.decisions == [] and not dialog.isVisible()
    assert window.statusBar().currentMessage() == ""  # nothing said of the other regulation

    # A comparison holding the drafter's 修改说明 stays, named by its regulation.
    assert window.open_version(city_working.id)
    kept = _compare(window)
    kept.view.set_note(kept.comparison.changes[0], "说明")
    assert window.open_version(park.id)
    assert _comparison_tabs(window) == [kept]
    assert window.centre_tabs.tabText(window.centre_tabs.indexOf(kept)).startswith(
        "比较《江州市古城保护条例》"
    )


def test_history_counts_follow_the_text_across_switches(
    qtbot: Any, window: MainWindow, versions: tuple[VersionInfo, VersionInfo, VersionInfo]
) -> None:
    _first, working, park = versions
    draft = window.workspace.draft
    assert draft is not None
    before = draft.counts().articles
    window.select_unit(draft.articles()[0].uid)
    assert window.editing.insert(UnitKind.ARTICLE) is not None
    item = window.history_view.item_for(working.id)
    assert item is not None and item.text(4) == str(before + 1)
    assert f"共{before + 1}条" in window.selection_label.text().replace(" ", "")
    # Away and back: the list read before the save must not bring the old count back.
    assert window.open_version(park.id)
    assert window.open_version(working.id)
    item = window.history_view.item_for(working.id)
    assert item is not None and item.text(4) == str(before + 1)
    shown = window.workspace.draft
    assert shown is not None
    window.editing.controller.delete(shown.articles()[-1].uid)
    item = window.history_view.item_for(working.id)
    assert item is not None and item.text(4) == str(before)


def test_the_comparison_tab_fits_1280x720(qtbot: Any, window: MainWindow) -> None:
    """Every button of the tab shows its words whole, inside the window, with long titles."""
    from PySide6.QtCore import QRect

    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.apply_default_layout()
    tab = _compare(window)
    tab.mark_stale("“工作稿”已修改")
    qtbot.wait(20)
    inside = QRect(0, 0, window.width(), window.height())
    for name, button in tab.buttons.items():
        rect = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        assert inside.contains(rect), name
        assert button.width() >= button.sizeHint().width(), name
    for box in (tab.same_as_left_box, tab.headings_box):
        assert box.width() >= box.sizeHint().width()
    assert tab.stale_banner.isVisible()
