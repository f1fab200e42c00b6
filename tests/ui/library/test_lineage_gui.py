"""Comments follow split and merged articles in the window: the 意见 tab, the trace, and the
相关意见 list of a comparison tab (a real library, the window's own editing and saving)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from consultation.anchors import AnchorState
from consultation.model import Comment, Target
from storage.comments import CommentStore
from storage.library import Library, VersionInfo
from tests.consultation.drafts import sample_draft
from ui.compare.tab import ComparisonTab
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def _setup(library: Library) -> tuple[VersionInfo, VersionInfo, list[int]]:
    """A frozen 征求意见稿 with comments on 第五条 and 第十二条, and a working draft from it."""
    imported = library.import_draft(sample_draft(), label="征求意见稿")
    sent = library.freeze(imported.id, label="征求意见稿")
    ids = CommentStore(library).add_comments(
        sent.regulation_id,
        [
            Comment("第五条与第四条重复，建议合并", target=Target("a5"), version_id=sent.id),
            Comment("罚则过轻", target=Target("a12", quote="责令改正"), version_id=sent.id),
            Comment("第一条很好", target=Target("a1"), version_id=sent.id),
        ],
    )
    working = library.new_working_draft(sent.id)
    return sent, working, ids


@pytest.fixture
def window(qtbot, library: Library, warnings_shown: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    sent, working, ids = _setup(library)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(working.id)
    qtbot.waitUntil(lambda: win.version is not None and win.version.id == working.id)
    win.sent, win.working, win.comment_ids = sent, working, ids  # type: ignore[attr-defined]
    return win


def test_merge_in_the_window_keeps_the_comment_attached(qtbot, window: MainWindow) -> None:
    ids = window.comment_ids  # type: ignore[attr-defined]
    assert window.editing.controller.merge("a4") is not None  # 第五条 into 第四条
    assert window.editing.save_now()
    assert window.library.load_lineage(window.working.id) == {"a4": ("a4", "a5")}  # type: ignore[attr-defined]
    window.comments.relabel()
    (row,) = window.comments.panel.model.rows_for([ids[0]])
    assert row.anchor_state is AnchorState.ATTACHED and row.target == "第四条"
    assert row.anchor_message == "原条文已与其他条文合并，意见现对应第四条"
    # Read back from the library (a fresh reload), still attached.
    window.comments.reload()
    (row,) = window.comments.panel.model.rows_for([ids[0]])
    assert row.target == "第四条" and row.anchor_state is AnchorState.ATTACHED
    # Undo takes the lineage away again: the comment is back on 第五条.
    window.editing.controller.undo()
    window.comments.relabel()
    (row,) = window.comments.panel.model.rows_for([ids[0]])
    assert row.target == "第五条" and row.anchor_message == "对应第五条"


def test_split_moves_a_quoting_comment_with_its_words(qtbot, window: MainWindow) -> None:
    ids = window.comment_ids  # type: ignore[attr-defined]
    assert window.editing.controller.split("a12p3", 0) is not None  # 第三款 → 第十三条
    assert window.editing.save_now()
    window.comments.reload()
    (row,) = window.comments.panel.model.rows_for([ids[1]])
    assert row.anchor_state is AnchorState.ATTACHED and row.target == "第十三条"
    assert row.anchor_message == "原条文已拆分为第十二条、第十三条，意见现对应第十三条"


def test_trace_names_the_merge_and_comparison_lists_the_comments(qtbot, window: MainWindow) -> None:
    ids = window.comment_ids  # type: ignore[attr-defined]
    window.editing.controller.merge("a4")
    assert window.editing.save_now()
    comment = window.comments.comment(ids[0])
    assert comment is not None
    assert window.comments.trace_text(comment) == "在下一稿次（工作稿）中：第四条（已合并）"

    tab = window.comparer.compare_version_ids(window.sent.id, window.working.id)  # type: ignore[attr-defined]
    assert isinstance(tab, ComparisonTab) and tab.regulation_id == window.working.regulation_id  # type: ignore[attr-defined]
    assert tab.related.isVisibleTo(tab)
    merged = next(k for k, p in enumerate(tab.comparison.pairs) if p.status == "merged")
    tab.view.next_change()
    while tab.view.current_pair() != merged:
        tab.view.next_change()
    entries = tab.related.entries()
    assert [e.id for e in entries] == [ids[0]]
    assert entries[0].target == "第五条" and entries[0].disposition == "待处理"
    assert tab.related.list.topLevelItemCount() == 1
    assert "第四条、第五条" in tab.related.title.text()
    # An unchanged row lists nothing; a click in it says so.
    first = next(k for k, p in enumerate(tab.comparison.pairs) if not p.is_change)
    tab.show_related(first)
    assert tab.related.entries() == []
    # Double-click: the 正文 tab and the 意见 tab, the comment selected.
    tab.show_related(merged)
    item = tab.related.list.topLevelItem(0)
    assert item is not None
    qtbot.waitUntil(lambda: tab.related.list.isVisible())
    rect = tab.related.list.visualItemRect(item)
    assert rect.height() > 0 and tab.related.list.viewport().height() > rect.center().y()
    qtbot.mouseClick(tab.related.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(tab.comment_activated, timeout=2000):
        qtbot.mouseDClick(tab.related.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.centre_tabs.currentWidget() is window.splitter
    current = window.comments.panel.current_row()
    assert current is not None and current.id == ids[0]


def test_folded_related_bar_sits_right_under_the_view(qtbot, window: MainWindow) -> None:
    window.editing.controller.merge("a4")
    assert window.editing.save_now()
    tab = window.comparer.compare_version_ids(window.sent.id, window.working.id)  # type: ignore[attr-defined]
    assert isinstance(tab, ComparisonTab)
    qtbot.waitUntil(lambda: tab.related.isVisible())

    def gap() -> int:
        """Empty height between the bottom of the view and the 相关意见 title line."""
        view_bottom = tab.view.mapTo(tab, tab.view.rect().bottomLeft()).y()
        title_top = tab.related.mapTo(tab, tab.related.rect().topLeft()).y()
        return title_top - view_bottom

    # No changed row chosen yet: only the title line, right under the view.
    assert not tab.related.list.isVisible()
    qtbot.waitUntil(lambda: gap() < 20)
    assert tab.related.height() <= tab.related.head_height()
    # A changed row with comments opens the list, with room of its own.
    merged = next(k for k, p in enumerate(tab.comparison.pairs) if p.status == "merged")
    while tab.view.current_pair() != merged:
        tab.view.next_change()
    qtbot.waitUntil(lambda: tab.related.list.isVisible())
    qtbot.waitUntil(lambda: tab.related.list.height() >= 100)
    # Folded by hand: the view takes the room back.
    view_open = tab.view.height()
    tab.related.toggle.setChecked(False)
    qtbot.waitUntil(lambda: not tab.related.list.isVisible() and gap() < 20)
    assert tab.view.height() > view_open
    # A taller window gives the height to the view, not to a folded bar.
    view_folded = tab.view.height()
    window.resize(1400, 1100)
    qtbot.waitUntil(lambda: tab.view.height() > view_folded + 100)
    assert gap() < 20 and tab.related.height() <= tab.related.head_height()
