"""References: every form found and resolved, rewritten after insert/delete/move, statuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.edit.operations import (
    DeleteUnit,
    EditSession,
    InsertUnit,
    MoveUnit,
    insert_before,
    new_unit,
)
from drafting.model.numerals import to_chinese
from drafting.model.positions import Context, parse_article_label
from drafting.model.references import (
    AMBIGUOUS,
    BROKEN,
    EXTERNAL,
    STALE,
    VALID,
    Reference,
    ReferenceIndex,
    find_references,
    resolve,
)
from drafting.model.units import Draft, UnitKind
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text
from tests.drafting.textdraft import build

TEXT = """
# 第一章　总则
第一条　为了加强公园管理，制定本条例。
第二条　本条例适用于本市行政区域内公园的规划、建设和管理。
前款所称公园，是指向公众开放的场所。
本条第一款、第二款规定的公园，由市人民政府公布。
第三条　有下列情形之一的，依照本条例第二条第一款处理：
（一）违反第一条规定的；
（二）违反本条例第四条至第六条规定的；
（三）违反前项规定的。
有前款第（一）项、第(二)项情形的，从重处理。
# 第二章　管理
## 第一节　一般规定
第四条　依照本章和本节的规定，参照《中华人民共和国城乡规划法》第四十条和该法第四十一条，有关法律、法规另有规定的除外。
第五条　本条例第二章第一节、第一章的规定适用于前条。
第六条　违反本条例第三条第一款第（三）项、第六条之一规定的，处罚。
第六条之一　违反第二款规定的，从重处罚。
前两款不适用于本法第十二条。
"""


def _refs(draft: Draft, index: ReferenceIndex | None = None) -> dict[str, Reference]:
    refs = index.references(draft) if index is not None else find_references(draft)
    found: dict[str, Reference] = {}
    for ref in refs:
        found.setdefault(ref.text, ref)  # the first occurrence of the same words
    return found


@pytest.fixture
def draft() -> Draft:
    return build(TEXT)[0]


def test_every_form_is_found_and_resolved(draft: Draft) -> None:
    ctx = Context(draft)
    refs = _refs(draft)
    label = {uid: ctx.full_label(uid) for uid in ctx.units}

    def targets(text: str) -> list[str]:
        return [label[t] for t in refs[text].targets]

    assert targets("前款") == ["第二条第一款"]
    assert targets("本条第一款") == ["第二条第一款"]
    assert targets("第二款") == ["第二条第二款"]  # list element: counted in the same article
    assert targets("本条例第二条第一款") == ["第二条第一款"]
    assert targets("第一条") == ["第一条"]
    assert refs["本条例第四条至第六条"].is_range
    # 第三条之一 is inserted after 第六条 in this text, so the range holds 第四条…第六条.
    assert targets("本条例第四条至第六条") == ["第四条", "第五条", "第六条"]
    assert targets("前项") == ["第三条第一款第（二）项"]
    assert targets("前款第（一）项") == ["第三条第一款第（一）项"]
    assert targets("第(二)项") == ["第三条第一款第（二）项"]
    assert targets("本章") == ["第二章"]
    assert targets("本节") == ["第二章第一节"]
    assert targets("本条例第二章第一节") == ["第二章第一节"]
    assert targets("第一章") == ["第一章"]
    assert targets("前条") == ["第四条"]
    assert targets("本条例第三条第一款第（三）项") == ["第三条第一款第（三）项"]
    assert targets("第六条之一") == ["第六条之一"]
    for text in ("《中华人民共和国城乡规划法》第四十条", "该法第四十一条", "有关法律、法规"):
        assert refs[text].status == EXTERNAL and refs[text].kind == "external"
    assert refs["本法第十二条"].status == BROKEN
    assert refs["前两款"].status == BROKEN  # 第六条之一 has no two 款 before its second 款
    assert refs["本条例第二条第一款"].kind == "absolute"
    assert refs["前款"].kind == "relative"


def test_civil_code_forms(corpus: Path) -> None:
    draft = parse_file(corpus / "large_civil_code_2020.md").draft
    ctx = Context(draft)
    refs = {r.text: r for r in find_references(draft)}
    ref = refs["本法第三百九十五条第一款第一项至第三项"]
    assert ref.status == VALID and ref.is_range
    assert [ctx.full_label(t) for t in ref.targets] == [
        f"第三百九十五条第一款第（{n}）项" for n in "一二三"
    ]
    assert refs["第五百一十一条第四项"].status == VALID


def test_lists_are_one_reference_each() -> None:
    draft, _ = build("第一条　一。\n第二条　二。\n第三条　违反第一条、第二条和第一条规定的。")
    texts = [r.text for r in find_references(draft)]
    assert texts == ["第一条", "第二条", "第一条"]


def test_resolve_words_in_place(draft: Draft) -> None:
    paragraph = draft.articles()[1].children[2]
    [ref] = resolve(draft, paragraph.uid, "依照前两款规定")
    assert ref.status == VALID and len(ref.targets) == 2


def test_insert_article_rewrites_absolute_references(draft: Draft) -> None:
    session = EditSession(draft)
    original = render_text(draft)
    session.apply(insert_before(draft, draft.articles()[0].uid, new_unit(UnitKind.ARTICLE, "新。")))
    text = render_text(draft)
    assert "依照本条例第三条第一款处理" in text
    assert "违反本条例第五条至第七条规定的" in text
    assert "违反第二条规定的" in text
    assert "本条例第二章第一节、第一章的规定适用于前条" in text
    assert "违反本条例第四条第一款第（三）项、第七条之一规定的" in text
    assert "前款第（一）项、第(二)项" in text  # unchanged: same article, same items, style kept
    assert "《中华人民共和国城乡规划法》第四十条和该法第四十一条" in text
    session.undo()
    assert render_text(draft) == original


def test_delete_target_marks_broken_and_keeps_words(draft: Draft) -> None:
    session = EditSession(draft)
    first = draft.articles()[0]
    result = session.apply(DeleteUnit(first.uid))
    broken = [r for r in result.problems if r.status == BROKEN]
    assert [r.text for r in broken] == ["第一条"]
    assert "违反第一条规定的" in render_text(draft)  # words left as they were
    assert "依照本条例第一条第一款处理" in render_text(draft)  # 第二条 → 第一条


def test_relative_reference_goes_stale_not_rewritten(draft: Draft) -> None:
    session = EditSession(draft)
    article = draft.articles()[1]
    inserted = new_unit(UnitKind.PARAGRAPH, "插入的一款。")
    session.apply(InsertUnit(inserted, article.uid, 1))
    refs = _refs(draft, session.index)
    assert refs["前款"].status == STALE  # 前款 now would mean the inserted 款
    assert refs["本条第一款"].status == VALID
    assert refs["第三款"].status == VALID  # was 第二款: the same 款 is now the third
    assert "本条第一款、第三款规定的公园" in render_text(draft)
    session.undo()
    assert _refs(draft, session.index)["前款"].status == VALID


def test_move_article_rewrites_both_ways(draft: Draft) -> None:
    session = EditSession(draft)
    articles = draft.articles()
    original = render_text(draft)
    # Move 第一条 to the end of chapter two's section, after 第六条之一: it becomes 第六条, the
    # articles between move up one, 第六条之一 becomes 第五条之一.
    section = draft.units[1].children[0]
    session.apply(MoveUnit(articles[0].uid, section.uid, len(section.children)))
    text = render_text(draft)
    assert "依照本条例第一条第一款处理" in text  # old 第二条
    assert "（一）违反第六条规定的；" in text  # the moved article, named by its new number
    assert "违反本条例第三条至第五条规定的" in text
    assert "违反本条例第二条第一款第（三）项、第五条之一规定的" in text
    session.undo()
    assert render_text(draft) == original


def test_duplicate_source_labels_are_ambiguous() -> None:
    draft, labels = build("第一条　一。\n第二条　二。\n第二条　三。\n第三条　依照本条例第二条。")
    index = ReferenceIndex.build(draft, source_labels=labels)
    [ref] = index.references(draft)
    assert ref.status == AMBIGUOUS


def test_lifafa_2023_delete_article(corpus: Path) -> None:
    """立法法 2023: after deleting 第十条, references to later articles follow; spot-checked."""
    draft = parse_file(corpus / "pair_lifafa_2023.md").draft
    session = EditSession(draft)
    original = render_text(draft)
    before = {r.text for r in session.index.references(draft) if r.status == VALID}
    assert {
        "本法第十一条",
        "本法第八十一条第一款",
        "本法第一百零八条",
        "本法第四十八条第二款",
    } <= before
    # Every reference naming an article after 第十条 must name number - 1 afterwards.
    expected: dict[tuple[str, int], str] = {}
    for ref in session.index.references(draft):
        if ref.status == VALID and ref.slots and ref.slots[0].kind is UnitKind.ARTICLE:
            slot = ref.slots[0]
            old = parse_article_label(ref.text[slot.start : slot.end])
            assert old is not None
            if old[0] > 10:
                new = f"第{to_chinese(old[0] - 1)}条"
                expected[(ref.unit_uid, ref.start)] = (
                    ref.text[: slot.start] + new + ref.text[slot.end :]
                )
    assert len(expected) == 7
    session.apply(DeleteUnit(draft.articles()[9].uid))
    after = {(r.unit_uid, r.start): r.text for r in session.index.references(draft)}
    assert {key: after[key] for key in expected} == expected
    text = render_text(draft)
    # Checked by hand against the 2023 text: each named article moved up by one.
    assert "限于本法第八十条第一款规定的事项" in text
    assert "依照本法第一百零七条规定的权限" in text
    assert "违背宪法和本法第八十四条第二款规定" in text
    assert "遇有本法第四十七条第二款规定情况的" in text
    # Absolute references to articles before 第十条 are untouched; none is broken.
    assert "本法第二章第三节" in text
    assert all(r.status != BROKEN for r in session.index.references(draft))
    session.undo()
    assert render_text(draft) == original
    # Deleting 第十一条 itself leaves its two references broken, words unchanged.
    result = session.apply(DeleteUnit(draft.articles()[10].uid))
    broken = [r for r in result.problems if r.status == BROKEN]
    assert [r.text for r in broken] == ["本法第十一条", "本法第十一条"]
    assert render_text(draft).count("本法第十一条") == 2


ITEMS = """
第一条　有下列行为之一的，依照本条规定处理：
（一）攀折花木；
（二）损坏设施；
（三）乱扔垃圾。
有前款第（二）项、第(三)项行为的，从重处理；有前款第二项至第三项行为的，没收工具。
违反第一款、第二款规定的，处罚。本条第一款第（一）项除外。
第二条　违反本条例第一条第一款第（二）项、第一条第二款、第一条第三款规定的，依照前条处理。
第三条　本条例自2025年1月1日起施行。
"""


def test_item_styles_kept_when_items_renumber() -> None:
    draft, _ = build(ITEMS)
    session = EditSession(draft)
    paragraph = draft.articles()[0].children[0]
    session.apply(
        insert_before(draft, paragraph.children[0].uid, new_unit(UnitKind.ITEM, "新项；"))
    )
    text = render_text(draft)
    assert "有前款第（三）项、第(四)项行为的" in text  # full and half-width parentheses kept
    assert "有前款第三项至第四项行为的" in text  # 民法典 style without parentheses kept
    assert "本条第一款第（二）项除外" in text
    assert "违反本条例第一条第一款第（三）项、第一条第二款" in text


def test_paragraph_insert_rewrites_lists_and_marks_relative_stale() -> None:
    draft, _ = build(ITEMS)
    session = EditSession(draft)
    article = draft.articles()[0]
    result = session.apply(InsertUnit(new_unit(UnitKind.PARAGRAPH, "新的一款。"), article.uid, 1))
    text = render_text(draft)
    assert "违反第一款、第三款规定的" in text  # list element 第二款 follows its 款
    assert "第一条第三款、第一条第四款规定的" in text
    stale = [r.text for r in result.problems if r.status == STALE]
    assert stale == ["前款第（二）项", "第(三)项", "前款第二项至第三项"]
    # Stale words are not rewritten.
    assert "有前款第（二）项、第(三)项行为的" in text


def test_prev_article_goes_stale_when_an_article_comes_between() -> None:
    draft, _ = build(ITEMS)
    session = EditSession(draft)
    second = draft.articles()[1]
    result = session.apply(insert_before(draft, second.uid, new_unit(UnitKind.ARTICLE, "插入。")))
    assert [r.text for r in result.problems] == ["前条"]
    session.undo()
    assert all(r.status == VALID for r in session.index.references(draft))


def test_range_end_deleted_is_broken() -> None:
    draft, _ = build("第一条　一。\n第二条　二。\n第三条　三。\n第四条　违反第一条至第三条规定的。")
    session = EditSession(draft)
    result = session.apply(DeleteUnit(draft.articles()[2].uid))
    [ref] = result.problems
    assert ref.status == BROKEN and ref.text == "第一条至第三条"
    assert "违反第一条至第三条规定的" in render_text(draft)


def test_external_references_never_rewritten() -> None:
    draft, _ = build(
        "第一条　一。\n第二条　依照《中华人民共和国城乡规划法》第二条和刑法第二条的规定。"
    )
    session = EditSession(draft)
    session.apply(insert_before(draft, draft.articles()[0].uid, new_unit(UnitKind.ARTICLE, "新。")))
    assert "依照《中华人民共和国城乡规划法》第二条和刑法第二条的规定" in render_text(draft)
    statuses = {r.text: r.status for r in session.index.references(draft)}
    assert statuses == {"《中华人民共和国城乡规划法》第二条": EXTERNAL, "第二条": EXTERNAL}
