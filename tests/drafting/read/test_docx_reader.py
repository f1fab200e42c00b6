"""docx_lines: real .docx files written with python-docx (plus raw numbering XML) and read back."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafting.errors import ParseError
from drafting.model.numerals import to_chinese
from drafting.read.docx_lines import OLE_SIGNATURE, docx_lines, format_number
from tests.drafting.docx_fixtures import (
    LEGAL_LEVELS,
    W_NS,
    Level,
    abstract_num,
    add_numbered_style,
    add_tracked_run,
    delete_paragraph_mark,
    legal_numbering_xml,
    make_numbered_docx,
    num,
    numbering_xml,
    set_num_pr,
    set_numbering,
)

S = "\u3000"


def _save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


# --- plain typed text ----------------------------------------------------------------------


def test_plain_paragraphs_come_back_as_typed(tmp_path: Path) -> None:
    lines = [
        "某某市物业管理条例",
        "（2026年1月1日某某市第十六届人民代表大会常务委员会第一次会议通过）",
        "",
        "第一章　总则",
        "第一条　为了规范物业管理活动，制定本条例。",
        "　　本条例所称物业，是指房屋及配套设施。",
        "（一）业主；",
        "1.子项",
        "",
    ]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    assert docx_lines(_save(document, tmp_path / "plain.docx")) == lines


def test_line_breaks_tabs_and_symbols(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一条　甲")
    run = paragraph.add_run()
    run.add_break()  # w:br: a new line
    run.add_text("乙\t丙")
    for name, attrs in (("w:noBreakHyphen", {}), ("w:sym", {"w:font": "Symbol", "w:char": "2605"})):
        element = OxmlElement(name)
        for key, value in attrs.items():
            element.set(qn(key), value)
        run._r.append(element)
    assert docx_lines(_save(document, tmp_path / "br.docx")) == ["第一条　甲", "乙 丙-★"]


def test_page_break_does_not_make_an_empty_line(tmp_path: Path) -> None:
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    paragraph = document.add_paragraph("第一章　总则")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("第一条　正文")
    assert docx_lines(_save(document, tmp_path / "page.docx")) == ["第一章　总则", "第一条　正文"]


def test_tables_read_row_by_row_cell_by_cell(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("目录")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "第一章　总则"
    table.cell(0, 1).text = "1"
    table.cell(1, 0).text = "第二章　管理"
    table.cell(1, 1).paragraphs[0].text = "3"
    table.cell(1, 1).add_paragraph("续")
    document.add_paragraph("第一条　正文")
    assert docx_lines(_save(document, tmp_path / "table.docx")) == [
        "目录", "第一章　总则", "1", "第二章　管理", "3", "续", "第一条　正文",
    ]  # fmt: skip


def test_headers_footers_comments_and_hidden_text_are_left_out(tmp_path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉：征求意见稿"
    section.footer.paragraphs[0].text = "— 1 —"
    paragraph = document.add_paragraph()
    run = paragraph.add_run("第一条　正文")
    hidden = paragraph.add_run("（隐藏的批注草稿）")
    hidden.font.hidden = True
    document.add_comment(run, text="建议修改", author="专家")
    footnote_ref = OxmlElement("w:r")
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "1")
    footnote_ref.append(ref)
    paragraph._p.append(footnote_ref)
    assert docx_lines(_save(document, tmp_path / "extras.docx")) == ["第一条　正文"]


def test_field_codes_ignored_field_results_kept(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一章　总则 ")
    for kind, text in (("begin", None), ("instr", " PAGEREF _Toc1 \\h "), ("separate", None),
                       ("text", "3"), ("end", None)):  # fmt: skip
        run = OxmlElement("w:r")
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)
        paragraph._p.append(run)
    assert docx_lines(_save(document, tmp_path / "field.docx")) == ["第一章　总则 3"]


def test_content_controls_and_hyperlinks_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    sdt = parse_xml(
        f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>目录</w:t></w:r></w:p>"
        '<w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:t>第一章　总则</w:t></w:r></w:hyperlink></w:p>'
        "</w:sdtContent></w:sdt>"
    )
    body.insert(0, sdt)
    document.add_paragraph("第一章　总则")
    assert docx_lines(_save(document, tmp_path / "sdt.docx")) == [
        "目录",
        "第一章　总则",
        "第一章　总则",
    ]


def test_tracked_changes_insertions_kept_deletions_dropped(tmp_path: Path) -> None:
    document = docx.Document()
    set_numbering(document, legal_numbering_xml())
    first = document.add_paragraph("为了规范")
    set_num_pr(first, 1, 0)
    add_tracked_run(first, "物业", "del")
    add_tracked_run(first, "公园", "ins")
    first.add_run("管理。")
    # A whole article deleted as a tracked change: its text and its number disappear.
    gone = document.add_paragraph()
    set_num_pr(gone, 1, 0)
    add_tracked_run(gone, "删去的条文。", "del")
    delete_paragraph_mark(gone)
    last = document.add_paragraph("本条例自公布之日起施行。")
    set_num_pr(last, 1, 0)
    assert docx_lines(_save(document, tmp_path / "tracked.docx")) == [
        f"第一条{S}为了规范公园管理。",
        f"第二条{S}本条例自公布之日起施行。",
    ]


# --- Word automatic numbering ----------------------------------------------------------------


def test_articles_and_items_from_numbering(tmp_path: Path) -> None:
    path = make_numbered_docx(
        tmp_path / "legal.docx",
        [
            ("第一章　总则", None, 0),
            ("为了加强公园管理，制定本条例。", 1, 0),
            ("有下列情形之一的，不得进入：", 1, 0),
            ("醉酒的；", 1, 1),
            ("携带危险品的。", 1, 1),
            ("", None, 0),
            ("公园内禁止下列行为：", 1, 0),
            ("攀折花木；", 1, 1),
            ("在非指定地点：", 1, 1),
            ("吸烟；", 1, 2),
            ("用火。", 1, 2),
            ("其他行为。", 1, 1),
        ],
    )
    assert docx_lines(path) == [
        "第一章　总则",
        f"第一条{S}为了加强公园管理，制定本条例。",
        f"第二条{S}有下列情形之一的，不得进入：",
        "（一）醉酒的；",
        "（二）携带危险品的。",
        "",
        f"第三条{S}公园内禁止下列行为：",
        "（一）攀折花木；",
        "（二）在非指定地点：",
        "1.吸烟；",
        "2.用火。",
        "（三）其他行为。",
    ]


def test_article_label_gets_full_width_space_whatever_the_suffix(tmp_path: Path) -> None:
    for suff in ("tab", "space", "nothing"):
        levels = [Level(0, "chineseCounting", "第%1条", suff=suff)]
        path = make_numbered_docx(
            tmp_path / f"{suff}.docx",
            [("为了……", 1, 0), ("　本条例自公布之日起施行。", 1, 0)],
            numbering_xml(abstract_num(0, levels), num(1, 0)),
        )
        assert docx_lines(path) == [f"第一条{S}为了……", f"第二条{S}本条例自公布之日起施行。"]


def test_chapters_and_articles_from_two_lists(tmp_path: Path) -> None:
    xml = numbering_xml(
        abstract_num(0, [Level(0, "chineseCounting", "第%1章", suff="space")]),
        abstract_num(1, LEGAL_LEVELS),
        num(1, 0),
        num(2, 1),
    )
    path = make_numbered_docx(
        tmp_path / "chapters.docx",
        [("总则", 1, 0), ("甲", 2, 0), ("乙", 2, 0), ("附则", 1, 0), ("丙", 2, 0)],
        xml,
    )
    # Articles run on through the chapters: the lists are separate.
    assert docx_lines(path) == [
        f"第一章{S}总则", f"第一条{S}甲", f"第二条{S}乙", f"第二章{S}附则", f"第三条{S}丙",
    ]  # fmt: skip


def test_chinese_counting_thousand_reaches_one_hundred_and_one(tmp_path: Path) -> None:
    levels = [Level(0, "chineseCountingThousand", "第%1条", start=99, suff="space")]
    path = make_numbered_docx(
        tmp_path / "thousand.docx",
        [("甲", 1, 0), ("乙", 1, 0), ("丙", 1, 0), ("丁", 1, 0), ("戊", 1, 0)],
        numbering_xml(abstract_num(0, levels), num(1, 0)),
    )
    assert docx_lines(path) == [
        f"第九十九条{S}甲", f"第一百条{S}乙", f"第一百零一条{S}丙", f"第一百零二条{S}丁",
        f"第一百零三条{S}戊",
    ]  # fmt: skip


def test_counting_to_one_hundred_and_twenty(tmp_path: Path) -> None:
    path = make_numbered_docx(tmp_path / "many.docx", [(f"条文{i}。", 1, 0) for i in range(120)])
    lines = docx_lines(path)
    assert lines[9] == f"第十条{S}条文9。"
    assert lines[10] == f"第十一条{S}条文10。"
    assert lines[19] == f"第二十条{S}条文19。"
    assert lines[100] == f"第一百零一条{S}条文100。"
    assert lines[109] == f"第一百一十条{S}条文109。"


def test_numbering_inherited_from_paragraph_style_and_based_on_chain(tmp_path: Path) -> None:
    document = docx.Document()
    set_numbering(document, legal_numbering_xml())
    article = add_numbered_style(document, "Article", num_id=1, ilvl=0)
    item = add_numbered_style(document, "Item", num_id=1, ilvl=1)
    # Inherits numId and ilvl from Article through basedOn only.
    article_child = add_numbered_style(document, "ArticleBody", based_on="Article")
    document.add_paragraph("为了……", style=article)
    document.add_paragraph("有下列情形之一的：", style=article_child)
    document.add_paragraph("甲；", style=item)
    document.add_paragraph("乙。", style=item)
    switched_off = document.add_paragraph("不编号的段落", style=article)
    set_num_pr(switched_off, 0)  # numId 0: no numbering, despite the style
    document.add_paragraph("丙", style=article)
    assert docx_lines(_save(document, tmp_path / "styles.docx")) == [
        f"第一条{S}为了……",
        f"第二条{S}有下列情形之一的：",
        "（一）甲；",
        "（二）乙。",
        "不编号的段落",
        f"第三条{S}丙",
    ]


def test_level_chosen_by_the_levels_pstyle(tmp_path: Path) -> None:
    document = docx.Document()
    levels = [
        Level(0, "chineseCounting", "第%1条", suff="space", p_style="Article"),
        Level(1, "chineseCounting", "（%2）", p_style="Item"),
    ]
    set_numbering(document, numbering_xml(abstract_num(0, levels), num(1, 0)))
    article = add_numbered_style(document, "Article", num_id=1)
    item = add_numbered_style(document, "Item", num_id=1)
    document.add_paragraph("甲：", style=article)
    document.add_paragraph("乙；", style=item)
    assert docx_lines(_save(document, tmp_path / "pstyle.docx")) == [f"第一条{S}甲：", "（一）乙；"]


def test_start_override_restarts_and_shared_abstract_continues(tmp_path: Path) -> None:
    xml = numbering_xml(
        abstract_num(0, [Level(0, "decimal", "%1.")]),
        num(1, 0),
        num(2, 0, {0: 1}),
        num(3, 0),
        num(4, 0, {0: 5}),
    )
    path = make_numbered_docx(
        tmp_path / "override.docx",
        [
            ("a", 1, 0),
            ("b", 1, 0),
            ("c", 1, 0),
            ("d", 2, 0),
            ("e", 2, 0),
            ("f", 3, 0),
            ("g", 4, 0),
            ("h", 4, 0),
        ],  # fmt: skip
        xml,
    )
    assert docx_lines(path) == ["1.a", "2.b", "3.c", "1.d", "2.e", "3.f", "5.g", "6.h"]


def test_multi_level_text_is_lgl_and_restart_never(tmp_path: Path) -> None:
    levels = [
        Level(0, "chineseCounting", "%1、"),
        Level(1, "decimal", "%1.%2", suff="space", is_lgl=True),
        Level(2, "lowerLetter", "(%3)", restart=0, suff="space"),
    ]
    path = make_numbered_docx(
        tmp_path / "multi.docx",
        [
            ("甲", 1, 0),
            ("a", 1, 1),
            ("x", 1, 2),
            ("b", 1, 1),
            ("y", 1, 2),
            ("乙", 1, 0),
            ("c", 1, 1),
            ("z", 1, 2),
        ],  # fmt: skip
        numbering_xml(abstract_num(0, levels), num(1, 0)),
    )
    assert docx_lines(path) == [
        "一、甲", "1.1 a", "(a)x", "1.2 b", "(b)y", "二、乙", "2.1 c", "(c)z",
    ]  # fmt: skip


def test_lvl_restart_after_top_level_only(tmp_path: Path) -> None:
    # Level 2 restarts only when level 1 (ilvl 0) is used, not when ilvl 1 is.
    levels = [
        Level(0, "decimal", "%1."),
        Level(1, "decimal", "%2)"),
        Level(2, "lowerRoman", "%3.", restart=1),
    ]
    path = make_numbered_docx(
        tmp_path / "restart.docx",
        [
            ("A", 1, 0),
            ("B", 1, 1),
            ("i", 1, 2),
            ("C", 1, 1),
            ("ii", 1, 2),
            ("D", 1, 0),
            ("iii", 1, 2),
        ],  # fmt: skip
        numbering_xml(abstract_num(0, levels), num(1, 0)),
    )
    assert docx_lines(path) == ["1.A", "1)B", "i.i", "2)C", "ii.ii", "2.D", "i.iii"]


def test_one_list_for_chapters_and_articles_that_never_restart(tmp_path: Path) -> None:
    # A common Word set-up: one multi-level list, 章 at level 1, 条 at level 2 set to
    # "restart after: none" so articles run on through the chapters, 项 at level 3.
    levels = [
        Level(0, "chineseCounting", "第%1章", suff="space"),
        Level(1, "chineseCounting", "第%2条", suff="space", restart=0),
        Level(2, "chineseCounting", "（%3）", suff="nothing"),
    ]
    path = make_numbered_docx(
        tmp_path / "one_list.docx",
        [
            ("总则", 1, 0),
            ("甲：", 1, 1),
            ("子；", 1, 2),
            ("附则", 1, 0),
            ("乙：", 1, 1),
            ("丑。", 1, 2),
        ],
        numbering_xml(abstract_num(0, levels), num(1, 0)),
    )
    assert docx_lines(path) == [
        f"第一章{S}总则",
        f"第一条{S}甲：",
        "（一）子；",
        f"第二章{S}附则",
        f"第二条{S}乙：",
        "（一）丑。",
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=40))
def test_counters_follow_a_simple_model(tmp_path: Path, ilvls: list[int]) -> None:
    counts = [0, 0, 0]
    expected = []
    for i, ilvl in enumerate(ilvls):
        counts[ilvl] += 1
        counts[ilvl + 1 :] = [0] * (2 - ilvl)
        expected.append(
            [
                f"第{to_chinese(counts[0])}条{S}t{i}",
                f"（{to_chinese(counts[1])}）t{i}",
                f"{counts[2]}.t{i}",
            ][ilvl]  # fmt: skip
        )
    path = make_numbered_docx(
        tmp_path / "model.docx", [(f"t{i}", 1, ilvl) for i, ilvl in enumerate(ilvls)]
    )
    assert docx_lines(path) == expected


def test_num_style_link_is_followed(tmp_path: Path) -> None:
    document = docx.Document()
    xml = numbering_xml(
        abstract_num(0, [Level(0, "decimal", "%1.")], num_style_link="LegalList"),
        abstract_num(1, LEGAL_LEVELS, style_link="LegalList"),
        num(5, 0),
        num(7, 1),
    )
    set_numbering(document, xml)
    style = document.styles.add_style("LegalList", WD_STYLE_TYPE.LIST)
    style.element.append(
        parse_xml(f'<w:pPr xmlns:w="{W_NS}"><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr>')
    )
    for text, ilvl in (("甲", 0), ("乙", 1), ("丙", 0)):
        set_num_pr(document.add_paragraph(text), 5, ilvl)
    assert docx_lines(_save(document, tmp_path / "link.docx")) == [
        f"第一条{S}甲", "（一）乙", f"第二条{S}丙",
    ]  # fmt: skip


def test_bullets_and_none_draw_no_label(tmp_path: Path) -> None:
    levels = [Level(0, "bullet", "\u25cf"), Level(1, "none", "", suff="nothing")]
    path = make_numbered_docx(
        tmp_path / "bullet.docx",
        [("要点一", 1, 0), ("说明", 1, 1)],
        numbering_xml(abstract_num(0, levels), num(1, 0)),
    )
    assert docx_lines(path) == ["要点一", "说明"]


def test_empty_numbered_paragraph_keeps_its_label(tmp_path: Path) -> None:
    path = make_numbered_docx(tmp_path / "e.docx", [("", 1, 0), ("甲", 1, 0), ("", None, 0)])
    assert docx_lines(path) == ["第一条", f"第二条{S}甲", ""]


@pytest.mark.parametrize(
    ("fmt", "n", "expected"),
    [
        ("decimal", 12, "12"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"),
        ("chineseCountingThousand", 101, "一百零一"),
        ("ideographTraditional", 1, "甲"),
        ("ideographTraditional", 11, "甲"),
        ("ideographZodiac", 2, "丑"),
        ("chineseLegalSimplified", 3, "叁"),
        ("chineseLegalSimplified", 11, "壹拾壹"),
        ("upperLetter", 2, "B"),
        ("upperLetter", 28, "BB"),
        ("lowerLetter", 3, "c"),
        ("upperRoman", 14, "XIV"),
        ("lowerRoman", 9, "ix"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalEnclosedCircle", 1, "①"),
        ("decimalEnclosedCircle", 20, "⑳"),
        ("decimalEnclosedCircle", 21, "21"),
        ("bullet", 1, ""),
        ("none", 1, ""),
        ("decimalZero", 7, "07"),
        ("someFutureFormat", 4, "4"),
        ("chineseCounting", 123456, "123456"),
    ],
)
def test_number_formats(fmt: str, n: int, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_odd_numbering_definitions_do_not_crash(tmp_path: Path) -> None:
    xml = (
        f'<w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="Loop"/>'
        '<w:lvl w:ilvl="x"><w:start w:val="abc"/></w:lvl>'
        '<w:lvl w:ilvl="0"><w:start w:val="999999"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="第%1条%9"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="42"/></w:num>'
        '<w:num w:numId="zz"/></w:numbering>'
    ).encode()
    path = make_numbered_docx(
        tmp_path / "odd.docx", [("甲", 1, 0), ("乙", 2, 0), ("丙", 1, 12), ("丁", 99, 0)], xml
    )
    assert docx_lines(path) == ["第999999条0 甲", "乙", "丙", "丁"]


# --- bad input -------------------------------------------------------------------------------


def _assert_parse_error(path: Path, fragment: str) -> None:
    with pytest.raises(ParseError) as caught:
        docx_lines(path)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message


def _valid_docx(tmp_path: Path) -> Path:
    return make_numbered_docx(tmp_path / "ok.docx", [("为了……", 1, 0), ("甲", 1, 1)])


def test_corrupt_file(tmp_path: Path) -> None:
    data = _valid_docx(tmp_path).read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[: len(data) // 2])
    _assert_parse_error(broken, "文件已损坏或不是有效的 Word 文档（.docx）")


def test_old_binary_doc(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))
    _assert_parse_error(
        path, "这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入"
    )


def test_password_protected_docx(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    names = b"".join(n.encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(OLE_SIGNATURE + b"\x00" * 504 + names)
    _assert_parse_error(path, "密码")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    _assert_parse_error(path, "文件是空的")


def test_text_file_renamed(tmp_path: Path) -> None:
    path = tmp_path / "renamed.docx"
    path.write_text("第一条　为了……\n", encoding="utf-8")
    _assert_parse_error(path, "文件已损坏或不是有效的 Word 文档（.docx）")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    _assert_parse_error(tmp_path / "nowhere.docx", "找不到文件")
    _assert_parse_error(tmp_path, "文件夹")


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    _assert_parse_error(path, "没有 word/document.xml")
    sheet = tmp_path / "sheet.docx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    _assert_parse_error(sheet, "Excel")


def _rewrite_part(source: Path, target: Path, part: str, blob: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, blob if info.filename == part else old.read(info.filename))
    return target


@pytest.mark.parametrize("part", ["word/document.xml", "word/numbering.xml", "word/styles.xml"])
def test_malformed_xml(tmp_path: Path, part: str) -> None:
    path = _rewrite_part(_valid_docx(tmp_path), tmp_path / "bad.docx", part, b"<w:document><w:b")
    _assert_parse_error(path, f"Word 文档内容已损坏（{part} 不是有效的 XML）")


def test_document_part_that_is_not_a_document(tmp_path: Path) -> None:
    path = _rewrite_part(_valid_docx(tmp_path), tmp_path / "x.docx", "word/document.xml", b"<a/>")
    _assert_parse_error(path, "文件已损坏")


def test_damaged_bytes_give_parse_error_or_lines(tmp_path: Path) -> None:
    data = _valid_docx(tmp_path).read_bytes()
    rng = random.Random(20260101)
    target = tmp_path / "damaged.docx"
    for _ in range(200):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        target.write_bytes(bytes(damaged))
        try:
            assert isinstance(docx_lines(target), list)
        except ParseError as exc:
            assert "\n" not in str(exc)


# --- round trip with a real regulation -----------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["local_hangzhou_park_2014.md", "local_ningbo_river_2019.md", "lifafa_2015_reader.md"],
)
def test_round_trip_of_a_corpus_text(tmp_path: Path, corpus: Path, name: str) -> None:
    lines = (corpus / name).read_text(encoding="utf-8-sig").splitlines()
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    # w:tab reads back as a space.
    expected = [line.replace("\t", " ") for line in lines]
    assert docx_lines(_save(document, tmp_path / "corpus.docx")) == expected


_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零]+条[ \u3000]+(.*)$")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）(.*)$")


@pytest.mark.parametrize(
    "name", ["local_hangzhou_park_2014.md", "local_jinan_historic_city_2020.md"]
)
def test_corpus_text_with_word_numbering_reads_as_the_typed_text(
    tmp_path: Path, corpus: Path, name: str
) -> None:
    # Strip every typed 第X条 / （X） label and let Word's numbering draw it instead.
    typed = (corpus / name).read_text(encoding="utf-8-sig").splitlines()
    paragraphs: list[tuple[str, int | None, int]] = []
    for line in typed:
        if article := _ARTICLE.match(line):
            paragraphs.append((article.group(1), 1, 0))
        elif item := _ITEM.match(line):
            paragraphs.append((item.group(1), 1, 1))
        else:
            paragraphs.append((line, None, 0))
    assert sum(1 for _, num_id, _ in paragraphs if num_id) > 40
    expected = [re.sub(r"^(第[一二三四五六七八九十百零]+条) ", "\\1\u3000", line) for line in typed]
    assert docx_lines(make_numbered_docx(tmp_path / "numbered.docx", paragraphs)) == expected
