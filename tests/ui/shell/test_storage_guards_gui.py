"""The window and the library's guards, on real SQLite files: a save conflict with another
program, deciding a cluster after it was renumbered elsewhere, demo drafts only in a new default
library, and 打开法规库 never making a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from consultation.draft_index import DraftIndex
from consultation.model import Comment, Disposition, Target
from drafting.model.units import UnitKind
from drafting.write.plain_text import render_text
from resources.demo import seed_demo
from storage.comments import CommentStore
from storage.library import CONFLICT_MESSAGE, Library, VersionInfo
from storage.paths import default_library_path
from tests.ui.drafts import reopened_text
from ui.comments.dialogs import DecisionInput
from ui.shell.application import open_library_for_gui
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


# ---- 1. a conflict is shown once and not retried ----------------------------------------------


def test_save_conflict_is_shown_and_not_retried(
    window: MainWindow,
    tmp_path: Path,
    demo: list[VersionInfo],
    warnings_shown: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "lib.sqlite3"
    draft = window.draft
    assert draft is not None
    # Another program (a colleague, a second window) saves the same working draft meanwhile.
    with Library.open(path) as other:
        theirs = other.load_draft(demo[0].id)
        theirs.title = "同事保存的标题"
        other.save_draft(demo[0].id, theirs)
        expected = render_text(theirs)
    window.select_unit(draft.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    assert not window.editing.save_now()
    assert len(warnings_shown) == 1 and CONFLICT_MESSAGE in warnings_shown[0][1]
    assert window.editing.autosave.conflicted
    assert "别处" in window.editing.save_label.text()
    assert not window.editing.autosave.timer.isActive()
    # Further edits neither start the timer nor write nor warn again.
    window.editing.insert(UnitKind.ARTICLE)
    assert not window.editing.autosave.timer.isActive()
    assert not window.editing.save_now()
    assert len(warnings_shown) == 1
    assert reopened_text(path, demo[0].id) == expected
    assert "（新条文）" in render_text(draft)  # the window's edits are still in memory
    # Opening another version asks; 放弃修改 drops them, and the version opened afresh saves.
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    window.open_version(demo[1].id)
    assert asked and window.version is not None and window.version.id == demo[1].id
    window.open_version(demo[0].id)
    reopened = window.draft
    assert reopened is not None and reopened.title == "同事保存的标题"
    window.select_unit(reopened.articles()[0].uid)
    window.editing.insert(UnitKind.ARTICLE)
    assert window.editing.save_now() and not window.editing.autosave.conflicted
    assert reopened_text(path, demo[0].id) == render_text(reopened)


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
