"""The 意见 table's rows and filter, without Qt: anchors, labels, clusters, every filter field."""

from __future__ import annotations

from consultation.anchors import AnchorState
from consultation.comment_rows import (
    PENDING_LABEL,
    RowFilter,
    adopted_count,
    adoption_counts,
    build_rows,
    elide,
    keys_under,
    with_cluster_mates,
)
from consultation.decisions import ORPHANED, WHOLE, make_decision
from consultation.draft_index import DraftIndex
from consultation.model import Comment, Disposition, Source, Submitter, Target
from tests.consultation.drafts import sample_draft


def _comments() -> list[Comment]:
    return [
        Comment("第十二条太长。", source=Source.PUBLIC, target=Target("a12"), id=11),
        Comment(
            "刻划一词不妥。",
            source=Source.EXPERT,
            submitter=Submitter("王教授", "江州大学"),
            target=Target("a12p2i2", "刻划", 6),
            round_id=2,
            cluster_id=0,
            id=12,
        ),
        Comment("刻划一词不妥！", target=Target("a12p2i2"), cluster_id=0, id=13),
        Comment("总体赞成。", source=Source.DEPUTY, id=14),
        Comment("第九十九条呢？", target=Target("gone"), id=15),
        Comment("引文变了", target=Target("a5", "不在这里的字"), id=16),
    ]


def test_rows_anchor_label_and_count_clusters() -> None:
    index = DraftIndex(sample_draft())
    comments = _comments()
    comments[0].decision = make_decision(Disposition.ADOPTED)
    rows = build_rows(comments, index)
    assert [r.id for r in rows] == [11, 12, 13, 14, 15, 16]
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.target for r in rows] == [
        "第十二条",
        "第十二条第二款第（二）项",
        "第十二条第二款第（二）项",
        "总体",
        "",
        "第五条",
    ]
    assert [r.article_key for r in rows] == ["a12", "a12", "a12", WHOLE, ORPHANED, "a5"]
    assert [r.anchor_state for r in rows] == [
        AnchorState.ATTACHED,
        AnchorState.ATTACHED,
        AnchorState.ATTACHED,
        AnchorState.ATTACHED,
        AnchorState.ORPHANED,
        AnchorState.QUOTE_CHANGED,
    ]
    assert [r.cluster_size for r in rows] == [0, 2, 2, 0, 0, 0]
    quoted = rows[1]
    assert quoted.submitter == "王教授（江州大学）"
    assert quoted.quote == "刻划" and quoted.span is not None
    assert index.text("a12p2i2")[quoted.span[0] : quoted.span[1]] == "刻划"
    assert rows[0].disposition is Disposition.ADOPTED and rows[1].disposition is None
    assert rows[4].anchor_message == "意见所针对的条文在本稿中已删除"
    assert rows[5].anchor_message == "对应第五条；所引用的文字已修改"


def test_filter_by_every_field() -> None:
    comments = _comments()
    comments[0].decision = make_decision(Disposition.ADOPTED)
    rows = build_rows(comments, DraftIndex(sample_draft()))

    def ids(flt: RowFilter) -> list[int]:
        return [rows[p].id for p in flt.positions(rows)]

    assert ids(RowFilter()) == [11, 12, 13, 14, 15, 16]
    assert ids(RowFilter(article_keys=frozenset({"a12"}))) == [11, 12, 13]
    assert ids(RowFilter(article_keys=frozenset({WHOLE, ORPHANED}))) == [14, 15]
    assert ids(RowFilter(source=Source.EXPERT)) == [12]
    assert ids(RowFilter(disposition=Disposition.ADOPTED)) == [11]
    assert ids(RowFilter(pending=True)) == [12, 13, 14, 15, 16]
    assert ids(RowFilter(round_id=2)) == [12]
    # Words are looked for in the content, the submitter and where the comment sits.
    assert ids(RowFilter(text="刻划")) == [12, 13]
    assert ids(RowFilter(text="王教授")) == [12]
    assert ids(RowFilter(text="总体")) == [14]
    assert ids(RowFilter(source=Source.PUBLIC, article_keys=frozenset({"a12"}))) == [11, 13]
    assert RowFilter(pending=True) == RowFilter(pending=True)  # the panel compares filters


def test_elide_keeps_one_line() -> None:
    assert elide("一\n二  三", 10) == "一 二 三"
    assert elide("一二三四五六", 4) == "一二三…"
    assert PENDING_LABEL == "待处理"


def test_keys_under_an_article_or_a_heading() -> None:
    draft = sample_draft()
    general = draft.units[0]
    assert keys_under(general.children[0]) == frozenset({"a1"})
    assert keys_under(general) == frozenset({"ch1", "a1", "a2", "a3", "a4", "a5"})


def test_adopted_count_and_cluster_mates() -> None:
    comments = _comments()
    comments[0].decision = make_decision(Disposition.ADOPTED)
    comments[1].decision = make_decision(Disposition.PARTLY_ADOPTED)
    comments[2].decision = make_decision(Disposition.NOT_ADOPTED)
    rows = build_rows(comments, DraftIndex(sample_draft()))
    # Issue 14: 部分采纳 is counted apart from 采纳.
    assert adopted_count(rows, {"a12"}) == (3, 1)
    assert adoption_counts(rows, {"a12"}) == (3, 1, 1)
    assert adopted_count(rows, {WHOLE}) == (1, 0)
    assert adopted_count(rows, set()) == (0, 0)
    # 12 and 13 are one group: choosing either brings the other; a lone comment stays alone.
    assert with_cluster_mates(rows, [13]) == {12, 13}
    assert with_cluster_mates(rows, [11, 14]) == {11, 14}
    assert with_cluster_mates(rows, []) == set()
