"""The reader of a 修改决定 on the forms real published decisions use (fresh tester, issue 11:
F7, F10, F11, F12, F18, F9, F14, F20, F21): each form read, applied, and — where the decision
drafter writes it — read back from its own words; what cannot be read fails loudly with a
reason that says what was expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafting.amend.apply import apply_decision
from drafting.amend.instructions import MERGE, REPLACE, REWRITE, Instruction, Place, render
from drafting.amend.read import UNKNOWN_FORM, read_clause, read_decision
from drafting.amend.target import named_title, names_another
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft
from drafting.read.parse import parse_text
from tests.app_runner import run_app

TEXT = "\n".join(
    [
        "# 某市公园条例",
        "",
        "序言",
        "",
        "公园是城市的绿色客厅，是市民休憩的场所。",
        "",
        "第一章　总则",
        "",
        "第一条　为了加强公园管理，制定本条例。",
        "",
        "第二条　本条例适用于本市的公园。",
        "",
        "第三条　公园实行分级管理。",
        "",
        "市公园主管部门负责全市公园的管理。",
        "",
        "第二章　管理",
        "",
        "第四条　公园内禁止下列行为：",
        "",
        "（一）乱扔垃圾；",
        "",
        "（二）损毁花木；",
        "",
        "（三）算命占卜；",
        "",
        "（四）攀爬雕塑。",
        "",
        "第五条　发展和改革、住房和城乡建设等部门按照职责做好公园工作。",
        "",
        "第六条　违反本条例第四条规定的，由市公园主管部门责令改正。",
        "",
        "第三章　附则",
        "",
        "第七条　本条例自2025年1月1日起施行。",
        "",
    ]
)

HEAD = "对《某市公园条例》作如下修改：\n"
TAIL = "\n本决定自公布之日起施行。\n"


def old() -> Draft:
    return parse_text(TEXT).draft


def amend(items: str) -> tuple[Draft, list[tuple[str, str]], list[str]]:
    """Apply a decision of ``items``: (amended draft, failures (clause, reason) read or
    applied, warnings)."""
    decision = read_decision(HEAD + items + TAIL)
    result = apply_decision(old(), decision)
    failed = list(decision.unread) + [(render(i), r) for i, r in result.failed]
    return result.draft, failed, result.warnings


def labelled(d: Draft) -> list[str]:
    numbers = compute_numbers(d)
    return [f"{numbers[a.uid].label}　{article_body(a)}" for a in d.articles()]


# ---- F7 / F10: GB/T 15834 multi-paragraph quotations ---------------------------------------

SPLIT_CLOSED = (
    "一、将第三条改为两条，作为第三条、第四条，修改为：\n"
    "“第三条　公园实行分级管理。”\n"
    "“第四条　市公园主管部门负责全市公园的管理。\n"
    "“区公园主管部门负责本区公园的管理。”"
)
SPLIT_GBT = (
    "一、将第三条改为两条，作为第三条、第四条，修改为：\n"
    "“第三条　公园实行分级管理。\n"
    "“第四条　市公园主管部门负责全市公园的管理。\n"
    "“区公园主管部门负责本区公园的管理。”"
)


def test_split_in_gbt_quotes_reads_as_the_closed_form() -> None:
    closed, failed_closed, _ = amend(SPLIT_CLOSED)
    gbt, failed_gbt, _ = amend(SPLIT_GBT)
    assert failed_closed == [] and failed_gbt == []
    assert labelled(gbt) == labelled(closed)
    assert labelled(gbt)[3] == (
        "第四条　市公园主管部门负责全市公园的管理。\n区公园主管部门负责本区公园的管理。"
    )
    assert len(gbt.articles()) == 8


def test_two_added_articles_in_gbt_quotes() -> None:
    items = (
        "一、增加两条，分别作为第三条、第四条：\n"
        "“第三条　公园应当推进智慧化建设。\n"
        "“第四条　公园管理单位应当保护游客个人信息。\n"
        "“游客信息不得用于其他目的。”"
    )
    got, failed, _ = amend(items)
    assert failed == []
    assert labelled(got)[2:5] == [
        "第三条　公园应当推进智慧化建设。",
        "第四条　公园管理单位应当保护游客个人信息。\n游客信息不得用于其他目的。",
        "第五条　公园实行分级管理。\n市公园主管部门负责全市公园的管理。",
    ]


def test_multi_paragraph_rewrite_reads_the_same_in_both_styles() -> None:
    gbt = "一、将第三条修改为：“公园实行市、区分级管理。\n“市公园主管部门负责全市公园的管理。”"
    closed = "一、将第三条修改为：“公园实行市、区分级管理。”\n“市公园主管部门负责全市公园的管理。”"
    a, fa, _ = amend(gbt)
    b, fb, _ = amend(closed)
    assert fa == fb == [] and labelled(a) == labelled(b)
    assert labelled(a)[2] == "第三条　公园实行市、区分级管理。\n市公园主管部门负责全市公园的管理。"


@pytest.mark.parametrize("closed", [False, True])
def test_added_chapter_with_its_articles_in_either_style(closed: bool) -> None:
    end = "”" if closed else ""
    items = (
        "一、在第六条后增加一章，作为第三章：“第三章　公园生态修复" + end + "\n"
        "“第七条　公园应当开展生态修复。" + end + "\n"
        "“第八条　生态修复方案应当公开征求意见。”"
    )
    got, failed, _ = amend(items)
    assert failed == []
    assert labelled(got)[6:] == [
        "第七条　公园应当开展生态修复。",
        "第八条　生态修复方案应当公开征求意见。",
        "第九条　本条例自2025年1月1日起施行。",
    ]
    headings = [u.heading for u in got.walk() if u.kind.is_heading]
    assert headings == ["总则", "管理", "公园生态修复", "附则"]


def test_added_chapter_from_the_tester(corpus: Path) -> None:
    """hand/qd_dec.txt item 五 (青岛): the GB/T form gives two new articles, later ones
    renumbered — not two lines of the heading and duplicate numbers."""
    text = (corpus / "local_qingdao_river_2020.md").read_text(encoding="utf-8")
    draft = parse_text(text).draft
    n = len(draft.articles())
    decision = read_decision(
        "对《青岛市河道管理条例》作如下修改：\n"
        "一、在第二十二条后增加一章，作为第四章：“第四章　河道生态修复\n"
        "“第二十三条　测试新增章中的第一条。\n"
        "“第二十四条　测试新增章中的第二条。”\n"
    )
    result = apply_decision(draft, decision)
    assert decision.unread == [] and result.failed == []
    got = labelled(result.draft)
    assert len(got) == n + 2 and len({g.split("　")[0] for g in got}) == n + 2
    assert got[22] == "第二十三条　测试新增章中的第一条。"
    assert got[24].startswith("第二十五条　在河道管理范围内，禁止下列行为")


@pytest.mark.parametrize(
    "clause",
    [
        "将第三条修改为：“公园实行分级管理。",
        "将第三条改为两条，作为第三条、第四条，修改为：\n“第三条　甲。\n“第四条　乙。",
        "将第一条中的“加强公园管理修改为“规范公园管理”",
        "将第一条中的加强”修改为“规范”",
    ],
)
def test_unpaired_quotes_say_so(clause: str) -> None:
    with pytest.raises(ValueError, match="引文的引号不成对"):
        read_clause(clause)


def test_split_whose_articles_cannot_be_found_says_what_was_expected() -> None:
    with pytest.raises(ValueError, match="找不到第四条"):
        read_clause(
            "将第三条改为两条，作为第三条、第四条，修改为：\n“第三条　甲。\n“第五条　乙。”"
        )


def test_unknown_form_says_what_was_expected() -> None:
    with pytest.raises(ValueError) as error:
        read_clause("把第一条写得更好一些")
    assert str(error.value) == UNKNOWN_FORM and "删去第X条" in UNKNOWN_FORM


# ---- F11: 将第X条改为第Y条，修改为 with a wrong Y ------------------------------------------


def test_rewrite_with_a_wrong_new_number_fails_and_writes_nothing() -> None:
    got, failed, _ = amend("一、将第三条改为第四条，修改为：“公园实行市、区两级管理。”")
    assert failed == [
        (
            "将第三条改为第四条，修改为：“公园实行市、区两级管理。”",
            "按本决定调整条文顺序后，原第三条为第三条，不是第四条",
        )
    ]
    assert labelled(got)[2].startswith("第三条　公园实行分级管理。")


def test_rewrite_with_the_right_new_number_applies() -> None:
    got, failed, _ = amend(
        "一、增加一条，作为第一条：“公园是公益性设施。”\n"
        "二、将第三条改为第四条，修改为：“公园实行市、区两级管理。”"
    )
    assert failed == []
    assert labelled(got)[3] == "第四条　公园实行市、区两级管理。"


# ---- F12: published forms and drafter variants ---------------------------------------------


def test_respectively_form() -> None:
    got, failed, _ = amend(
        "一、将第五条中的“发展和改革”、“住房和城乡建设”分别修改为“发展改革”、“住房城乡建设”。"
    )
    assert failed == []
    assert labelled(got)[4] == "第五条　发展改革、住房城乡建设等部门按照职责做好公园工作。"


def test_respectively_with_unequal_counts_fails_saying_so() -> None:
    with pytest.raises(ValueError, match="分别修改为.*数目不符"):
        read_clause("将第五条中的“发展和改革”、“住房和城乡建设”分别修改为“发展改革”")


def test_delete_a_whole_chapter() -> None:
    got, failed, _ = amend("一、删去第二章。")
    assert failed == []
    assert [g.split("　")[0] for g in labelled(got)] == ["第一条", "第二条", "第三条", "第四条"]
    assert [u.heading for u in got.walk() if u.kind.is_heading] == ["总则", "附则"]


def test_two_items_rewritten_in_one_clause_in_both_styles() -> None:
    for quoted in ("“（二）损毁花草树木；\n“（四）攀爬雕塑、围栏。”",
                   "“（二）损毁花草树木；”“（四）攀爬雕塑、围栏。”"):  # fmt: skip
        got, failed, _ = amend(f"一、将第四条第二项、第四项修改为：{quoted}")
        assert failed == []
        assert labelled(got)[3].split("\n")[2::2] == ["（二）损毁花草树木；", "（四）攀爬雕塑、围栏。"]


def test_two_items_whose_labels_are_missing_fail() -> None:
    with pytest.raises(ValueError, match="项号"):
        read_clause("将第四条第二项、第四项修改为：“（二）损毁花草树木；\n“攀爬雕塑。”")


@pytest.mark.parametrize(
    ("variant", "committee"),
    [
        ("删除第六条", "删去第六条"),
        ("第三条增加一款，作为第三款：“公园实行免费开放。”",
         "在第三条中增加一款，作为第三款：“公园实行免费开放。”"),
        ("在第一条中的“制定本条例”之前增加“，”", "在第一条中的“制定本条例”前增加“，”"),
        ("在第一条中的“公园管理”之后增加“和服务”", "在第一条中的“公园管理”后增加“和服务”"),
        ("在第三条中增加一款作为第三款：“公园实行免费开放。”",
         "在第三条中增加一款，作为第三款：“公园实行免费开放。”"),
    ],
)  # fmt: skip
def test_drafter_variants_read_as_the_committee_form(variant: str, committee: str) -> None:
    assert read_clause(variant) == read_clause(committee)
    got, failed, _ = amend(f"一、{variant}。")
    want, _, _ = amend(f"一、{committee}。")
    assert failed == [] and labelled(got) == labelled(want) != labelled(old())


def test_quoted_words_are_never_read_as_variants() -> None:
    [ins] = read_clause("将第一条中的“删除”修改为“删去”")
    assert (ins.old, ins.new) == ("删除", "删去")
    [ins] = read_clause("在第一条中的“之前增加”后增加“甲”")
    assert ins.old == "之前增加"


def test_replace_and_then_delete_in_one_clause() -> None:
    got, failed, _ = amend("一、将第五条中的“发展和改革”修改为“发展改革”，并删去“等部门”。")
    assert failed == []
    assert labelled(got)[4] == "第五条　发展改革、住房和城乡建设按照职责做好公园工作。"


def test_two_paragraphs_merged_into_one() -> None:
    got, failed, _ = amend("一、将第三条第一款与第二款合并为一款。")
    assert failed == []
    assert labelled(got)[2] == "第三条　公园实行分级管理。市公园主管部门负责全市公园的管理。"
    got, failed, _ = amend(
        "一、将第三条第一款与第二款合并为一款，修改为：“公园实行分级管理，由市公园主管部门负责。”"
    )
    assert failed == [] and labelled(got)[2] == "第三条　公园实行分级管理，由市公园主管部门负责。"


def test_merged_paragraphs_must_be_of_one_article() -> None:
    _got, failed, _ = amend("一、将第一条第一款与第二款合并为一款。")
    assert failed and "没有第二款" in failed[0][1]


def test_new_instruction_forms_render_and_read_back() -> None:
    """The words the program writes for the forms added here read back to the same
    instruction (the round trip a drafted decision relies on)."""
    cases = [
        Instruction(MERGE, (Place("第三条", 1), Place("第三条", 2))),
        Instruction(MERGE, (Place("第三条", 1), Place("第三条", 2)), texts=("甲。",)),
        Instruction(REPLACE, (), old="绿色客厅", new="会客厅", anchor="序言"),
        Instruction(REWRITE, (Place("第四条", 0, 2),), texts=("（二）甲；",)),
    ]
    for ins in cases:
        assert read_clause(render(ins)) == [ins], render(ins)


def test_ascii_marks_are_read_with_a_warning() -> None:
    items = (
        '一、将第一条中的"加强公园管理"修改为"规范公园管理"。\n'
        '二、将第二条修改为:"本条例适用于本市行政区域内的公园。"\n'
        "三、删去第六条.\n"
        "四、将第五条中的“发展和改革”修改为‘发展改革’。"
    )
    got, failed, warnings = amend(items)
    assert failed == []
    assert labelled(got)[:2] == [
        "第一条　为了规范公园管理，制定本条例。",
        "第二条　本条例适用于本市行政区域内的公园。",
    ]
    assert len(got.articles()) == 6 and "发展改革、" in labelled(got)[4]
    assert warnings == [
        '修改决定第一项中的半角引号""已按“”读取，请核对',
        '修改决定第二项中的半角引号""已按“”读取，半角冒号:已按：读取，请核对',
        "修改决定第三项中的半角句点.已按。读取，请核对",
        "修改决定第四项中的单引号‘’已按“”读取，请核对",
    ]


def test_ascii_marks_inside_the_quoted_words_stay() -> None:
    """A law printed with half-width marks keeps them: “下列事项只能制定法律:” is quoted as
    printed, and the : inside it is the law's."""
    decision = read_decision(
        HEAD + "一、将第四条修改为：“公园内禁止下列行为:\n“（一）乱扔垃圾。”" + TAIL
    )
    assert decision.warnings == []
    assert decision.instructions[0].texts == ("公园内禁止下列行为:\n（一）乱扔垃圾。",)


# ---- F18: phrases in the 序言 --------------------------------------------------------------


def test_phrase_forms_in_the_preamble() -> None:
    for items, want in [
        ("一、将序言中的“绿色客厅”修改为“会客厅”。", "公园是城市的会客厅，是市民休憩的场所。"),
        ("一、删去序言中的“绿色”。", "公园是城市的客厅，是市民休憩的场所。"),
        ("一、在序言中的“市民”后增加“和游客”。", "公园是城市的绿色客厅，是市民和游客休憩的场所。"),
    ]:  # fmt: skip
        got, failed, _ = amend(items)
        assert failed == [], items
        assert got.preamble is not None and got.preamble.paragraphs == [want]
        assert labelled(got) == labelled(old())


def test_preamble_phrase_that_is_not_there_fails() -> None:
    _got, failed, _ = amend("一、将序言中的“会客厅”修改为“客厅”。")
    assert failed == [("将序言中的“会客厅”修改为“客厅”", "序言中没有“会客厅”")]
    bare = parse_text(TEXT.replace("序言\n\n公园是城市的绿色客厅，是市民休憩的场所。\n\n", "")).draft
    result = apply_decision(bare, read_decision(HEAD + "一、删去序言中的“绿色”。" + TAIL))
    assert [r for _i, r in result.failed] == ["原文没有序言"]


# ---- F9: a decision for another regulation -------------------------------------------------


@pytest.mark.parametrize(
    ("named", "title", "matches"),
    [
        ("某市公园条例", "某市公园条例", True),
        ("某市公园条例", "某市公园条例（草案）", True),
        ("某市公园条例", "某市公园条例（修订草案）", True),
        ("某市公园条例", "某市公园条例（修订）", True),
        ("某市公园条例", "某市公园条例修订草案", True),
        ("某市 公园条例", "某市公园条例", True),
        ("全国人民代表大会常务委员会关于〈某事〉的决定", "全国人民代表大会常务委员会关于《某事》的决定", True),
        ("中华人民共和国立法法", "立法法", True),
        ("宁波市河道管理条例", "杭州市公园管理条例", False),
        ("某市公园条例", "某市公园管理条例", False),
    ],
)  # fmt: skip
def test_title_comparison(named: str, title: str, matches: bool) -> None:
    text = f"关于修改《{named}》的决定\n一、删去第六条。\n"
    assert named_title(text) == named
    assert names_another(named_title(text), title) is not matches


def test_amend_refuses_a_decision_for_another_regulation(tmp_path: Path) -> None:
    old_file = tmp_path / "原文.md"
    old_file.write_text(TEXT, encoding="utf-8")
    decision = tmp_path / "决定.txt"
    decision.write_text("对《宁波市河道管理条例》作如下修改：\n一、删去第五条。\n", encoding="utf-8")
    out = tmp_path / "新.md"
    for extra in ([], ["--json"]):
        run = run_app("amend", str(old_file), str(decision), "--out", str(out), *extra)
        assert run.returncode == 1 and not out.exists()
        assert "《宁波市河道管理条例》，而当前稿次是《某市公园条例》" in run.stderr
        assert "--other-title" in run.stderr
    run = run_app("amend", str(old_file), str(decision), "--out", str(out), "--json", "--other-title")
    assert run.returncode == 0 and out.exists()
    data = json.loads(run.stdout)
    assert data["applied"] == ["删去第五条"]
    assert data["warnings"][0].startswith("修改决定修改的是《宁波市河道管理条例》")


def test_decisions_without_a_title_and_amendments_still_apply(tmp_path: Path, corpus: Path) -> None:
    old_file = tmp_path / "原文.md"
    old_file.write_text(TEXT, encoding="utf-8")
    decision = tmp_path / "决定.txt"
    decision.write_text("一、删去第五条。\n", encoding="utf-8")
    out = tmp_path / "新.md"
    assert run_app("amend", str(old_file), str(decision), "--out", str(out)).returncode == 0
    amendment = (corpus / "amendment_criminal_law_12_2023_flk.txt").read_text("utf-8")
    assert not names_another(named_title(amendment), "中华人民共和国刑法")


# ---- F14 / F20 / F21: messages, order, exit status, output format --------------------------


def test_failed_in_decision_order_with_item_numbers_and_chinese_numerals(tmp_path: Path) -> None:
    old_file = tmp_path / "原文.md"
    old_file.write_text(TEXT, encoding="utf-8")
    decision = tmp_path / "决定.txt"
    decision.write_text(
        HEAD
        + "一、将第九十九条修改为：“测试。”\n"
        + "二、将第三条第九款中的“管理”修改为“治理”。\n"
        + "三、把第一条写得更好一些。\n"
        + "四、在第五十条后增加一条，作为第五十一条：“测试条文。”\n"
        + "五、删去第六条。\n"
        + TAIL,
        encoding="utf-8",
    )
    out = tmp_path / "新.md"
    run = run_app("amend", str(old_file), str(decision), "--out", str(out), "--json")
    assert run.returncode == 0
    failed = json.loads(run.stdout)["failed"]
    assert [(f["item"], f["reason"]) for f in failed] == [
        ("一", "原文没有第九十九条"),
        ("二", "第三条没有第九款"),
        ("三", UNKNOWN_FORM),
        ("四", "原文没有第五十条"),
    ]
    assert all(set(f) >= {"instruction", "reason", "item"} for f in failed)
    plain = run_app("amend", str(old_file), str(decision), "--out", str(out))
    assert plain.returncode == 0
    lines = [line for line in plain.stdout.splitlines() if "未执行" in line]
    assert [line.split("：", 1)[1][:2] for line in lines] == ["一、", "二、", "三、", "四、"]
    assert "第9款" not in plain.stdout and "第51条" not in plain.stdout


def test_exit_status_is_the_same_with_and_without_json(tmp_path: Path, corpus: Path) -> None:
    old_file = tmp_path / "原文.md"
    old_file.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "新.md"
    partial = tmp_path / "部分.txt"
    partial.write_text(HEAD + "一、删去第六条。\n二、删去第九十条。\n", encoding="utf-8")
    regulation = corpus / "local_rizhao_park_2021.md"  # a regulation given as the decision
    for decision, code in ((regulation, 1), (partial, 0)):
        for strict in ([], ["--strict"]):
            plain = run_app("amend", str(old_file), str(decision), "--out", str(out), *strict)
            js = run_app("amend", str(old_file), str(decision), "--out", str(out), "--json", *strict)
            assert plain.returncode == js.returncode == (1 if strict and decision is partial else code)


@pytest.mark.parametrize("name", ["新.pdf", "新.html", "新"])
def test_unknown_output_suffix_is_refused_before_any_work(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    run = run_app("amend", str(tmp_path / "不存在.md"), str(tmp_path / "不存在.txt"), "--out", str(out))
    assert run.returncode == 1 and not out.exists()
    assert "不支持的输出格式" in run.stderr and ".md、.txt 或 .docx" in run.stderr


def test_oversized_file_message_does_not_read_as_within_the_cap(tmp_path: Path) -> None:
    from drafting.errors import ParseError
    from drafting.read.textfile import check_file

    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1024)
    with pytest.raises(ParseError) as error:
        check_file(big)
    assert "50.001 MB，超过 50 MB 的上限" in str(error.value)


def test_other_clauses_saying_a_wrong_new_number_warn() -> None:
    """将第三条改为第四条，删去第二款 where 第三条 stays 第三条: the 款 goes (the clause names
    the article by its old number) and the drafter is told the number said is wrong."""
    got, failed, warnings = amend("一、将第三条改为第四条，删去第二款。")
    assert failed == []
    assert labelled(got)[2] == "第三条　公园实行分级管理。"
    assert warnings == [
        "“将第三条改为第四条，删去第二款”：按本决定调整条文顺序后，原第三条为第三条，"
        "不是第四条（已按原第三条执行）"
    ]
    _got, _failed, warnings = amend(
        "一、增加一条，作为第一条：“公园是公益性设施。”\n二、将第三条改为第四条，删去第二款。"
    )
    assert warnings == []


def test_added_after_an_article_added_by_the_same_decision() -> None:
    got, failed, _ = amend(
        "一、增加一条，作为第八条：“甲。”\n二、在第八条后增加一条，作为第九条：“乙。”"
    )
    assert failed == [] and labelled(got)[-2:] == ["第八条　甲。", "第九条　乙。"]


def test_quotation_paragraph_without_its_opening_mark_is_read_with_a_warning() -> None:
    """A paragraph typed without its opening “ used to end the items there: every later item
    was dropped without a word."""
    got, failed, warnings = amend(
        "一、将第三条修改为：“公园实行市、区分级管理。\n市公园主管部门负责全市公园的管理。”\n"
        "二、删去第六条。"
    )
    assert failed == [] and len(got.articles()) == 6
    assert labelled(got)[2] == "第三条　公园实行市、区分级管理。\n市公园主管部门负责全市公园的管理。"
    assert warnings == [
        "修改决定第一项引文中的“市公园主管部门负责全市公”一段未以“开头，已按引文的下一段读取，请核对"
    ]
