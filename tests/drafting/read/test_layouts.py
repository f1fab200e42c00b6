"""The reader's layouts, each as a kind with its right value and its warning (issue 10)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafting.edit.checks import apply_fix, run_checks
from drafting.exchange.akoma_ntoso import from_akn, to_akn
from drafting.model.matter import Table
from drafting.model.numbering import article_body, compute_numbers
from drafting.model.units import Draft, Numbering, UnitKind
from drafting.read.parse import ParseResult, parse_file, parse_text
from drafting.write.plain_text import render_text
from drafting.write.text_docx import export_docx
from storage.library import Library
from tests.drafting.docx_fixtures import add_tracked_run


def _bodies(draft: Draft) -> list[str]:
    return [article_body(a) for a in draft.articles()]


def _headings(draft: Draft) -> list[tuple[str, str, str]]:
    numbers = compute_numbers(draft)
    return [
        (u.kind.value, numbers[u.uid].label, u.heading) for u in draft.walk() if u.kind.is_heading
    ]


def _warned(result: ParseResult, words: str) -> bool:
    return any(words in w.message for w in result.warnings)


# ---- title, 目录 --------------------------------------------------------------------------------


def test_title_over_two_lines_keeps_both_lines_and_the_title_note() -> None:
    text = "中华人民共和国外国中央银行\n财产司法强制措施豁免法\n\n（2005年10月25日通过）\n\n第一条　甲。\n第二条　乙。\n"
    result = parse_text(text)
    assert result.draft.title == "中华人民共和国外国中央银行财产司法强制措施豁免法"
    assert result.draft.title_note == "2005年10月25日通过"
    assert _warned(result, "标题跨两行")


def test_toc_without_the_word_is_skipped_and_body_headings_take_its_numbers() -> None:
    text = (
        "条例\n\n第一章 总 则\n第二章 规划管理\n第三章 附 则\n\n总 则\n\n第一条　甲。\n\n规划管理\n\n"
        "第二条　乙。\n\n第三章 附 则\n\n第三条　施行。\n"
    )
    result = parse_text(text)
    assert _headings(result.draft) == [
        ("chapter", "第一章", "总则"),
        ("chapter", "第二章", "规划管理"),
        ("chapter", "第三章", "附则"),
    ]
    assert _warned(result, "已按目录读作第一章")


def test_toc_with_the_word_followed_by_an_article_before_the_first_chapter() -> None:
    text = "条例\n\n目录\n\n第一章　总则\n第二章　附则\n\n第一条　甲。\n\n第一章　总则\n\n第二条　乙。\n\n第二章　附则\n\n第三条　丙。\n"
    draft = parse_text(text).draft
    assert _headings(draft) == [("chapter", "第一章", "总则"), ("chapter", "第二章", "附则")]
    assert len(draft.articles()) == 3


def test_toc_with_the_word_is_skipped() -> None:
    text = "条例\n\n目　　录\n\n第一章　总则\n第二章　附则\n\n第一章　总则\n\n第一条　甲。\n\n第二章　附则\n\n第二条　乙。\n"
    assert _headings(parse_text(text).draft) == [
        ("chapter", "第一章", "总则"),
        ("chapter", "第二章", "附则"),
    ]


# ---- headings ------------------------------------------------------------------------------------


def test_chapter_title_starting_with_a_quote() -> None:
    text = "条例\n\n第一章 总则\n\n第一条　甲。\n\n第二章“上海文化”品牌建设\n\n第二条　乙。\n"
    draft = parse_text(text).draft
    assert _headings(draft)[1] == ("chapter", "第二章", "“上海文化”品牌建设")
    assert _bodies(draft)[0] == "甲。"


def test_unnumbered_section_under_a_chapter_is_a_section_not_glued_to_the_title() -> None:
    text = (
        "条例\n\n第一章　总则\n\n一般规定\n\n第一条　甲。\n\n第二节　特别规定\n\n第二条　乙。\n\n"
        "第二章　附则\n\n第三条　丙。\n"
    )
    result = parse_text(text)
    assert _headings(result.draft) == [
        ("chapter", "第一章", "总则"),
        ("section", "", "一般规定"),
        ("section", "第二节", "特别规定"),
        ("chapter", "第二章", "附则"),
    ]
    assert _warned(result, "缺少编号的节")


def test_title_repeat_and_title_note_fragment_are_not_chapters() -> None:
    text = (
        "某市公园条例\n\n某市公园条例\n\n（2020年1月1日某市人民代表大会常务委员会第九次会议通过）\n\n"
        "第一条　甲。\n第二条　乙。\n"
    )
    result = parse_text(text)
    draft = result.draft
    assert _headings(draft) == []
    assert "第九次会议通过" in draft.title_note
    assert _warned(result, "重复了标题")

    fragment = "条例\n\n第一章　总则\n\n第一条　甲。\n\n第十八次会议通过）\n\n第二章　附则\n\n第二条　乙。\n"
    result = parse_text(fragment.replace("第十八次会议通过）", "常务委员会第十八次会议通过）"))
    assert [h[1] for h in _headings(result.draft)] == ["第一章", "第二章"]
    assert "常务委员会第十八次会议通过" in result.draft.title_note
    assert _warned(result, "是题注的一部分")


def test_a_formula_line_is_not_a_heading() -> None:
    text = "条例\n\n第一条　应纳税额按照下列公式计算：\n\n应纳税额＝计税依据×适用税率\n\n第二条　施行。\n"
    draft = parse_text(text).draft
    assert _headings(draft) == []
    assert _bodies(draft)[0] == "应纳税额按照下列公式计算：\n应纳税额＝计税依据×适用税率"


# ---- articles ------------------------------------------------------------------------------------


def test_label_typo_repaired_from_the_gap() -> None:
    text = "条例\n\n第三十条　甲。\n\n第三十－条　乙。\n\n丙。\n\n第三十二条　丁。\n"
    result = parse_text(text)
    labels = [compute_numbers(result.draft)[a.uid].label for a in result.draft.articles()]
    assert labels == ["第三十条", "第三十一条", "第三十二条"]
    assert _bodies(result.draft)[1] == "乙。\n丙。"
    assert _warned(result, "“第三十－条”有误，按前后条文读作第三十一条")


def test_label_typo_without_a_certain_gap_is_an_article_by_position() -> None:
    # Printed as an article label: never folded into the 款 before, the doubt is warned.
    text = "条例\n\n第三十条　甲。\n\n第三十－条　乙。\n\n第三十一条　丁。\n"
    result = parse_text(text)
    assert _bodies(result.draft) == ["甲。", "乙。", "丁。"]
    assert _warned(result, "第5行条文编号“第三十－条”有误，按位置读作第三十一条，请核对")


@pytest.mark.parametrize(
    ("printed", "where"),
    [
        ("第十－条", "last"),
        ("第十-条", "last"),
        ("第十 一条", "last"),
        ("第十一 条", "ok"),
        ("第十－条", "middle"),
        ("第－条", "first"),
    ],
)
def test_an_article_label_with_a_stray_character_is_an_article(printed: str, where: str) -> None:
    """第<numerals with one stray character>条 at the head of a line: the article its position
    gives, the label kept as printed, a warning naming the line; never a 款 or the 序言."""
    from drafting.read.parse import parse_text as parse

    body = [f"第{n}条　内容{n}。" for n in "一二三四五六七八九十"]
    if where == "first":
        lines = [f"{printed}　开头。", *body[1:]]
        at, position = 0, "第一条"
    elif where == "middle":
        lines = [*body[:10], f"{printed}　中间。", "第十二条　末尾。"]
        at, position = 10, "第十一条"
    else:
        lines = [*body, f"{printed}　本条例自2021年1月1日起施行。"]
        at, position = 10, "第十一条"
    text = "某市条例\n\n" + "\n\n".join(lines) + "\n"
    result = parse(text)
    articles = result.draft.articles()
    assert len(articles) == len(lines)
    assert result.draft.preamble is None
    numbers = compute_numbers(result.draft)
    assert numbers[articles[at].uid].label == position or where == "ok"
    line_no = 3 + 2 * at
    if where != "ok":
        assert result.printed_labels[articles[at].uid] == printed
        assert _warned(result, f"第{line_no}行条文编号“{printed}”有误")


def test_articles_run_together_on_one_line_are_split() -> None:
    text = "规则\n\n第一条　甲。 第二条　乙，依照第三条办理。 第三条　丙。\n\n第四条　丁。\n"
    result = parse_text(text)
    assert _bodies(result.draft) == ["甲。", "乙，依照第三条办理。", "丙。", "丁。"]
    assert _warned(result, "连写了 3 条")


def test_pdf_hard_line_breaks_are_joined_only_inside_a_sentence() -> None:
    text = (
        "条例\n\n第一条　民用航空器权利人享有占有民用航空器\n的权利；\n（一）占有\n的权利；\n"
        "（二）使用的权利。\n本条所称权利，\n依照下列规定：\n第二条　施行。\n"
    )
    result = parse_text(text)
    assert _bodies(result.draft)[0] == (
        "民用航空器权利人享有占有民用航空器的权利；\n（一）占有的权利；\n（二）使用的权利。\n"
        "本条所称权利，依照下列规定："
    )
    assert sum("句中断行" in w.message for w in result.warnings) == 3


# ---- preamble, appendices, tables ------------------------------------------------------------------


def test_preamble_with_its_heading_and_an_introductory_paragraph() -> None:
    draft = parse_text("宪法\n\n序言\n\n中国是…国家。\n\n第一章　总纲\n\n第一条　甲。\n").draft
    assert draft.preamble is not None
    assert (draft.preamble.heading, draft.preamble.paragraphs) == ("序言", ["中国是…国家。"])
    assert _headings(draft) == [("chapter", "第一章", "总纲")]
    intro = parse_text("解释\n\n为正确审理案件，制定本解释。\n\n第一条　甲。\n")
    assert intro.draft.preamble is not None
    assert intro.draft.preamble.paragraphs == ["为正确审理案件，制定本解释。"]
    assert _warned(intro, "作为序言")


def test_appendices_with_titles_paragraphs_and_tables() -> None:
    text = (
        "税法\n\n第一条　甲。\n\n第二条　本法自公布之日起施行。\n\n附：\n\n资源税税目税率表\n\n"
        "能源矿产　原油　原矿　6%\n\n附件2：说明\n\n| 税目 | 税率 |\n|---|---|\n| 煤 | 2% |\n\n说明文字。\n"
    )
    result = parse_text(text)
    draft = result.draft
    assert _bodies(draft)[1] == "本法自公布之日起施行。"
    first, second = draft.appendices
    assert (first.label, first.title) == ("附：", "资源税税目税率表")
    assert [t.texts() for t in first.tables] == [[["能源矿产", "原油", "原矿", "6%"]]]
    assert (second.label, second.title) == ("附件2：", "说明")
    assert [t.texts() for t in second.tables] == [[["税目", "税率"], ["煤", "2%"]]]
    assert second.paragraphs == ["说明文字。"]


def test_preamble_and_appendices_round_trip_through_text_akn_library_and_docx(
    tmp_path: Path,
) -> None:
    text = "法\n\n序言\n\n前言文字。\n\n第一条　甲。\n\n附件\n\n国徽图案\n\n| 甲 | 乙 |\n| 丙 | 丁 |\n\n说明。\n"
    draft = parse_text(text).draft
    canonical = render_text(draft)
    assert render_text(parse_text(canonical).draft) == canonical
    assert render_text(from_akn(to_akn(draft))) == canonical
    with Library.open(tmp_path / "lib.sqlite", create=True) as library:
        version = library.import_draft(draft)
        assert render_text(library.load_draft(version.id)) == canonical
        copy = library.snapshot(version.id, label="二稿")
        assert render_text(library.load_draft(copy.id)) == canonical
    out = tmp_path / "out.docx"
    export_docx(draft, out)
    assert docx.Document(str(out)).tables[0].rows[1].cells[1].text == "丁"
    back = parse_file(out).draft
    assert back.appendices[0].tables == [Table.of([["甲", "乙"], ["丙", "丁"]])]
    assert back.preamble is not None and back.preamble.paragraphs == ["前言文字。"]


# ---- .docx tracked changes ---------------------------------------------------------------------------


def test_docx_with_pending_tracked_changes_is_warned_and_read_either_way(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("条例")
    paragraph = document.add_paragraph("第一条　本条例自")
    add_tracked_run(paragraph, "2020年", "del")
    add_tracked_run(paragraph, "2021年", "ins")
    paragraph.add_run("起施行。")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    accepted = parse_file(path)
    assert _bodies(accepted.draft) == ["本条例自2021年起施行。"]
    assert _warned(accepted, "2 处未处理的修订")
    original = parse_file(path, revisions="original")
    assert _bodies(original.draft) == ["本条例自2020年起施行。"]
    assert _warned(original, "原文（修订前）")


# ---- characters as printed -----------------------------------------------------------------------


def test_label_form_check_offers_the_house_style_as_a_fix() -> None:
    draft = parse_text("条例\n\n第一条　下列：\n(一)甲；\n(二)乙。\n").draft
    findings = [f for f in run_checks(draft) if f.rule == "label.form"]
    assert [(f.text, f.fix) for f in findings] == [("(一)", "（一）"), ("(二)", "（二）")]
    for finding in findings:
        apply_fix(draft, finding)
    assert _bodies(draft) == ["下列：\n（一）甲；\n（二）乙。"]
    assert all(u.numbering is Numbering.REGULAR for u in draft.walk() if u.kind is UnitKind.ITEM)


def test_text_punctuation_is_kept_as_printed() -> None:
    draft = parse_text("条例\n\n第一条　有下列情形之一的:\n1、甲;\n2、乙.\n").draft
    assert "有下列情形之一的:" in _bodies(draft)[0]


def test_table_inside_an_article_belongs_to_its_lead_in_and_round_trips(tmp_path: Path) -> None:
    text = (
        "税法\n\n第一条　税目税额如下：\n\n| 税目 | 税额 |\n|---|---|\n| 乘用车 | 60元 |\n\n"
        "前款规定的税额可以调整。\n\n第二条　施行。\n"
    )
    result = parse_text(text)
    draft = result.draft
    lead, after = draft.articles()[0].children
    assert lead.text == "税目税额如下："
    assert lead.table == Table.of([["税目", "税额"], ["乘用车", "60元"]])
    assert after.text == "前款规定的税额可以调整。"
    assert _warned(result, "表格")
    canonical = render_text(draft)
    assert "税目税额如下：\n| 税目 | 税额 |\n| 乘用车 | 60元 |\n前款" in canonical
    assert render_text(parse_text(canonical).draft) == canonical
    assert render_text(from_akn(to_akn(draft))) == canonical
    with Library.open(tmp_path / "lib.sqlite", create=True) as library:
        loaded = library.load_draft(library.import_draft(draft).id)
    assert loaded.articles()[0].children[0].table == lead.table
    exported = tmp_path / "exported.docx"
    export_docx(draft, exported)
    assert [[c.text for c in r.cells] for r in docx.Document(str(exported)).tables[0].rows] == [
        ["税目", "税额"],
        ["乘用车", "60元"],
    ]
    assert render_text(parse_file(exported).draft) == canonical
    out = tmp_path / "t.docx"
    document = docx.Document()
    for line in ("税法", "第一条　税目税额如下："):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["税目", "税额"], ["乘用车", "60元"]]):
        for c, words in enumerate(row):
            table.cell(r, c).text = words
    document.add_paragraph("第二条　施行。")
    document.save(str(out))
    assert parse_file(out).draft.articles()[0].children[0].table == lead.table


def test_a_whole_title_takes_no_second_line_and_a_chapter_like_the_title_stays() -> None:
    text = "某市历史文化名城保护条例\n总则\n第一条　甲。\n\n历史文化名城保护\n\n第二条　乙。\n"
    draft = parse_text(text).draft
    assert draft.title == "某市历史文化名城保护条例"
    assert [h[2] for h in _headings(draft)] == ["总则", "历史文化名城保护"]


def test_article_that_lost_its_label_under_a_heading_is_read_from_the_gap() -> None:
    text = "条例\n\n第一章　总则\n\n第一条　甲。\n\n第二章　管理\n\n乙。\n\n丙。\n\n第三条　丁。\n"
    result = parse_text(text)
    assert _bodies(result.draft) == ["甲。", "乙。\n丙。", "丁。"]
    assert _warned(result, "前缺少条文编号，按前后条文作为第二条读入")
    no_gap = parse_text(text.replace("第三条", "第二条"))
    assert len(no_gap.draft.articles()) == 2
    assert _warned(no_gap, "不在任何条文之内")


def test_page_numbers_of_a_pdf_copy_are_dropped_and_the_sentence_joins_across() -> None:
    text = "条例\n\n第一条　民用航空器权利人享有占有民用航空器\n— 3 —\n的权利。\n第二条　施行。\n"
    result = parse_text(text)
    assert _bodies(result.draft) == ["民用航空器权利人享有占有民用航空器的权利。", "施行。"]
    assert _warned(result, "页码“— 3 —”已略去")


def test_a_last_line_without_its_full_stop_stays_in_its_article() -> None:
    text = "条例\n\n第一条　甲。\n\n第二条　乙。\n\n本条例自2020年1月1日起施行\n\n第三条　丙。\n"
    result = parse_text(text)
    assert _headings(result.draft) == []
    assert result.draft.title_note == ""
    assert _bodies(result.draft)[1] == "乙。\n本条例自2020年1月1日起施行"
