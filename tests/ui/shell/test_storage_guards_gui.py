"""The window and the library's guards, on real SQLite files: a save conflict with another
program, deciding a cluster after it was renumbered elsewhere, demo drafts only in a new default
library, and 打开法规库 never making a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from consultation.draft_index import DraftIndex
from consultation.model import Comment, Disposition, Target
from drafting.model.units import UnitKind
from drafting.write.plain_text import render_text
from resources.demo import seed_demo
from storage.comments import CommentStore
from storage.library import Library, VersionInfo
from storage.paths import default_library_path
from tests.ui.drafts import reopened_text
from ui.comments.dialogs import DecisionInput
from ui.shell.application import open_library_for_gui
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


# ---- 1. a conflict where each side changed different parts merges without asking ----------
# (The 保存冲突 dialog for units both sides changed: tests/ui/text/test_conflict_dialog_gui.py.)


def test_save_conflict_of_different_parts_merges_without_asking(
    window: MainWindow,
    tmp_path: Path,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
) -> None:
    path = tmp_path / "lib.sqlite3"
    draft = window.draft
    assert draft is not None
    # Another program (a colleague, a second window) saves the same working draft meanwhile.
    with Library.open(path) as other:
        theirs = other.load_draft(demo[0].id)
        theirs.title = "同事保存的标题"
        other.save_draft(demo[0].id, theirs)
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    assert window.editing.save_now()  # their title, my new article: nothing to ask
    assert warnings_shown == [] and not window.editing.autosave.conflicted
    assert "已与别处保存的修改合并" in window.editing.save_label.text()
    merged = window.draft
    assert merged is not None and merged.title == "同事保存的标题"
    assert "（新条文）" in render_text(merged)
    assert reopened_text(path, demo[0].id) == render_text(merged)
    # The window goes on saving the merged text (its revision follows).
    window.select_unit(merged.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    assert window.editing.save_now() and not window.editing.autosave.conflicted
    assert reopened_text(path, demo[0].id) == render_text(window.draft)


# ---- 2. a whole cluster is decided by the ids shown -------------------------------------------


def test_whole_cluster_decides_the_comments_shown_after_a_recluster_elsewhere(
    qtbot: Any, library: Library, tmp_path: Path
) -> None:
    versions = seed_demo(library)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    win.open_version(versions[0].id)
    assert win.draft is not None and win.version is not None
    regulation = win.version.regulation_id
    article = DraftIndex(win.draft).articles[0].uid
    store = CommentStore(library)
    texts = ["建议增加停车位。"] + ["建议保留古城墙下的早市，方便居民买菜。"] * 3
    ids = store.add_comments(regulation, [Comment(t, target=Target(article)) for t in texts])
    assert win.comments.recluster() == 1
    shown = {r.id: r.cluster_id for r in win.comments.panel.model.all_rows()}
    market = ids[1:]
    # The command line, on another connection, adds copies of the first comment and clusters
    # afresh: the bigger 停车位 group comes first, so the window's number now names it.
    with Library.open(tmp_path / "lib.sqlite3") as other:
        second = CommentStore(other)
        copies = [Comment("建议增加停车位。", target=Target(article)) for _ in range(4)]
        second.add_comments(regulation, copies)
        second.recluster(regulation, other.load_draft(versions[0].id))
        stored = {c.id: c.cluster_id for c in second.comments(regulation)}
    assert stored[ids[0]] == shown[market[0]], "the stored numbers shifted"
    decided = win.comments.decide(
        [market[0]], DecisionInput(Disposition.NOT_ADOPTED, "与上位法不一致。", "", True)
    )
    assert decided == 3
    by_id = {c.id: c.disposition for c in store.comments(regulation)}
    assert {i for i, d in by_id.items() if d is Disposition.NOT_ADOPTED} == set(market)


def test_decide_cluster_from_the_command_line_decides_the_stored_group(library: Library) -> None:
    versions = seed_demo(library)
    store = CommentStore(library)
    draft = library.load_draft(versions[0].id)
    article = DraftIndex(draft).articles[0].uid
    texts = ["建议保留古城墙下的早市，方便居民买菜。"] * 2 + ["建议增加停车位。"]
    ids = store.add_comments(
        versions[0].regulation_id, [Comment(t, target=Target(article)) for t in texts]
    )
    clusters = store.recluster(versions[0].regulation_id, draft)
    assert len(clusters) == 1
    from consultation.model import Decision

    changed = store.decide_cluster(
        versions[0].regulation_id, 0, Decision(Disposition.ADOPTED, "采纳", "张")
    )
    assert changed == 2
    decided = [c.id for c in store.comments(versions[0].regulation_id) if c.decision]
    assert decided == ids[:2]


# ---- 4. demo drafts only in a default library made by this start ------------------------------


def test_demo_drafts_only_in_a_new_default_library() -> None:
    first = open_library_for_gui(None)
    try:
        assert first.created and first.regulations()
        for regulation in first.regulations():
            first.delete_regulation(regulation.id)
    finally:
        first.close()
    again = open_library_for_gui(None)  # the drafter deleted them all: they stay deleted
    try:
        assert not again.created and again.regulations() == []
        assert again.location == str(default_library_path())
    finally:
        again.close()


def test_a_new_db_given_by_path_is_not_seeded(tmp_path: Path) -> None:
    library = open_library_for_gui(str(tmp_path / "shared.sqlite3"))
    try:
        assert library.created and library.regulations() == []
    finally:
        library.close()


# ---- 5. 打开法规库 never makes a file ------------------------------------------------------


def test_open_library_at_a_missing_path_warns_and_makes_nothing(
    window: MainWindow, library: Library, tmp_path: Path, warnings_shown: list[tuple[str, str]]
) -> None:
    missing = tmp_path / "typo" / "lib.sqlite3"
    assert not window.open_library_at(str(missing))
    assert warnings_shown and "找不到法规库" in warnings_shown[0][1]
    assert not missing.parent.exists()
    assert window.library is library
    assert window.open_library_at(str(tmp_path / "new.sqlite3"), create=True)  # 新建法规库
    assert (tmp_path / "new.sqlite3").is_file()
