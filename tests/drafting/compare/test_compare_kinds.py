"""What changed in each pair (``kind``): wording, the article's own number, cited numbers that
follow renumbering, punctuation width; and the totals and filter built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.compare.articles import (
    CITATIONS,
    DELETED,
    LABEL,
    MODIFIED,
    NONE,
    PUNCTUATION,
    RENUMBERED,
    UNCHANGED,
    WORDING,
    compare_drafts,
    explanation,
    is_amendment,
)
from drafting.edit.operations import DeleteUnit, EditSession, insert_before, new_unit
from drafting.model.units import Draft, new_uid
from tests.drafting.compare_helpers import article, draft, read_draft

A1 = "为了加强公园管理，制定本条例。"
A2 = "本条例适用于本市行政区域内的公园。"
A3 = "违反本条例第二条规定的，由主管部门责令改正。"
A4 = "本条例自2025年1月1日起施行。"


def fresh_uids(d: Draft) -> Draft:
    copy = d.clone()
    for unit in copy.walk():
        unit.uid = new_uid()
    return copy


@pytest.mark.parametrize("by_uid", [True, False])
def test_cited_number_following_its_target_is_citations(by_uid: bool) -> None:
    old = draft(article(A1), article(A2), article(A3), article(A4))
    new = old.clone()
    session = EditSession(new)
    session.apply(insert_before(new, new.articles()[0].uid, new_unit_article("新增的第一条。")))
    assert "本条例第三条" in new.articles()[3].children[0].text  # the reference followed
    if not by_uid:
        new = fresh_uids(new)
    c = compare_drafts(old, new)
    kinds = [(p.old_label, p.status, p.kind) for p in c.pairs]
    assert kinds == [
        (None, "added", WORDING),
        ("第一条", RENUMBERED, LABEL),
        ("第二条", RENUMBERED, LABEL),
        ("第三条", RENUMBERED, CITATIONS),
        ("第四条", RENUMBERED, LABEL),
    ]
    assert c.totals_text() == "1条新增、3条仅序号变化、1条援引序号调整"
    assert [is_amendment(p) for p in c.pairs] == [True, False, False, False, False]
    assert c.changes == [0]
    cited = c.pairs[3]
    assert [t for op, t in cited.diff if op] == ["二", "三"]  # the diff still shows it
    assert explanation(cited) == "条文序号由第三条调整为第四条；援引条文序号相应调整"
    data = c.to_json()
    assert data["pairs"][3]["kind"] == "citations" and data["pairs"][3]["diff"]
    assert data["kinds"]["citations"] == 1


def new_unit_article(text: str):  # type: ignore[no-untyped-def]
    from drafting.model.units import UnitKind

    return new_unit(UnitKind.ARTICLE, text)


def test_a_cited_number_that_does_not_follow_its_target_is_wording() -> None:
    old = draft(article(A1), article(A2), article(A3), article(A4))
    new = old.clone()
    new.articles()[2].children[0].text = A3.replace("第二条", "第一条")
    c = compare_drafts(old, new)
    assert (c.pairs[2].status, c.pairs[2].kind) == (MODIFIED, WORDING)
    assert is_amendment(c.pairs[2])


def test_wording_wins_over_citations() -> None:
    old = draft(article(A1), article(A2), article(A3), article(A4))
    new = old.clone()
    session = EditSession(new)
    session.apply(DeleteUnit(new.articles()[0].uid))
    text = new.articles()[1].children[0].text
    assert "本条例第一条" in text
    new.articles()[1].children[0].text = text.replace("责令改正", "责令限期改正")
    c = compare_drafts(old, new)
    pair = next(p for p in c.pairs if p.old_label == "第三条")
    assert (pair.status, pair.kind) == (MODIFIED, WORDING)


def test_punctuation_width_only_is_reported_not_counted() -> None:
    old = draft(article("有下列行为之一的:", "(一)损毁设施的；"), article(A2))
    new = draft(article("有下列行为之一的：", "（一）损毁 设施的；"), article(A2))
    c = compare_drafts(old, new)
    assert [(p.status, p.kind) for p in c.pairs] == [(UNCHANGED, PUNCTUATION), (UNCHANGED, NONE)]
    assert c.totals_text() == "1条标点调整"
    assert not any(is_amendment(p) for p in c.pairs)
    assert [t for op, t in c.pairs[0].diff if op] == [":\n(一)损毁", "：\n（一）损毁 "]


def test_civil_code_without_its_first_article(corpus: Path) -> None:
    """Deleting 第一条 renumbers 1,259 articles; 49 of them cite renumbered articles. None is a
    wording change: the only amendment is the deletion."""
    code = read_draft(corpus / "large_civil_code_2020.md")
    new = code.clone()
    EditSession(new).apply(DeleteUnit(new.articles()[0].uid))
    for by_uid in (True, False):
        c = compare_drafts(code, new if by_uid else fresh_uids(new))
        assert [p.status for p in c.pairs if is_amendment(p)] == [DELETED]
        assert [p.kind for p in c.pairs].count(WORDING) == 1  # the deletion
        assert c.kinds[CITATIONS] == 49 and c.kinds[LABEL] == 1210
        assert c.totals_text() == "1条删除、1210条仅序号变化、49条援引序号调整"


def test_layout_only_pair_has_punctuation_only(corpus: Path) -> None:
    c = compare_drafts(
        read_draft(corpus / "format_ich_law_2011_lawrefbook.md"),
        read_draft(corpus / "format_ich_law_2011_flk.txt"),
    )
    assert c.kinds[WORDING] == 0 and c.kinds[PUNCTUATION] == 5
    assert c.totals_text() == "5条标点调整"
