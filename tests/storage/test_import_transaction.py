"""A comment import writes the comments and their grouping in one transaction (both backends)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from storage import comments as comments_module
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import sample_draft
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx
from tests.consultation.test_services import CAMPAIGN


@pytest.fixture
def library(db_url: str) -> Any:
    with Library.open(db_url) as lib:
        yield lib


def test_comments_and_groups_are_one_commit(library: Library, tmp_path: Path) -> None:
    version = library.import_draft(sample_draft())
    sheet = write_xlsx(tmp_path / "portal.xlsx", HEADERS, ROWS + CAMPAIGN)
    writes: list[str] = []  # the statements that change rows, since the last commit
    commits: list[list[str]] = []  # per commit that wrote anything: its statements

    def statement(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if sql.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(sql.split(None, 3)[2] if sql.startswith("INSERT") else sql[:30])

    def commit(_conn: Any) -> None:
        if writes:
            commits.append(list(writes))
            writes.clear()

    event.listen(library.engine, "before_cursor_execute", statement)
    event.listen(library.engine, "commit", commit)
    stored = CommentStore(library).import_and_cluster(version.regulation_id, sheet)
    assert stored.report.imported == len(stored.ids) > 0 and stored.cluster_failure == ""
    assert len(commits) == 1  # the comments and the groups: one transaction
    assert any("comment" in w for w in commits[0]) and any("UPDATE" in w for w in commits[0])
    grouped = CommentStore(library).comments(version.regulation_id)
    assert stored.clusters > 0 and any(c.cluster_id is not None for c in grouped)


def test_a_kill_during_grouping_leaves_no_comment_behind(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = library.import_draft(sample_draft())
    sheet = write_xlsx(tmp_path / "portal.xlsx", HEADERS, ROWS)

    def killed(*_args: Any) -> Any:
        raise KeyboardInterrupt  # what a kill looks like from inside: the work stops there

    monkeypatch.setattr(comments_module, "cluster_comments", killed)
    with pytest.raises(KeyboardInterrupt):
        CommentStore(library).import_and_cluster(version.regulation_id, sheet)
    assert CommentStore(library).count(version.regulation_id) == 0


def test_a_failed_grouping_keeps_the_comments_and_says_why(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = library.import_draft(sample_draft())
    sheet = write_xlsx(tmp_path / "portal.xlsx", HEADERS, ROWS)

    def broken(*_args: Any) -> Any:
        raise RuntimeError("bug")

    monkeypatch.setattr(comments_module, "cluster_comments", broken)
    store = CommentStore(library)
    stored = store.import_and_cluster(version.regulation_id, sheet)
    assert stored.cluster_failure == "意外错误，详见日志文件"
    assert store.count(version.regulation_id) == len(stored.ids) > 0
    assert all(c.cluster_id is None for c in store.comments(version.regulation_id))
    again = store.import_and_cluster(version.regulation_id, sheet)  # nothing new: nothing added
    assert again.ids == [] and store.count(version.regulation_id) == len(stored.ids)
