"""Issue 14 item 6: groups merged and split by hand, recorded and undoable — the rules, and the
store on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from consultation.audit import AuditAction, state_text
from consultation.groups import GroupError, merged, split_off
from consultation.model import Comment, Target
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import sample_draft


def test_merge_rules() -> None:
    clusters: dict[int, int | None] = {1: 0, 2: 0, 3: 1, 4: 1, 5: None, 6: None}
    # Two groups: the second joins the first's number.
    assert merged(clusters, [2, 3]) == {3: 0, 4: 0}
    # A loner joins a group.
    assert merged(clusters, [5, 4]) == {5: 1}
    # Two loners form a new group.
    assert merged(clusters, [5, 6]) == {5: 2, 6: 2}
    with pytest.raises(GroupError, match="至少选定两个分组"):
        merged(clusters, [1, 2])  # one group already
    with pytest.raises(GroupError):
        merged(clusters, [5])


def test_split_rules() -> None:
    clusters: dict[int, int | None] = {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: None}
    assert split_off(clusters, [3]) == {3: None}  # one comment: alone
    assert split_off(clusters, [2, 3]) == {2: 2, 3: 2}  # several: a group of their own
    with pytest.raises(GroupError, match="整个分组"):
        split_off(clusters, [4, 5])
    with pytest.raises(GroupError, match="不在任何分组"):
        split_off(clusters, [6])


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def test_merge_split_recorded_and_undone(library: Library) -> None:
    version = library.import_draft(sample_draft())
    reg = version.regulation_id
    store = CommentStore(library)
    texts = ["保留早市，方便居民。"] * 3 + ["增加停车位，方便游客。"] * 2 + ["别的意见。"]
    ids = store.add_comments(reg, [Comment(t, target=Target("a12")) for t in texts])
    store.recluster(reg, library.load_draft(version.id))

    def numbers() -> list[int | None]:
        return [c.cluster_id for c in store.comments(reg)]

    grouped = numbers()
    assert (
        grouped[0] == grouped[1] == grouped[2] and grouped[3] == grouped[4] and grouped[5] is None
    )
    assert store.merge_groups(reg, [ids[0], ids[3]], "王五") == 2
    assert len(set(numbers()[:5])) == 1
    trail = store.history(reg, [ids[3]])[ids[3]]
    assert trail[-1].action is AuditAction.MERGE and trail[-1].by == "王五"
    assert state_text(trail[-1].before).startswith("分组 ")
    assert store.split_group(reg, [ids[5 - 1]], "王五") == 1  # 4th id leaves the merged group
    assert numbers()[4] is None
    assert store.history(reg, [ids[4]])[ids[4]][-1].action is AuditAction.SPLIT
    with pytest.raises(GroupError):
        store.split_group(reg, [ids[5]], "王五")  # in no group
    # Undo the split, then the merge: the groups as the grouping made them.
    assert store.undo_last(reg, "王五") == 1
    assert store.undo_last(reg, "王五") == 2
    assert numbers() == grouped
