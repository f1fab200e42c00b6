"""Editing operations: each applied, reverted and re-applied on a real text, exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.edit.operations import (
    DeleteUnit,
    EditError,
    EditSession,
    EditText,
    InsertUnit,
    MergeArticles,
    MoveUnit,
    Operation,
    SplitArticle,
    insert_after,
    insert_amendment_article,
    insert_before,
    insert_child,
    insert_near,
    move_down,
    move_up,
    new_unit,
)
from drafting.model.numbering import compute_numbers
from drafting.model.positions import Context
from drafting.model.references import STALE, VALID, find_references
from drafting.model.units import Draft, Unit, UnitKind
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text


def _shape(draft: Draft) -> list[tuple[str, str, str, str, str, int]]:
    """Everything that must come back on undo: uids, kinds, texts, headings, depth."""
    out: list[tuple[str, str, str, str, str, int]] = []

    def walk(units: list[Unit], depth: int) -> None:
        for u in units:
            out.append((u.uid, u.kind, u.text, u.heading, u.numbering, depth))
            walk(u.children, depth + 1)

    walk(draft.units, 0)
    return out


@pytest.fixture
def lifafa(corpus: Path) -> Draft:
    return parse_file(corpus / "pair_lifafa_2023.md").draft


def _article(draft: Draft, label: str) -> Unit:
    numbers = compute_numbers(draft)
    return next(a for a in draft.articles() if numbers[a.uid].label == label)


def _cases(d: Draft) -> dict[str, Callable[[], Operation]]:
    a10 = _article(d, "第十条")
    a81 = _article(d, "第八十一条")
    a82 = _article(d, "第八十二条")
    chapter2 = d.units[1]
    with_items = next(p for a in d.articles() for p in a.children if len(p.children) >= 3)
    item = with_items.children[1]
    return {
        "insert article": lambda: insert_before(d, a10.uid, new_unit(UnitKind.ARTICLE, "新条。")),
        "insert chapter": lambda: insert_near(
            d, a10.uid, new_unit(UnitKind.CHAPTER, heading="新章")
        ),
        "insert section": lambda: insert_child(
            d, chapter2.uid, new_unit(UnitKind.SECTION, heading="新节"), 0
        ),
        "insert paragraph": lambda: insert_after(
            d, a81.children[0].uid, new_unit(UnitKind.PARAGRAPH, "新款。")
        ),
        "insert item": lambda: insert_before(d, item.uid, new_unit(UnitKind.ITEM, "新项；")),
        "insert subitem": lambda: insert_child(d, item.uid, new_unit(UnitKind.SUBITEM, "新目；")),
        "amendment insert": lambda: insert_amendment_article(d, a10.uid, "修正插入。"),
        "delete article": lambda: DeleteUnit(a10.uid),
        "delete chapter": lambda: DeleteUnit(chapter2.uid),
        "move up": lambda: move_up(d, a82.uid),
        "move down": lambda: move_down(d, a10.uid),
        "move to other chapter": lambda: MoveUnit(a10.uid, d.units[-1].uid, 0),
        "split": lambda: SplitArticle(a81.uid, a81.children[0].uid, 10),
        "split at paragraph": lambda: SplitArticle(a81.uid, a81.children[1].uid, 0),
        "merge": lambda: MergeArticles(a81.uid),
        "edit text": lambda: EditText(a10.children[0].uid, "改写后的文字，依照本法第十二条。"),
        "edit heading": lambda: EditText(chapter2.uid, "立法权限", "heading"),
    }


CASES = [
    "insert article",
    "insert chapter",
    "insert section",
    "insert paragraph",
    "insert item",
    "insert subitem",
    "amendment insert",
    "delete article",
    "delete chapter",
    "move up",
    "move down",
    "move to other chapter",
    "split",
    "split at paragraph",
    "merge",
    "edit text",
    "edit heading",
]


@pytest.mark.parametrize("name", CASES)
def test_apply_revert_redo_is_exact(lifafa: Draft, name: str) -> None:
    session = EditSession(lifafa)
    text0, shape0 = render_text(lifafa), _shape(lifafa)
    refs0 = session.index.references(lifafa)
    session.apply(_cases(lifafa)[name]())
    text1, shape1 = render_text(lifafa), _shape(lifafa)
    assert text1 != text0
    session.undo()
    assert render_text(lifafa) == text0
    assert _shape(lifafa) == shape0
    assert session.index.references(lifafa) == refs0
    session.redo()
    assert render_text(lifafa) == text1
    assert _shape(lifafa) == shape1
    session.undo()
    assert _shape(lifafa) == shape0


def test_amendment_insert_keeps_numbers(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a10 = _article(lifafa, "第十条")
    op = insert_amendment_article(lifafa, a10.uid, "修正插入。")
    session.apply(op)
    numbers = compute_numbers(lifafa)
    assert numbers[op.unit.uid].label == "第十条之一"
    assert numbers[_article(lifafa, "第十一条").uid].label == "第十一条"
    assert "本法第十一条" in render_text(lifafa)  # no reference rewritten


def test_split_moves_rest_and_references(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a81 = _article(lifafa, "第八十一条")
    first = a81.children[0]
    rest = [p.uid for p in a81.children[1:]]
    cut = first.text.index("。") + 1
    op = SplitArticle(a81.uid, first.uid, cut)
    result = session.apply(op)
    assert op.new_article is not None and op.new_paragraph is not None
    assert [p.uid for p in op.new_article.children] == [op.new_paragraph.uid, *rest]
    assert op.new_paragraph.text.startswith("设区的市的地方性法规须报")
    numbers = compute_numbers(lifafa)
    assert numbers[op.new_article.uid].label == "第八十二条"
    assert a81.children == [first] and first.text.endswith("从其规定。")
    # 本条第一款 in the moved 款 would now mean the new article: stale, words kept;
    # 前款 moved with the 款 it names: still valid.
    stale = {r.text for r in result.problems if r.status == STALE}
    assert stale == {"本条第一款"}
    moved = session.index.in_unit(rest[2])
    assert {r.text: r.status for r in moved} == {"本条第一款": STALE, "前款": "valid"}
    assert "限于本法第八十一条第一款规定的事项" in render_text(lifafa)  # that 款 stayed put


def test_merge_appends_paragraphs(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a81 = _article(lifafa, "第八十一条")
    a82 = _article(lifafa, "第八十二条")
    count = len(a81.children) + len(a82.children)
    session.apply(MergeArticles(a81.uid))
    assert len(a81.children) == count
    assert a82 not in lifafa.articles()


def test_not_allowed_moves_raise_chinese_errors(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a10 = _article(lifafa, "第十条")
    chapter = lifafa.units[0]
    with pytest.raises(EditError, match="不能放在"):
        session.apply(MoveUnit(chapter.uid, a10.uid, 0))
    with pytest.raises(EditError, match="不能放在"):
        session.apply(InsertUnit(new_unit(UnitKind.ITEM, "项"), a10.uid, 0))
    with pytest.raises(EditError, match="自己"):
        session.apply(MoveUnit(chapter.uid, chapter.children[0].uid, 0))
    with pytest.raises(EditError, match="至少保留一款"):
        session.apply(DeleteUnit(_article(lifafa, "第一条").children[0].uid))
    with pytest.raises(EditError, match="无法上移"):
        move_up(lifafa, _article(lifafa, "第一条").uid)
    assert isinstance(EditError("x"), ValueError)
    assert not session.undo_stack


def test_move_up_crosses_into_previous_chapter(lifafa: Draft) -> None:
    first_of_two = lifafa.units[1].children[0]
    while first_of_two.kind is not UnitKind.ARTICLE:
        first_of_two = first_of_two.children[0]
    op = move_up(lifafa, first_of_two.uid)
    EditSession(lifafa).apply(op)
    assert lifafa.units[0].children[-1] is first_of_two


def test_edit_text_reads_new_reference(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a10 = _article(lifafa, "第十条")
    session.apply(EditText(a10.children[0].uid, "依照本法第十二条的规定。"))
    [ref] = session.index.in_unit(a10.children[0].uid)
    assert Context(lifafa).full_label(ref.targets[0]) == "第十二条"
    session.apply(insert_before(lifafa, a10.uid, new_unit(UnitKind.ARTICLE, "新。")))
    assert "依照本法第十三条的规定。" in render_text(lifafa)


@st.composite
def _op_specs(draw: st.DrawFn) -> list[tuple[str, float, float]]:
    kinds = st.sampled_from(
        ["insert", "amend", "delete", "move", "up", "down", "split", "merge", "edit"]
    )
    fraction = st.floats(min_value=0, max_value=0.999)
    return draw(st.lists(st.tuples(kinds, fraction, fraction), min_size=1, max_size=8))


def _make(draft: Draft, kind: str, a: float, b: float) -> Operation:
    articles = draft.articles()
    art = articles[int(a * len(articles))]
    other = articles[int(b * len(articles))]
    if kind == "insert":
        return insert_before(draft, art.uid, new_unit(UnitKind.ARTICLE, "新增条文。"))
    if kind == "amend":
        return insert_amendment_article(draft, art.uid, "修正插入的条文。")
    if kind == "delete":
        return DeleteUnit(art.uid)
    if kind == "move":
        holder = next((u for u in draft.walk() if any(c is other for c in u.children)), None)
        siblings = holder.children if holder else draft.units
        return MoveUnit(art.uid, holder.uid if holder else None, int(b * len(siblings)))
    if kind == "up":
        return move_up(draft, art.uid)
    if kind == "down":
        return move_down(draft, art.uid)
    if kind == "split":
        paragraph = art.children[0]
        return SplitArticle(art.uid, paragraph.uid, int(b * len(paragraph.text)) or 1)
    if kind == "merge":
        return MergeArticles(art.uid)
    return EditText(art.children[0].uid, art.children[0].text + "依照本法第十二条。")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=_op_specs())
def test_random_edits_undo_exactly_and_references_stay_true(
    corpus: Path, specs: list[tuple[str, float, float]]
) -> None:
    draft = parse_file(corpus / "pair_lifafa_2023.md").draft
    session = EditSession(draft)
    start_text, start_shape = render_text(draft), _shape(draft)
    applied = 0
    for kind, a, b in specs:
        try:
            session.apply(_make(draft, kind, a, b))
            applied += 1
        except EditError:
            continue
        # Every reference still marked valid names, in its new words, what it was bound to.
        fresh = {(r.unit_uid, r.start, r.text): r.targets for r in find_references(draft)}
        for ref in session.index.references(draft):
            if ref.status == VALID and ref.kind == "absolute":
                assert fresh[(ref.unit_uid, ref.start, ref.text)] == ref.targets, ref
    end_text, end_shape = render_text(draft), _shape(draft)
    end_lineage = dict(draft.lineage)
    for _ in range(applied):
        session.undo()
    assert render_text(draft) == start_text
    assert _shape(draft) == start_shape
    assert draft.lineage == {}  # every split and merge undone: nothing recorded
    for _ in range(applied):
        session.redo()
    assert render_text(draft) == end_text
    assert _shape(draft) == end_shape
    assert draft.lineage == end_lineage


# ---- lineage: where split and merged units came from ---------------------------------------


def test_split_records_lineage_and_undo_removes_it(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a81 = _article(lifafa, "第八十一条")
    first = a81.children[0]
    moved = [p.uid for p in a81.children[1:]]
    op = SplitArticle(a81.uid, first.uid, first.text.index("。") + 1)
    session.apply(op)
    assert op.new_article is not None and op.new_paragraph is not None
    assert lifafa.lineage == {
        op.new_article.uid: (a81.uid,),
        op.new_paragraph.uid: (first.uid,),
    }
    # 款 that moved keep their uids: comments on them need no lineage.
    assert [p.uid for p in op.new_article.children[1:]] == moved
    session.undo()
    assert lifafa.lineage == {}
    session.redo()  # the same new uids again
    assert lifafa.lineage == {op.new_article.uid: (a81.uid,), op.new_paragraph.uid: (first.uid,)}


def test_split_at_a_paragraph_records_only_the_article(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a81 = _article(lifafa, "第八十一条")
    op = SplitArticle(a81.uid, a81.children[1].uid, 0)
    session.apply(op)
    assert op.new_article is not None
    assert lifafa.lineage == {op.new_article.uid: (a81.uid,)}


def test_merge_records_lineage_and_undo_removes_it(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a81 = _article(lifafa, "第八十一条")
    a82 = _article(lifafa, "第八十二条")
    session.apply(MergeArticles(a81.uid))
    assert lifafa.lineage == {a81.uid: tuple(sorted((a81.uid, a82.uid)))}
    session.undo()
    assert lifafa.lineage == {}
    session.redo()
    assert lifafa.lineage == {a81.uid: tuple(sorted((a81.uid, a82.uid)))}


def test_lineage_of_a_merge_after_a_split_keeps_both_steps(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    a81 = _article(lifafa, "第八十一条")
    first = a81.children[0]
    split = SplitArticle(a81.uid, first.uid, first.text.index("。") + 1)
    session.apply(split)
    assert split.new_article is not None
    new_uid = split.new_article.uid
    following = _article(lifafa, "第八十三条")  # the old 第八十二条, pushed down
    session.apply(MergeArticles(new_uid))
    assert lifafa.lineage[new_uid] == tuple(sorted((a81.uid, following.uid)))
    session.undo()
    assert lifafa.lineage[new_uid] == (a81.uid,)
    session.undo()
    assert lifafa.lineage == {}


def test_clone_copies_lineage(lifafa: Draft) -> None:
    session = EditSession(lifafa)
    session.apply(MergeArticles(_article(lifafa, "第八十一条").uid))
    copy = lifafa.clone()
    assert copy.lineage == lifafa.lineage and copy.lineage is not lifafa.lineage
