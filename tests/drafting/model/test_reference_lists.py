"""References written the short way, and references that keep following after they broke.

Real sentences: 民法典 第四百零二条 (第五项 continues 第三百九十五条第一款), 宁波市菜市场管理条例
第三十一条 (written 第十五、十六条 instead of 第十五条、第十六条), 民法典 第六百一十七条
(本法第五百八十二条至第五百八十四条).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.edit.operations import (
    DeleteUnit,
    EditError,
    EditSession,
    MergeArticles,
    MoveUnit,
    Operation,
    insert_before,
    new_unit,
)
from drafting.edit.renumber import renumber, source_article_labels
from drafting.model.numbering import compute_numbers
from drafting.model.positions import Context
from drafting.model.references import (
    BROKEN,
    STALE,
    VALID,
    Reference,
    ReferenceIndex,
    _render_slot,
    find_references,
)
from drafting.model.units import Draft, Unit, UnitKind
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text


def _article(draft: Draft, label: str) -> Unit:
    numbers = compute_numbers(draft)
    return next(a for a in draft.articles() if numbers[a.uid].label == label)


def _refs_in(draft: Draft, index: ReferenceIndex, label: str) -> list[Reference]:
    article = _article(draft, label)
    return [r for u in article.walk() for r in index.in_unit(u.uid)]


@pytest.fixture(scope="module")
def civil_path(corpus: Path) -> Path:
    return corpus / "large_civil_code_2020.md"


# ---- 第五项 continuing 第三百九十五条第一款 ---------------------------------------------------


def test_item_after_huozhe_continues_the_cited_paragraph(civil_path: Path) -> None:
    draft = parse_file(civil_path).draft
    index = ReferenceIndex.build(draft)
    refs = _refs_in(draft, index, "第四百零二条")
    assert [(r.text, r.status) for r in refs] == [
        ("本法第三百九十五条第一款第一项至第三项", VALID),
        ("第五项", VALID),
    ]
    paragraph = _article(draft, "第三百九十五条").children[0]
    assert refs[1].targets == (paragraph.children[4].uid,)
    assert refs[1].detail == "指向" + Context(draft).full_label(paragraph.children[4].uid)


def test_continued_item_follows_when_items_renumber(civil_path: Path) -> None:
    draft = parse_file(civil_path).draft
    session = EditSession(draft)
    paragraph = _article(draft, "第三百九十五条").children[0]
    session.apply(
        insert_before(draft, paragraph.children[0].uid, new_unit(UnitKind.ITEM, "新增的财产；"))
    )
    article = _article(draft, "第四百零二条")
    assert article.children[0].text.startswith(
        "以本法第三百九十五条第一款第二项至第四项规定的财产或者第六项规定的正在建造的建筑物抵押的"
    )
    assert all(r.status == VALID for r in _refs_in(draft, session.index, "第四百零二条"))


def test_civil_code_has_no_broken_or_ambiguous_reference(civil_path: Path) -> None:
    draft = parse_file(civil_path).draft
    bad = [(r.text, r.detail) for r in find_references(draft) if r.status != VALID
           and r.kind != "external"]  # fmt: skip
    assert bad == []


def test_bare_paragraph_after_a_comma_is_still_counted_in_its_own_article(
    civil_path: Path,
) -> None:
    """Only 、/或者/和/及 right before the words continue a citation; a comma ends it."""
    draft = parse_file(civil_path).draft
    article = _article(draft, "第四百零二条")
    paragraph = article.children[0]
    paragraph.text = "依照本法第三百九十五条第一款规定，第一款所称财产不包括前款财产。"
    ctx = Context(draft)
    refs = ReferenceIndex.build(draft, ctx=ctx).in_unit(paragraph.uid)
    bare = next(r for r in refs if r.text == "第一款")
    assert bare.targets == (paragraph.uid,)  # this article's 第一款, not 第三百九十五条's


# ---- 第十五、十六条 --------------------------------------------------------------------------

SHORT = "违反本条例第十五、十六条规定，举办者未按照规定提供检测服务的"
LONG = "违反本条例第十五条、第十六条规定，举办者未按照规定提供检测服务的"


@pytest.fixture
def market(corpus: Path, tmp_path: Path) -> Path:
    """宁波市菜市场管理条例 with 第三十一条 written the short way."""
    text = (corpus / "local_ningbo_vegetable_market_2021.md").read_text(encoding="utf-8")
    assert LONG in text
    path = tmp_path / "菜市场.md"
    path.write_text(text.replace(LONG, SHORT), encoding="utf-8")
    return path


def test_short_article_list_binds_each_number(market: Path) -> None:
    draft = parse_file(market).draft
    index = ReferenceIndex.build(draft)
    refs = _refs_in(draft, index, "第三十一条")
    assert [r.status for r in refs[:2]] == [VALID, VALID]
    assert [r.targets for r in refs[:2]] == [
        (_article(draft, "第十五条").uid,),
        (_article(draft, "第十六条").uid,),
    ]


def test_short_article_list_is_rewritten_number_by_number(market: Path) -> None:
    draft = parse_file(market).draft
    session = EditSession(draft)
    session.apply(
        insert_before(draft, _article(draft, "第十六条").uid, new_unit(UnitKind.ARTICLE, "新。"))
    )
    assert "违反本条例第十五、十七条规定" in render_text(draft)
    session.apply(
        insert_before(draft, _article(draft, "第一条").uid, new_unit(UnitKind.ARTICLE, "新。"))
    )
    assert "违反本条例第十六、十八条规定" in render_text(draft)
    session.undo()
    session.undo()
    assert SHORT in render_text(draft)


def test_three_number_list_and_paragraph_list(market: Path) -> None:
    text = market.read_text(encoding="utf-8").replace(SHORT, "违反本条例第十四、十五、十六条规定")
    text = text.replace("违反本条例第二十六条第一款规定", "违反本条例第二十六条第一、二款规定")
    market.write_text(text, encoding="utf-8")
    draft = parse_file(market).draft
    session = EditSession(draft)
    a26 = _article(draft, "第二十六条")
    session.apply(insert_before(draft, a26.children[0].uid, new_unit(UnitKind.PARAGRAPH, "新。")))
    session.apply(
        insert_before(draft, _article(draft, "第一条").uid, new_unit(UnitKind.ARTICLE, "新。"))
    )
    out = render_text(draft)
    assert "违反本条例第十五、十六、十七条规定" in out
    assert "违反本条例第二十七条第二、三款规定" in out


def test_renumber_rewrites_short_lists(market: Path, tmp_path: Path) -> None:
    """A source with a gap (第五条 missing): the cited 第十五、十六条 become 第十四、十五条."""
    text = market.read_text(encoding="utf-8")
    start = text.index("\n第五条")
    end = text.index("\n第六条")
    gapped = tmp_path / "缺条.md"
    gapped.write_text(text[:start] + text[end:], encoding="utf-8")
    result, labels = source_article_labels(gapped)
    report = renumber(result.draft, labels)
    assert report.references_rewritten > 0
    assert "违反本条例第十四、十五条规定" in render_text(result.draft)


# ---- a broken reference keeps following what it still names ---------------------------------


def test_range_with_deleted_end_still_follows_its_start(civil_path: Path) -> None:
    draft = parse_file(civil_path).draft
    session = EditSession(draft)
    words = "本法第五百八十二条至第五百八十四条"
    citing = _article(draft, "第六百一十七条")
    assert words in citing.children[0].text
    result = session.apply(DeleteUnit(_article(draft, "第五百八十四条").uid))
    [ref] = [r for r in result.problems if r.unit_uid == citing.children[0].uid]
    assert ref.status == BROKEN and ref.text == words
    # Two earlier articles merge and one more goes: the start is written again each time, the
    # deleted end keeps its words, the reference stays broken and is reported again.
    result = session.apply(MergeArticles(_article(draft, "第一条").uid))
    assert "本法第五百八十一条至第五百八十四条" in citing.children[0].text
    [ref] = [r for r in result.problems if r.unit_uid == citing.children[0].uid]
    assert ref.status == BROKEN and ref.text == "本法第五百八十一条至第五百八十四条"
    session.apply(DeleteUnit(_article(draft, "第二条").uid))
    assert "本法第五百八十条至第五百八十四条" in citing.children[0].text
    [ref] = session.index.in_unit(citing.children[0].uid)
    assert ref.status == BROKEN
    assert _article(draft, "第五百八十条").uid == ref.slots[0].uid
    # Undo brings back the words, the bindings and the valid status.
    session.undo()
    session.undo()
    session.undo()
    [ref] = session.index.in_unit(citing.children[0].uid)
    assert ref.status == VALID and words in citing.children[0].text


def test_list_with_one_deleted_article_keeps_the_other_bound(market: Path) -> None:
    draft = parse_file(market).draft
    session = EditSession(draft)
    session.apply(DeleteUnit(_article(draft, "第十五条").uid))
    refs = _refs_in(draft, session.index, "第三十条")
    assert [r.status for r in refs[:2]] == [BROKEN, VALID]
    assert "违反本条例第十五、十五条规定" in render_text(draft)  # 十五 broken, 十六 → 十五


# ---- every number still bound says the number of its unit, whatever the status ------------


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "merge", "move"]),
            st.floats(min_value=0, max_value=0.999),
            st.floats(min_value=0, max_value=0.999),
        ),
        min_size=2,
        max_size=8,
    )
)
def test_bound_numbers_never_name_another_unit(
    corpus: Path, specs: list[tuple[str, float, float]]
) -> None:
    """立法法 2023 under random inserts, deletes, merges and moves: in every reference, valid or
    not, each number whose unit is still where it was bound is that unit's current number."""
    draft = parse_file(corpus / "pair_lifafa_2023.md").draft
    session = EditSession(draft)
    for kind, a, b in specs:
        articles = draft.articles()
        art, other = articles[int(a * len(articles))], articles[int(b * len(articles))]
        op: Operation
        if kind == "insert":
            op = insert_before(draft, art.uid, new_unit(UnitKind.ARTICLE, "新增条文。"))
        elif kind == "delete":
            op = DeleteUnit(art.uid)
        elif kind == "merge":
            op = MergeArticles(art.uid)
        else:
            ctx = Context(draft)
            holder = ctx.parent[other.uid]
            op = MoveUnit(art.uid, holder.uid if holder else None, ctx.position[other.uid])
        try:
            session.apply(op)
        except EditError:
            continue
        ctx = Context(draft)
        for ref in session.index.references(draft):
            unit = ctx.units[ref.unit_uid]
            assert unit.text[ref.start : ref.end] == ref.text
            for slot in ref.slots:
                if slot.uid not in ctx.units or (
                    slot.parent
                    and (
                        slot.parent not in ctx.units
                        or ctx.container(slot.uid, ctx.units[slot.parent].kind)
                        is not ctx.units[slot.parent]
                    )
                ):
                    assert ref.status in (BROKEN, STALE)
                    continue
                number = ctx.number(slot.uid)
                if number.insert and slot.style.startswith("list_"):
                    continue
                words = ref.text[slot.start : slot.end]
                assert words == _render_slot(slot, number), (ref, words)
