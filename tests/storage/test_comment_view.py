"""The 意见 table's lazy source (storage.comment_view): SQL filters and page reads give exactly
the rows and the filtering of the in-memory rules (consultation.comment_rows), on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from consultation.comment_rows import RowFilter, adoption_counts, build_rows, with_cluster_mates
from consultation.decisions import make_decision
from consultation.draft_index import DraftIndex
from consultation.model import Comment, Disposition, Source, Submitter, Target
from storage.comment_view import CommentView
from storage.comments import CommentStore
from storage.library import Library
from tests.consultation.drafts import sample_draft


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def _seed(library: Library) -> tuple[CommentStore, int, int, list[int]]:
    version = library.import_draft(sample_draft())
    store = CommentStore(library)
    reg = version.regulation_id
    names = ["严华", "", "李明", "市规划局"]
    comments: list[Comment] = []
    for n in range(120):
        if n % 11 == 0:
            target = Target("a12", "擅自拆除历史建筑", 0)  # quoted words present
        elif n % 13 == 0:
            target = Target("a12", "已经不在条文里的话", 3)  # quote changed
        elif n % 17 == 0:
            target = Target("gone")  # an article deleted since
        elif n % 5 == 0:
            target = Target(None)  # 总体
        elif n % 7 == 0:
            target = Target("a12p2i1")  # an item of 第十二条
        else:
            target = Target(f"a{n % 20 + 1}")
        comments.append(
            Comment(
                f"意见{n}：建议修改%_关于{'停车' if n % 3 else '早市'}的规定",
                source=Source.PUBLIC if n % 4 else Source.EXPERT,
                submitter=Submitter(names[n % 4], "古城社区" if n % 6 == 0 else ""),
                target=target,
                also=("a3",) if n % 19 == 0 and target.uid else (),
                missing_target="第六十条" if n % 23 == 0 else "",
                office="法规处" if n % 9 == 0 else "",
                handler="王五" if n % 10 == 0 else "",
                cluster_id=n % 6 if n % 2 == 0 else None,
                version_id=version.id,
            )
        )
    ids = store.add_comments(reg, comments)
    store.decide(ids[:30:3], make_decision(Disposition.ADOPTED, "", "法工委"))
    store.decide(ids[1:30:4], make_decision(Disposition.PARTLY_ADOPTED, "吸收部分", "法工委"))
    return store, reg, version.id, ids


FILTERS = [
    RowFilter(),
    RowFilter(article_keys=frozenset({"a12"})),
    RowFilter(article_keys=frozenset({"a3"})),  # also-named articles count
    RowFilter(article_keys=frozenset({"whole", "orphaned"})),
    RowFilter(article_keys=frozenset({"ch2", "a6", "a7", "a12"}), source=Source.PUBLIC),
    RowFilter(pending=True),
    RowFilter(done=True),
    RowFilter(disposition=Disposition.PARTLY_ADOPTED),
    RowFilter(assignee="法规处"),
    RowFilter(assignee="王五", pending=True),
    RowFilter(text="早市"),
    RowFilter(text="严华"),
    RowFilter(text="古城社区"),
    RowFilter(text="第十二条"),  # the 条款 label, worked out from the anchors
    RowFilter(text="第六十条"),  # a missing article stays visible and searchable
    RowFilter(text="%_"),  # LIKE wildcards are searched as characters
    RowFilter(text="没有这样的话"),
]


def test_lazy_rows_and_sql_filters_match_the_rules(library: Library) -> None:
    store, reg, version_id, ids = _seed(library)
    draft = library.load_draft(version_id)
    view = CommentView(store, reg, version_id, draft).load()
    expected = build_rows(store.comments(reg), DraftIndex(draft))
    assert view.total() == len(ids) == 120
    # Every row read by id is the row the in-memory build makes (序号, anchors, group sizes).
    assert view.rows(ids) == expected
    assert view.rows(ids[50:60]) == expected[50:60]
    for flt in FILTERS:
        wanted = [r.id for r in expected if flt.matches(r)]
        assert view.ids(flt) == wanted, flt
    assert view.ids(RowFilter(text="第十二条")) and not view.ids(RowFilter(text="没有这样的话"))
    # Counts without reading the comments.
    assert view.pending() == sum(1 for r in expected if r.disposition is None)
    counts: dict[str, int] = {}
    for r in expected:
        counts[r.article_key] = counts.get(r.article_key, 0) + 1
    assert view.article_counts() == counts
    assert view.adoption_counts({"a12"}) == adoption_counts(expected, {"a12"})
    assert view.adoption_counts({"a1", "a4"}) == adoption_counts(expected, {"a1", "a4"})
    assert view.with_cluster_mates({ids[2], ids[1]}) == with_cluster_mates(
        expected, {ids[2], ids[1]}
    )
    chosen = {ids[2], ids[4], ids[1]}
    assert view.group_sizes(chosen) == {
        r.cluster_id: r.cluster_size
        for r in expected
        if r.id in chosen and r.cluster_id is not None and r.cluster_size > 1
    }
    assert view.assignees() == ["法规处", "王五"]
    comment = view.comment(ids[5])
    assert comment is not None and comment.content.startswith("意见5") and view.comment(-1) is None


def test_relabel_follows_the_edited_text(library: Library) -> None:
    store, reg, version_id, ids = _seed(library)
    draft = library.load_draft(version_id)
    view = CommentView(store, reg, version_id, draft).load()
    before = view.ids(RowFilter(article_keys=frozenset({"a12"})))
    chapter = draft.units[1]
    chapter.children = [u for u in chapter.children if u.uid != "a12"]  # 第十二条 deleted
    view.relabel(draft)
    assert view.ids(RowFilter(article_keys=frozenset({"a12"}))) == []
    assert set(before) <= set(view.ids(RowFilter(article_keys=frozenset({"orphaned"}))))
    assert view.rows(before[:1])[0].anchor_state.label == "条文已删除"


def test_deciding_through_the_view_keeps_its_counts_true(library: Library) -> None:
    store, reg, version_id, ids = _seed(library)
    draft = library.load_draft(version_id)
    view = CommentView(store, reg, version_id, draft).load()
    group = view.with_cluster_mates(ids[2:3])
    assert len(group) > 1
    decided = view.decide(group | set(ids[:4]), make_decision(Disposition.ADOPTED, "", "法工委"))
    assert decided == len(group | set(ids[:4]))
    view.decide(ids[40:45], None)  # back to 待处理
    fresh = CommentView(store, reg, version_id, draft).load()
    assert view.pending() == fresh.pending()
    for keys in ({"a12"}, {"a3"}, {"whole"}, {"a1", "a2", "a4", "a5"}):
        assert view.adoption_counts(keys) == fresh.adoption_counts(keys), keys
    assert view.article_counts() == fresh.article_counts()
    # Recorded in the audit, one row per comment changed.
    assert len(store.history(reg, [ids[2]])[ids[2]]) >= 1
