"""Alignment and classification of article pairs, on hand-made drafts and real version pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.compare.articles import (
    ADDED,
    DELETED,
    MERGED,
    MODIFIED,
    MOVED,
    RENUMBERED,
    SPLIT,
    STATUSES,
    UNCHANGED,
    compare_drafts,
    normalise,
)
from drafting.compare.wording import new_text, old_text
from drafting.model.units import Draft, Unit, new_uid
from tests.drafting.compare_helpers import article, draft, read_draft

A1 = "为了加强公园管理，保护公园资源，制定本条例。"
A2 = "本条例适用于本市行政区域内公园的规划、建设、保护和管理。"
A3 = "市园林绿化主管部门负责全市公园的监督管理工作。"
A4 = "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。"
A5 = "违反本条例规定，损毁公园设施的，由园林绿化主管部门责令改正，处一千元以上五千元以下罚款。"
A6 = "本条例自2025年1月1日起施行。"


def fresh_uids(d: Draft) -> Draft:
    """A copy with every uid new: what two imported files look like."""
    copy = d.clone()
    for unit in copy.walk():
        unit.uid = new_uid()
    return copy


def statuses(comparison) -> list[tuple[str | None, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(p.old_label, p.new_label, p.status) for p in comparison.pairs]


def test_identical_texts_are_unchanged() -> None:
    old = draft(article(A1), article(A2), article(A3))
    c = compare_drafts(old, fresh_uids(old))
    assert [p.status for p in c.pairs] == [UNCHANGED] * 3
    assert c.summary[UNCHANGED] == 3 and set(c.summary) == set(STATUSES)
    assert not c.by_uid


def test_insertion_renumbers_the_following_articles() -> None:
    old = draft(article(A1), article(A2), article(A3), article(A6))
    new = draft(article(A1), article(A4), article(A2), article(A3), article(A6))
    c = compare_drafts(old, new)
    assert statuses(c) == [
        ("第一条", "第一条", UNCHANGED),
        (None, "第二条", ADDED),
        ("第二条", "第三条", RENUMBERED),
        ("第三条", "第四条", RENUMBERED),
        ("第四条", "第五条", RENUMBERED),
    ]
    assert c.totals_text() == "1条新增、3条仅序号变化"


def test_deleted_article_follows_its_old_predecessor() -> None:
    old = draft(article(A1), article(A2), article(A3), article(A6))
    new = draft(article(A1), article(A3), article(A6))
    c = compare_drafts(old, new)
    assert statuses(c) == [
        ("第一条", "第一条", UNCHANGED),
        ("第二条", None, DELETED),
        ("第三条", "第二条", RENUMBERED),
        ("第四条", "第三条", RENUMBERED),
    ]


def test_moved_and_reworded_articles() -> None:
    old = draft(article(A1), article(A2), article(A3), article(A4), article(A5), article(A6))
    a5_new = A5.replace("一千元以上五千元以下", "二千元以上一万元以下")
    new = draft(article(A1), article(A4), article(A2), article(A3), article(a5_new), article(A6))
    c = compare_drafts(old, new)
    assert statuses(c) == [
        ("第一条", "第一条", UNCHANGED),
        ("第四条", "第二条", MOVED),
        ("第二条", "第三条", RENUMBERED),
        ("第三条", "第四条", RENUMBERED),
        ("第五条", "第五条", MODIFIED),
        ("第六条", "第六条", UNCHANGED),
    ]
    modified = c.pairs[4]
    assert [t for op, t in modified.diff if op] == ["一千", "二千", "五千", "一万"]
    assert old_text(modified.diff) == A5 and new_text(modified.diff) == a5_new


def test_renumbered_with_changed_words_is_modified_with_both_numbers() -> None:
    old = draft(article(A1), article(A2), article(A3))
    new = draft(
        article(A4), article(A1), article(A2.replace("保护和管理", "保护、利用和管理")), article(A3)
    )
    c = compare_drafts(old, new)
    pair = next(p for p in c.pairs if p.old_label == "第二条")
    assert pair.status == MODIFIED and pair.new_label == "第三条"
    assert [t for op, t in pair.diff if op == 1] == ["、利用"]


def test_punctuation_width_and_spaces_are_not_changes() -> None:
    old = draft(article("有下列行为之一的:", "(一)损毁设施的；"), article(A2))
    new = draft(article("有下列行为之一的：", "（一）损毁 设施的；"), article(A2))
    c = compare_drafts(old, new)
    assert [p.status for p in c.pairs] == [UNCHANGED, UNCHANGED]
    assert normalise("a: b(c)") == "a：b（c）"


def test_split_article() -> None:
    first = "建设单位应当按照规划要求建设公园配套设施，并在竣工后报园林绿化主管部门验收。"
    second = "公园配套设施未经验收或者验收不合格的，不得交付使用，建设单位应当限期整改。"
    old = draft(article(A1), article(first, second), article(A6))
    new = draft(article(A1), article(first), article(second), article(A6))
    c = compare_drafts(old, new)
    assert statuses(c)[1] == ("第二条", "第二条", SPLIT)
    assert c.pairs[1].new_numbers == ["第二条", "第三条"]
    assert statuses(c)[2] == ("第三条", "第四条", RENUMBERED)
    assert len(c.pairs) == 3


def test_merged_articles() -> None:
    first = "建设单位应当按照规划要求建设公园配套设施，并在竣工后报园林绿化主管部门验收。"
    second = "公园配套设施未经验收或者验收不合格的，不得交付使用，建设单位应当限期整改。"
    old = draft(article(A1), article(first), article(second), article(A6))
    new = draft(article(A1), article(first, second), article(A6))
    c = compare_drafts(old, new)
    assert statuses(c)[1] == ("第二条", "第二条", MERGED)
    assert c.pairs[1].old_numbers == ["第二条", "第三条"]
    assert len(c.pairs) == 3


def test_by_uid_follows_the_unit_even_when_rewritten() -> None:
    old = draft(article(A1), article(A2), article(A3))
    new = old.clone()
    new.units[1].children[0].text = "完全不同的文字，与原来没有一个共同的词。"
    c = compare_drafts(old, new)
    assert c.by_uid
    assert [p.status for p in c.pairs] == [UNCHANGED, MODIFIED, UNCHANGED]
    # Aligned by content, the rewritten article no longer matches: deleted plus added.
    c2 = compare_drafts(old, new, by_uid=False)
    assert sorted(p.status for p in c2.pairs) == [ADDED, DELETED, UNCHANGED, UNCHANGED]


def test_to_json_shape() -> None:
    old = draft(article(A1), article(A2))
    new = draft(article(A1), article(A2 + "其他法律另有规定的，从其规定。"), article(A6))
    data = compare_drafts(old, new).to_json()
    assert data["pairs"][0] == {
        "old": "第一条",
        "new": "第一条",
        "status": "unchanged",
        "kind": "none",
    }
    assert data["pairs"][1]["status"] == "modified" and data["pairs"][1]["diff"]
    assert data["pairs"][1]["kind"] == "wording"
    assert data["pairs"][2] == {
        "old": None,
        "new": "第三条",
        "status": "added",
        "kind": "wording",
        "diff": [[1, A6]],
    }
    assert data["summary"]["deleted"] == 0 and len(data["summary"]) == len(STATUSES)
    assert data["kinds"] == {"none": 1, "wording": 2, "label": 0, "citations": 0, "punctuation": 0}


# ---- real texts ---------------------------------------------------------------------------


def _parents(d: Draft) -> dict[str, Unit | None]:
    return {u.uid: p for u, p in d.walk_with_parents()}


def _siblings(d: Draft, unit: Unit) -> list[Unit]:
    parent = _parents(d)[unit.uid]
    return d.units if parent is None else parent.children


@pytest.fixture(scope="module")
def civil_code() -> Draft:
    from tests.conftest import CORPUS

    return read_draft(CORPUS / "large_civil_code_2020.md")


def six_edits(code: Draft, *, keep_uids: bool = False) -> Draft:
    """民法典 with six edits: one article deleted (第一百零一条), one added after 第五百零一条,
    第八百零一条 moved after 第九百零一条, 第二百条/第六百四十一条/第一千零二条 reworded.
    With ``keep_uids`` the copy is a clone (the next version); else every uid is new."""
    new = code.clone() if keep_uids else fresh_uids(code)
    arts = new.articles()
    reworded = [199, 640, 1001]
    for k in reworded:
        para = arts[k].children[0]
        para.text = para.text[:6] + "依法" + para.text[6:-1] + "，法律另有规定的除外。"
    deleted, moved, anchor_added, moved_after = 100, 800, 500, 900
    _siblings(new, arts[deleted]).remove(arts[deleted])
    sibs = _siblings(new, arts[anchor_added])
    sibs.insert(
        sibs.index(arts[anchor_added]) + 1,
        article("新增的条文：民事主体从事民事活动，应当有利于节约资源、保护生态环境。"),
    )
    _siblings(new, arts[moved]).remove(arts[moved])
    sibs = _siblings(new, arts[moved_after])
    sibs.insert(sibs.index(arts[moved_after]) + 1, arts[moved])
    return new


@pytest.mark.parametrize("by_uid", [False, True])
def test_civil_code_six_edits(civil_code: Draft, by_uid: bool) -> None:
    new = six_edits(civil_code, keep_uids=by_uid)
    c = compare_drafts(civil_code, new)
    assert c.by_uid is by_uid
    changes = [p for p in c.pairs if p.is_change]
    assert sorted(p.status for p in changes) == sorted(
        [DELETED, ADDED, MOVED, MODIFIED, MODIFIED, MODIFIED]
    )
    assert c.summary[RENUMBERED] > 0
    assert c.summary[UNCHANGED] + c.summary[RENUMBERED] == 1260 - 5
    assert [p.old_label for p in changes if p.status == DELETED] == ["第一百零一条"]
    assert [p.old_label for p in changes if p.status == MOVED] == ["第八百零一条"]
    assert [p.old_label for p in changes if p.status == MODIFIED] == [
        "第二百条",
        "第六百四十一条",
        "第一千零二条",
    ]


REAL_PAIRS = [
    ("pair_changjiang_sand_2001.md", "pair_changjiang_sand_2023.md"),
    ("pair_lifafa_2015.md", "pair_lifafa_2023.md"),
    ("pair_beijing_lawmaking_2017.md", "pair_beijing_lawmaking_2023.md"),
    ("pair_luoyang_park_square_old.md", "pair_luoyang_park_square_2021.md"),
    ("format_ich_law_2011_lawrefbook.md", "format_ich_law_2011_flk.txt"),
]


@pytest.mark.parametrize(("old_name", "new_name"), REAL_PAIRS)
def test_unchanged_words_are_never_reported_as_changes(
    corpus: Path, old_name: str, new_name: str
) -> None:
    old, new = read_draft(corpus / old_name), read_draft(corpus / new_name)
    c = compare_drafts(old, new)
    new_texts = {normalise(_body(u)) for u in new.articles()}
    for pair in c.pairs:
        if pair.status in (MODIFIED, DELETED):
            for unit in pair.old:
                assert normalise(_body(unit)) not in new_texts, pair
    total_old = sum(len(p.old) for p in c.pairs)
    total_new = sum(len(p.new) for p in c.pairs)
    assert (total_old, total_new) == (len(old.articles()), len(new.articles()))


def _body(unit: Unit) -> str:
    from drafting.model.numbering import article_body

    return article_body(unit)


def test_layout_only_pair_is_all_unchanged(corpus: Path) -> None:
    old = read_draft(corpus / "format_ich_law_2011_lawrefbook.md")
    new = read_draft(corpus / "format_ich_law_2011_flk.txt")
    c = compare_drafts(old, new)
    assert c.summary[UNCHANGED] == 45 and len(c.pairs) == 45


def test_changjiang_sand_matches_the_published_changes(corpus: Path) -> None:
    c = compare_drafts(
        read_draft(corpus / "pair_changjiang_sand_2001.md"),
        read_draft(corpus / "pair_changjiang_sand_2023.md"),
    )
    by_old = {p.old_label: p for p in c.pairs if p.old_label}
    assert by_old["第十七条"].status == DELETED
    assert by_old["第二十二条"].status == DELETED
    added = [p.new_label for p in c.pairs if p.status == ADDED]
    assert added == ["第十七条", "第二十条"]
    assert by_old["第二十条"].new_label == "第二十一条"  # the penalty for parking, rewritten
    assert by_old["第二十六条"].status == MODIFIED
    assert by_old["第二十三条"].status == UNCHANGED
    assert by_old["第一条"].status == UNCHANGED
    assert c.summary[MOVED] == 0
