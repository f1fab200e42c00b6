"""The decision reader on the second fresh tester's faults (issue 11, try11b: G1, G6, G7, G15
and the reader points of G13): the published forms read and applied, the wrong ones failed
with a reason naming what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft
from drafting.read.parse import parse_text

TEXT = "\n".join(
    [
        "# 某市公园条例",
        "",
        "第一条　为了加强公园管理，制定本条例。",
        "",
        "第二条　本条例适用于本市的公园。",
        "",
        "第三条　公园实行分级管理。",
        "",
        "市公园主管部门都应负责全市公园的管理。",
        "",
        "区公园主管部门按照国家规定负责本区公园的管理。",
        "",
        "第四条　公园内禁止下列行为：",
        "",
        "（一）乱扔垃圾；",
        "",
        "（二）损毁花木。",
        "",
        "第五条　本条例自2025年1月1日起施行。",
        "",
    ]
)


def _draft(text: str = TEXT) -> Draft:
    return parse_text(text).draft


def _bodies(draft: Draft) -> dict[str, str]:
    numbers = compute_numbers(draft)
    return {numbers[a.uid].label: article_body(a) for a in draft.articles()}


def _apply(decision: str, text: str = TEXT):  # type: ignore[no-untyped-def]
    return apply_decision(_draft(text), read_decision(decision))


# ---- G1: the article's label inside the quotation (the published form)


def test_rewrite_with_its_own_label_in_the_quote_writes_the_label_once() -> None:
    result = _apply("一、将第二条修改为：“第二条　本条例适用于本市行政区域内的公园。”")
    assert not result.failed
    assert _bodies(result.draft)["第二条"] == "本条例适用于本市行政区域内的公园。"


def test_renumbered_rewrite_with_the_new_label_in_the_quote() -> None:
    decision = "一、在第一条后增加一条，作为第二条：“第二条　公园应当免费开放。”\n" + (
        "二、将第二条改为第三条，修改为：“第三条　本条例适用于本市行政区域内的公园。”"
    )
    result = _apply(decision)
    assert not result.failed
    bodies = _bodies(result.draft)
    assert bodies["第二条"] == "公园应当免费开放。"
    assert bodies["第三条"] == "本条例适用于本市行政区域内的公园。"
    assert not any(body.startswith("第") for body in bodies.values())


def test_multi_paragraph_gbt_quote_with_the_label() -> None:
    decision = (
        "一、将第三条修改为：\n“第三条　公园实行市、区分级管理。\n“市公园主管部门负责全市公园。”"
    )
    result = _apply(decision)
    assert not result.failed
    assert (
        _bodies(result.draft)["第三条"] == "公园实行市、区分级管理。\n市公园主管部门负责全市公园。"
    )


def test_a_label_that_is_not_the_articles_number_fails_naming_both() -> None:
    for decision in (
        "一、增加一条，作为第六条：“第七条　公园应当坚持生态优先。”",
        "一、将第二条修改为：“第三条　本条例适用于本市的公园。”",
        "一、将第二条改为第三条，修改为：“第二条　本条例适用于本市的公园。”",
    ):
        read = read_decision(decision)
        assert not read.instructions, decision
        ((_clause, reason),) = read.unread
        assert "序号不符" in reason
        assert len(set(re.findall("第[一二三四五六七八九十]+条", reason))) == 2
        result = apply_decision(_draft(), read)
        assert _bodies(result.draft) == _bodies(_draft())


# ---- G6: compound items, the article carried over to the next clause


def test_delete_a_paragraph_of_the_article_named_before() -> None:
    result = _apply("一、将第三条第二款中的“都应”修改为“应当”；删去第三款。")
    assert not result.failed
    assert (
        _bodies(result.draft)["第三条"]
        == "公园实行分级管理。\n市公园主管部门应当负责全市公园的管理。"
    )


def test_second_paragraph_after_a_comma_is_of_the_same_article() -> None:
    read = read_decision(
        "一、将第三条第二款中的“都应”修改为“应当”，第三款中的“国家规定”修改为“规定标准”。"
    )
    assert [i.places[0].words() for i in read.instructions] == ["第三条第二款", "第三条第三款"]
    result = apply_decision(_draft(), read)
    assert not result.failed
    assert _bodies(result.draft)["第三条"] == (
        "公园实行分级管理。\n市公园主管部门应当负责全市公园的管理。\n区公园主管部门按照规定标准负责本区公园的管理。"
    )


def test_an_item_with_a_clause_that_cannot_be_read_is_not_applied_at_all() -> None:
    read = read_decision("一、将第三条第二款中的“都应”修改为“应当”；把第三款弄好。")
    assert not read.instructions
    ((_clause, reason),) = read.unread
    assert "本项其他修改也未执行" in reason
    result = apply_decision(_draft(), read)
    assert _bodies(result.draft) == _bodies(_draft())


# ---- G15: one 附件 printed as “附件：…” is addressed as 附件

APPENDIX_TEXT = TEXT + "\n".join(
    [
        "",
        "附件：某市公园分类表",
        "",
        "| 类别 | 绿地率 |",
        "| --- | --- |",
        "| 综合公园 | 0.2 |",
        "",
    ]
)


def test_a_single_appendix_printed_with_a_colon_is_named_附件() -> None:
    from drafting.amend.instructions import appendix_name

    assert appendix_name("附件：") == "附件"
    assert appendix_name("附：") == "附："
    result = _apply("一、将附件中的“0.2”修改为“0.4”。", APPENDIX_TEXT)
    assert not result.failed
    (appendix,) = result.draft.appendices
    assert appendix.label == "附件："  # the printed label stays as it was
    assert "0.4" in str(appendix.blocks)
    assert not _apply("一、删去附件。", APPENDIX_TEXT).draft.appendices
    rewritten = _apply("一、将附件修改为：“某市公园分类表（修订）”", APPENDIX_TEXT)
    assert not rewritten.failed
    assert rewritten.draft.appendices[0].title == "某市公园分类表（修订）"


def test_the_drafted_decision_names_the_appendix_without_its_colon() -> None:
    from drafting.compare.articles import compare_drafts
    from drafting.compare.decision import amendment_decision

    old = _draft(APPENDIX_TEXT)
    new = _draft(
        APPENDIX_TEXT.replace("| 综合公园 | 0.2 |", "| 综合公园 | 0.4 |\n| 专类公园 | 0.3 |")
    )
    text = amendment_decision(compare_drafts(old, new))
    assert "附件：修改为" not in text and "附件：中的" not in text
    assert "将附件" in text
    result = apply_decision(old, read_decision(text))
    assert not result.failed
    assert "专类公园" in str(result.draft.appendices[0].blocks)


# ---- G7: a combined decision amending several regulations

COMBINED = "\n".join(
    [
        "关于修改《某市公园条例》等两件地方性法规的决定",
        "一、对《某市河道管理条例》作如下修改：",
        "（一）删去第二条。",
        "二、对《某市公园条例》作如下修改：",
        "（一）删去第四条。",
        "（二）将第三条第二款中的“都应”修改为“应当”。",
        "本决定自公布之日起施行。",
    ]
)


def test_the_part_for_this_regulation_of_a_combined_decision_is_applied() -> None:
    from drafting.amend.target import amend_text, decision_part

    part, warnings = decision_part(COMBINED, "某市公园条例")
    assert part.splitlines()[:3] == ["对《某市公园条例》作如下修改：", "一、删去第四条。",
                                     "二、将第三条第二款中的“都应”修改为“应当”。"]  # fmt: skip
    assert "本决定自公布之日起施行。" in part
    (warning,) = warnings
    assert "第一部分（对《某市河道管理条例》的修改）" in warning and "未执行" in warning
    outcome = amend_text(_draft(), COMBINED)
    assert outcome.applied == ["删去第四条", "将第三条第二款中的“都应”修改为“应当”"]
    assert not outcome.failed and not outcome.other_regulation
    assert any("合并决定" in w for w in outcome.warnings)
    assert len(_bodies(outcome.draft)) == 4


def test_a_combined_decision_naming_no_part_for_this_regulation_is_refused(
    tmp_path: Path,
) -> None:
    import json

    from drafting.amend.target import amend_text
    from tests.app_runner import run_app

    other = COMBINED.replace("《某市公园条例》", "《某市绿化条例》")
    assert amend_text(_draft(), other).other_regulation
    old_file, decision, out = tmp_path / "原文.md", tmp_path / "决定.txt", tmp_path / "新.md"
    old_file.write_text(TEXT, encoding="utf-8")
    decision.write_text(other, encoding="utf-8")
    run = run_app("amend", str(old_file), str(decision), "--out", str(out), "--json")
    assert run.returncode == 1 and not out.exists()
    # G13: the refusal is JSON on stdout too, for scripts.
    data = json.loads(run.stdout)
    assert data["applied"] == [] and data["failed"][0]["item"] == "一"
    assert "而当前稿次是《某市公园条例》" in data["error"]
    assert data["warnings"][0].startswith("修改决定修改的是《某市河道管理条例》")
    decision.write_text(COMBINED, encoding="utf-8")
    run = run_app("amend", str(old_file), str(decision), "--out", str(out), "--json")
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["applied"]) == 2


# ---- G13: the reader's smaller points


def test_reasons_give_chinese_numerals() -> None:
    result = _apply(
        "一、在第二条中增加一款，作为第五款：“测试。”\n"
        "二、在第四条中增加一项，作为第九项：“（九）测试；”\n"
        "三、增加一条，作为第四十五条：“测试。”"
    )
    reasons = [reason for _ins, reason in result.failed]
    assert len(reasons) == 3
    assert not any(re.search(r"\d", r) for r in reasons), reasons
    assert "第五款" in reasons[0] and "第九项" in reasons[1] and "第四十五条" in reasons[2]


def test_item_numbers_that_skip_are_warned() -> None:
    read = read_decision("一、删去第五条。\n二、删去第四条。\n四、删去第二条。")
    assert any("第二项之后是第四项" in w for w in read.warnings)
    assert not read_decision("一、删去第五条。\n二、删去第四条。").warnings


def test_numbered_lines_inside_a_quotation_are_not_items() -> None:
    read = read_decision(
        "一、将第二条修改为：“本条例下列用语的含义：\n"
        "一、公园，是指向公众开放的场所。\n"
        "二、游园项目，是指公园内的游乐项目。”\n"
        "二、删去第四条。"
    )
    assert read.item_numbers == ["一", "二"]
    assert not read.unread
    assert read.instructions[0].texts[0].splitlines()[1].startswith("一、公园")


def test_forms_that_say_too_little_fail_with_what_is_expected() -> None:
    read = read_decision(
        "一、在序言后增加一段：“公园是全体市民共享的公共空间。”\n"
        "二、在第四条表格中增加一行：“应急管理部门”、“公园应急避难场所管理”。"
    )
    (_c1, preamble), (_c2, table) = read.unread
    assert "将序言修改为" in preamble
    assert "作为第N行" in table


# ---- try11c H2/H3: the label inside a merge's quotation; a heading renamed with a colon


def test_merge_with_its_own_label_in_the_quote_writes_the_label_once() -> None:
    result = _apply(
        "一、将第一条、第二条合并为一条，作为第一条，修改为：“第一条　为了加强公园管理，制定本条例。”"
    )
    assert not result.failed, result.failed
    body = _bodies(result.draft)["第一条"]
    assert body == "为了加强公园管理，制定本条例。"


def test_merge_with_another_label_in_the_quote_fails_naming_both() -> None:
    decision = read_decision(
        "一、将第一条、第二条合并为一条，作为第一条，修改为：“第二条　为了加强公园管理，制定本条例。”"
    )
    assert not decision.instructions
    assert "第一条" in decision.unread[0][1] and "第二条" in decision.unread[0][1]


def test_heading_renamed_with_a_colon_before_the_quote() -> None:
    text = TEXT.replace("第一条　为了", "## 第一章　总则\n\n第一条　为了")
    result = _apply("一、将第一章章名修改为：“一般规定”。", text)
    assert not result.failed, result.failed
    assert any(u.heading == "一般规定" for u in result.draft.walk())
