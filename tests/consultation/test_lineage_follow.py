"""Comments on a frozen 征求意见稿 follow articles split or merged in a later working draft:
through the library's stored lineage, in anchors, in the trace and in `comments list`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consultation.anchors import (
    AnchorState,
    Followed,
    lineage_since,
    resolve_anchor,
    resolve_comments,
)
from consultation.draft_index import DraftIndex
from consultation.model import Comment, Target
from consultation.trace import Change, comments_on_articles, trace_comments
from drafting.edit.operations import EditSession, MergeArticles, SplitArticle
from storage.comments import CommentStore
from storage.library import Library, VersionInfo
from tests.app_runner import run_app
from tests.consultation.drafts import sample_draft


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def _sent_out(library: Library) -> VersionInfo:
    imported = library.import_draft(sample_draft(), label="征求意见稿")
    return library.freeze(imported.id, label="征求意见稿")


def _edit(library: Library, version_id: int, *ops: object) -> None:
    draft = library.load_draft(version_id)
    session = EditSession(draft)
    for op in ops:
        session.apply(op)  # type: ignore[arg-type]
    library.save_draft(version_id, draft)


def test_comment_on_a_merged_article_follows_it(library: Library) -> None:
    sent = _sent_out(library)
    store = CommentStore(library)
    comment = Comment("第五条应当删去", target=Target("a5"), version_id=sent.id)
    store.add_comments(sent.regulation_id, [comment])
    working = library.new_working_draft(sent.id)
    _edit(library, working.id, MergeArticles("a4"))  # 第五条 merged into 第四条
    draft = library.load_draft(working.id)
    index = DraftIndex(draft)
    (stored,) = store.comments(sent.regulation_id)
    # Without the lineage the comment would be an orphan; with it, it sits on 第四条.
    assert resolve_anchor(stored.target, index).state is AnchorState.ORPHANED
    (anchor,) = resolve_comments([stored], index, draft.lineage)
    assert anchor.state is AnchorState.ATTACHED and anchor.uid == "a4"
    assert anchor.followed is Followed.MERGE
    assert anchor.message(index) == "原条文已与其他条文合并，意见现对应第四条"
    # The trace names the merge, for the removed article and for the surviving one.
    old = library.load_draft(sent.id)
    on_fourth = Comment("第四条", target=Target("a4"))
    traces = trace_comments([stored, on_fourth], old, draft, draft.lineage)
    assert [t.change for t in traces] == [Change.MERGED, Change.MERGED]
    assert traces[0].article_uid == "a4"


def test_comment_on_a_split_article_names_the_parts(library: Library) -> None:
    sent = _sent_out(library)
    working = library.new_working_draft(sent.id)
    split = SplitArticle("a12", "a12p3", 0)  # 第十二条第三款 becomes an article of its own
    _edit(library, working.id, split)
    draft = library.load_draft(working.id)
    assert split.new_article is not None
    new_uid = split.new_article.uid
    assert draft.lineage == {new_uid: ("a12",)}
    index = DraftIndex(draft)
    plain = Comment("第十二条太长", target=Target("a12"), version_id=sent.id)
    quoting = Comment("改为警告", target=Target("a12", quote="责令改正"), version_id=sent.id)
    on_rest = Comment("保持", target=Target("a12p1"), version_id=sent.id)
    first, second, third = resolve_comments([plain, quoting, on_rest], index, draft.lineage)
    assert (first.uid, first.followed, first.state) == ("a12", Followed.SPLIT, AnchorState.ATTACHED)
    assert first.candidates == ("a12", new_uid)
    assert first.message(index) == "原条文已拆分为第十二条、第十三条，意见现对应第十二条"
    # The quoted words went into the new article: the comment goes with them.
    assert (second.uid, second.state) == (new_uid, AnchorState.ATTACHED)
    assert second.message(index).endswith("意见现对应第十三条")
    assert third.uid == "a12p1" and third.followed is Followed.NONE  # not touched by the split
    old = library.load_draft(sent.id)
    traces = trace_comments([plain, quoting], old, draft, draft.lineage)
    assert [t.change for t in traces] == [Change.SPLIT, Change.SPLIT]


def test_a_comment_made_after_the_split_does_not_follow_it(library: Library) -> None:
    sent = _sent_out(library)
    working = library.new_working_draft(sent.id)
    _edit(library, working.id, SplitArticle("a12", "a12p3", 0))
    second = library.freeze(working.id, label="二审稿")
    third = library.new_working_draft(second.id)
    draft = library.load_draft(third.id)
    before = Comment("旧", target=Target("a12"), version_id=sent.id)
    after = Comment("新", target=Target("a12"), version_id=second.id)
    by_version = {
        v: lineage_since(draft.lineage, library.load_lineage(v)) for v in (sent.id, second.id)
    }
    assert by_version[second.id] == {} and by_version[sent.id] == draft.lineage
    old_one, new_one = resolve_comments([before, after], draft, draft.lineage, by_version)
    assert old_one.followed is Followed.SPLIT
    assert new_one.followed is Followed.NONE and new_one.uid == "a12"


def test_comments_on_articles_finds_the_comments_behind_a_row(library: Library) -> None:
    draft = sample_draft()
    comments = [
        Comment("整条", target=Target("a5")),
        Comment("某项", target=Target("a12p2i2")),
        Comment("总体"),
        Comment("别的", target=Target("a6")),
    ]
    assert comments_on_articles(comments, draft, {"a5", "a12"}) == [0, 1]


def test_cli_comments_list_follows_a_merge(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as library:
        sent = _sent_out(library)
        CommentStore(library).add_comments(
            sent.regulation_id, [Comment("第五条应当删去", target=Target("a5"), version_id=sent.id)]
        )
        working = library.new_working_draft(sent.id)
        _edit(library, working.id, MergeArticles("a4"))
    proc = run_app(
        "comments", "list", "--db", str(db), "--regulation", "1",
        "--version", str(working.id), "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (row,) = json.loads(proc.stdout)
    assert row["target"] == "第四条" and row["anchor"] == "已对应"
    assert row["anchor_note"] == "原条文已与其他条文合并，意见现对应第四条"
