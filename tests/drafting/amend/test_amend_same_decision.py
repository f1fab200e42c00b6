"""Items of one decision that meet each other (issue 11 §5; tester faults G9, G10, G2): an item
naming a unit an earlier item deleted fails (old numbering); a place named twice is edited
once; a 分别修改为 item over several places is applied whole or not at all, under one rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.amend.apply import apply_decision
from drafting.amend.instructions import render
from drafting.amend.read import read_decision
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft
from drafting.read.parse import parse_text

TEXT = """某市公园管理条例

第一条　为了加强公园管理，制定本条例。
第二条　公园应当定时开放。
公园门票价格应报价格主管部门批准。
第三条　公园建设项目应经主管部门审查同意。
设计方案应经主管部门审查同意后方可施工。
经批准的设计方案不得擅自改变。
第四条　市、区人民政府应当将公园建设纳入规划。
市、区人民政府应当积极创造条件，加强公园建设。
第五条　本条例自2025年1月1日起施行。
"""

HAND = Path("/work/tools/try11b/hand")
HANGZHOU = Path(__file__).resolve().parents[3] / "../shared/corpus/local_hangzhou_park_2014.md"


def _law() -> Draft:
    return parse_text(TEXT).draft


def _apply(decision: str, old: Draft | None = None):  # type: ignore[no-untyped-def]
    read = read_decision(decision)
    assert read.unread == [], read.unread
    return apply_decision(old or _law(), read)


def _bodies(d: Draft) -> dict[str, str]:
    numbers = compute_numbers(d)
    return {numbers[a.uid].label: article_body(a) for a in d.articles()}


def _reasons(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [r for _, r in result.failed]


# ---- G9: an item naming a unit an earlier item deleted ----------------------------------------


def test_editing_a_paragraph_deleted_by_an_earlier_item_fails() -> None:
    result = _apply("一、删去第三条第二款。\n二、将第三条第二款中的“审查同意”修改为“审核同意”。")
    assert _reasons(result) == ["第三条第二款已由本决定第一项删去，本项未执行"]
    assert [render(i) for i in result.applied] == ["删去第三条第二款"]
    # Old 第三款 (now 第二款) is not touched: the decision named the old 第二款.
    assert "审核" not in _bodies(result.draft)["第三条"]


def test_editing_inside_an_article_deleted_by_an_earlier_item_fails() -> None:
    result = _apply("一、删去第二条。\n二、将第二条第二款中的“应报”修改为“应当报”。")
    assert _reasons(result) == ["第二条第二款已随第二条由本决定第一项删去，本项未执行"]


def test_a_grouped_item_naming_a_deleted_place_fails_whole() -> None:
    result = _apply(
        "一、删去第三条第二款。\n二、将第三条第二款、第二条第二款中的“应”修改为“应当”。"
    )
    assert _reasons(result) == ["第三条第二款已由本决定第一项删去，本项未执行"]
    assert "应当报" not in _bodies(result.draft)["第二条"]  # nothing of item 二 applied


def test_a_later_deletion_does_not_fail_an_earlier_edit() -> None:
    # Edit first, delete after: the edit is moot but not wrong; the rule is about EARLIER items.
    result = _apply("一、将第三条第二款中的“审查同意”修改为“审核同意”。\n二、删去第三条第二款。")
    assert result.failed == []


def test_deleted_and_plain_items_still_apply() -> None:
    result = _apply("一、删去第三条第二款。\n二、将第三条第三款中的“擅自”修改为“随意”。")
    assert result.failed == []
    assert "不得随意改变" in _bodies(result.draft)["第三条"]


@pytest.mark.parametrize(
    ("name", "reasons"),
    [
        ("g_deledit.txt", ["第九条第二款已随第九条由本决定第一项删去，本项未执行"]),
        ("g_deledit2.txt", ["第十三条第二款已由本决定第一项删去，本项未执行"]),
    ],
)
def test_the_testers_files(name: str, reasons: list[str]) -> None:
    if not (HAND / name).exists() or not HANGZHOU.exists():
        pytest.skip("tester's files not here")
    old = parse_text(HANGZHOU.read_text(encoding="utf-8")).draft
    result = apply_decision(old, read_decision((HAND / name).read_text(encoding="utf-8")))
    assert _reasons(result) == reasons


# ---- G10: the same place named twice -------------------------------------------------------


def test_a_place_named_twice_is_edited_once_with_a_warning() -> None:
    result = _apply("一、将第二条、第二条中的“公园”修改为“城市公园”。")
    body = _bodies(result.draft)["第二条"]
    assert "城市城市" not in body
    assert body.count("城市公园") == 2
    assert "第一项两次列出第二条，只修改一次，请核对是否误写" in result.warnings
    assert result.failed == []


def test_a_place_inside_another_named_place_is_edited_once() -> None:
    for decision in (
        "一、将第二条、第二条第二款中的“公园”修改为“城市公园”。",
        "一、将第二条第二款、第二条中的“公园”修改为“城市公园”。",
    ):
        result = _apply(decision)
        body = _bodies(result.draft)["第二条"]
        assert "城市城市" not in body, decision
        assert body.count("城市公园") == 2, decision
        assert any("已含在第二条中，只修改一次" in w for w in result.warnings), decision


def test_distinct_places_are_all_edited() -> None:
    result = _apply("一、将第二条第一款、第二条第二款中的“公园”修改为“城市公园”。")
    assert _bodies(result.draft)["第二条"].count("城市公园") == 2
    assert not any("只修改一次" in w for w in result.warnings)


# ---- G2: 分别修改为 over several places, one rule with F25 ---------------------------------------


def test_each_word_is_replaced_where_it_stands_in_the_places_named() -> None:
    # 第一款 has only “市、区人民政府”; 第二款 has both words.
    result = _apply(
        "一、将第四条第一款、第二款中的“市、区人民政府”、“加强”分别修改为"
        "“市、区、县（市）人民政府”、“推进”。"
    )
    assert result.failed == []
    body = _bodies(result.draft)["第四条"]
    assert body.count("市、区、县（市）人民政府") == 2
    assert "推进公园建设" in body and "加强" not in body


def test_a_word_standing_in_none_of_the_places_fails_the_whole_item() -> None:
    result = _apply(
        "一、将第四条第一款、第二款中的“市、区人民政府”、“保护”分别修改为"
        "“市、区、县（市）人民政府”、“推进”。"
    )
    assert len(result.failed) == 2  # both instructions read from the item
    assert set(_reasons(result)) == {"第四条第一款、第四条第二款中没有“保护”，本项各处均未修改"}
    assert result.applied == []
    assert "县（市）" not in _bodies(result.draft)["第四条"]  # nothing half done


def test_a_place_holding_none_of_the_words_fails_the_whole_item() -> None:
    result = _apply(
        "一、将第二条第一款、第四条第二款中的“市、区人民政府”、“加强”分别修改为"
        "“市、区、县（市）人民政府”、“推进”。"
    )
    assert set(_reasons(result)) == {
        "第二条第一款中没有“市、区人民政府”、“加强”中的任何一个，本项各处均未修改"
    }
    assert "推进" not in _bodies(result.draft)["第四条"]


def test_the_single_word_rule_of_f25_is_unchanged() -> None:
    result = _apply("一、将第二条第二款、第四条第一款中的“应报”修改为“应当报”。")
    assert _reasons(result) == ["第四条第一款中没有“应报”，本项未执行"]
    assert "应当报" not in _bodies(result.draft)["第二条"]


def test_the_testers_multi_word_item() -> None:
    if not (HAND / "g_multi.txt").exists() or not HANGZHOU.exists():
        pytest.skip("tester's files not here")
    old = parse_text(HANGZHOU.read_text(encoding="utf-8")).draft
    result = apply_decision(old, read_decision((HAND / "g_multi.txt").read_text(encoding="utf-8")))
    assert result.failed == []
    body = _bodies(result.draft)["第五条"]
    assert "推进公园建设" in body and "加强" not in body


# ---- G14: a decision applied a second time ----------------------------------------------------

TWICE = (
    "一、在第二条中的“定时”后增加“免费”。\n"
    "二、在第四条后增加一条，作为第五条：“公园应当设置无障碍通道。”\n"
    "三、将第三条第三款中的“擅自”修改为“随意”。"
)


def test_a_decision_applied_twice_looks_applied() -> None:
    once = _apply(TWICE)
    assert once.looks_applied is False and once.failed == []
    twice = _apply(TWICE, once.draft)
    assert twice.looks_applied is True
    assert twice.warnings[0].startswith("本决定似已执行过：3 项的原文似已按该项修改")
    assert "第二条中的“定时”后已有“免费”，原文似已按本条修改" in twice.warnings
    assert "新增的第五条与原文第五条文字相同，原文似已按本条修改" in twice.warnings


def test_one_item_already_made_is_an_ordinary_slip() -> None:
    once = _apply("一、将第三条第三款中的“擅自”修改为“随意”。")
    result = _apply(
        "一、将第三条第三款中的“擅自”修改为“随意”。\n二、将第二条第一款中的“定时”修改为“按时”。\n"
        "三、将第四条第二款中的“加强”修改为“推进”。",
        once.draft,
    )
    assert result.looks_applied is False
    assert not any("似已执行过" in w for w in result.warnings)
