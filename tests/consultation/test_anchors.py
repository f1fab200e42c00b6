"""Anchors: a comment stays on its unit across versions, and says when it cannot."""

from __future__ import annotations

from consultation.anchors import AnchorState, Followed, anchor_state, locate_quote, resolve_anchor
from consultation.draft_index import DraftIndex
from consultation.model import WHOLE_DRAFT, Target
from drafting.model.units import Unit, UnitKind
from tests.consultation.drafts import sample_draft


def _paragraph(draft, article_uid: str, n: int) -> Unit:  # type: ignore[no-untyped-def]
    article = draft.find(article_uid)
    assert article is not None
    return article.children[n - 1]


def test_attached_in_the_same_version_and_after_renumbering() -> None:
    draft = sample_draft()
    target = Target("a12", quote="擅自拆除历史建筑")
    assert anchor_state(target, draft) is AnchorState.ATTACHED
    later = draft.clone()
    # Delete 第三条: 第十二条 becomes 第十一条, the comment follows its uid.
    chapter = later.units[0]
    chapter.children = [a for a in chapter.children if a.uid != "a3"]
    anchor = resolve_anchor(target, later)
    assert anchor.state is AnchorState.ATTACHED and anchor.uid == "a12"
    assert DraftIndex(later).label("a12") == "第十一条"
    assert anchor.followed is Followed.NONE


def test_changed_words_give_quote_changed() -> None:
    draft = sample_draft()
    target = Target(_paragraph(draft, "a12", 1).uid, quote="应当符合保护规划")
    later = draft.clone()
    _paragraph(later, "a12", 1).text = "古城内的建设活动必须遵守保护规划。"
    assert anchor_state(target, later) is AnchorState.QUOTE_CHANGED
    assert anchor_state(Target(target.uid), later) is AnchorState.ATTACHED


def test_deleted_unit_gives_orphaned() -> None:
    draft = sample_draft()
    target = Target("a7", quote="第7条的内容")
    later = draft.clone()
    later.units[1].children = [a for a in later.units[1].children if a.uid != "a7"]
    anchor = resolve_anchor(target, later)
    assert anchor.state is AnchorState.ORPHANED and anchor.uid is None
    assert "已删除" in anchor.message(DraftIndex(later))


def test_whole_draft_comment_is_always_attached() -> None:
    assert anchor_state(WHOLE_DRAFT, sample_draft()) is AnchorState.ATTACHED


def test_split_is_followed_and_reported() -> None:
    draft = sample_draft()
    later = draft.clone()
    chapter = later.units[1]
    at = next(i for i, a in enumerate(chapter.children) if a.uid == "a12")
    old = chapter.children.pop(at)
    first = Unit(UnitKind.ARTICLE, uid="a12x", children=[old.children[0]])
    second = Unit(UnitKind.ARTICLE, uid="a12y", children=old.children[1:])
    chapter.children[at:at] = [first, second]
    lineage = {"a12x": "a12", "a12y": "a12"}
    # Without lineage the comment is an orphan — never a guess.
    assert anchor_state(Target("a12", quote="刻划"), later) is AnchorState.ORPHANED
    anchor = resolve_anchor(Target("a12", quote="刻划"), later, lineage)
    assert anchor.state is AnchorState.ATTACHED
    assert anchor.uid == "a12y"  # the part that holds the quoted words
    assert anchor.followed is Followed.SPLIT
    assert anchor.candidates == ("a12x", "a12y")
    assert "拆分" in anchor.message(DraftIndex(later))


def test_merge_is_followed_and_reported() -> None:
    draft = sample_draft()
    later = draft.clone()
    chapter = later.units[1]
    a7 = next(a for a in chapter.children if a.uid == "a7")
    a8 = next(a for a in chapter.children if a.uid == "a8")
    merged = Unit(UnitKind.ARTICLE, uid="a78", children=a7.children + a8.children)
    chapter.children[chapter.children.index(a7)] = merged
    chapter.children.remove(a8)
    anchor = resolve_anchor(Target("a8", quote="第8条"), later, {"a78": ("a7", "a8")})
    assert anchor.state is AnchorState.ATTACHED and anchor.uid == "a78"
    assert anchor.followed is Followed.MERGE


def test_lineage_is_followed_through_several_versions() -> None:
    draft = sample_draft()
    later = draft.clone()
    later.units[1].children[0].uid = "v3"
    assert resolve_anchor(Target("a6"), later, {"v2": "a6", "v3": "v2"}).uid == "v3"


def test_locate_quote_prefers_the_occurrence_near_the_offset() -> None:
    text = "甲乙甲乙甲乙"
    assert locate_quote(text, "甲乙", 3) == (2, 4)
    assert locate_quote(text, "甲乙") == (0, 2)
    assert locate_quote(text, "丙") is None
