"""export_docx: real .docx files written, opened with python-docx, unzipped and parsed back."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from drafting.model.units import Draft
from drafting.read.parse import parse_file
from drafting.write import house_docx as house
from drafting.write.layout import title_note_line
from drafting.write.plain_text import render_text
from drafting.write.text_docx import TOC_HEADING, export_docx, stage_line
from tests.app_runner import run_app
from tests.drafting.corpus_texts import corpus_text_names
from tests.drafting.export_drafts import small_draft
from tests.drafting.write.test_layout import one_line_note

GOLDEN = Path(__file__).resolve().parents[3] / "tests" / "golden" / "export_small_document.xml"
S = "\u3000"


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    out = tmp_path / "small.docx"
    export_docx(small_draft(), out, stage_label="征求意见稿")
    return out


def _east_asia_of_style(style) -> str | None:  # type: ignore[no-untyped-def]
    """The East Asian font a style gives, following basedOn."""
    while style is not None:
        found = house.east_asian_font(style.element.rPr)
        if found:
            return found
        style = style.base_style
    return None


def _east_asia(paragraph, run=None) -> str | None:  # type: ignore[no-untyped-def]
    """The East Asian font in effect: run properties, its character style, the paragraph style."""
    if run is not None:
        found = house.east_asian_font(run._r.rPr)
        if found:
            return found
        if run.style is not None and run.style.name != "Default Paragraph Font":
            found = _east_asia_of_style(run.style)
            if found:
                return found
    return _east_asia_of_style(paragraph.style)


def test_page_is_a4_with_gb9704_margins(exported: Path) -> None:
    section = docx.Document(str(exported)).sections[0]
    tolerance = Mm(0.1)
    for actual, expected in (
        (section.page_width, Mm(210)),
        (section.page_height, Mm(297)),
        (section.top_margin, Mm(37)),
        (section.bottom_margin, Mm(35)),
        (section.left_margin, Mm(28)),
        (section.right_margin, Mm(26)),
    ):
        assert actual is not None and abs(actual - expected) <= tolerance


def test_landscape_document_for_tables() -> None:
    section = house.new_document(landscape=True).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height
    assert abs(section.page_width - Mm(297)) <= Mm(0.1)


def test_text_in_order_with_stage_note_and_toc(exported: Path) -> None:
    texts = [p.text for p in docx.Document(str(exported)).paragraphs]
    assert texts == [
        "某市公园条例",
        "（征求意见稿）",
        "（2024年1月1日某市第十六届人民代表大会常务委员会第十次会议通过）",
        TOC_HEADING,
        f"第一章{S}总则",
        f"第二章{S}管理",
        f"第一节{S}一般规定",
        f"第三章{S}附则",
        f"第一章{S}总则",
        f"第一条{S}为了加强公园管理，制定本条例。",
        f"第二条{S}公园管理应当遵循下列原则：",
        "（一）公益优先；",
        "（二）统筹规划：",
        "1.统一规划；",
        "2.分步实施；",
        "（三）共建共享。",
        "前款规定适用于全市。",
        f"第二条之一{S}“公园”是指供公众游览的场所。",
        f"第二章{S}管理",
        f"第一节{S}一般规定",
        f"第三条{S}公园管理机构应当依照本条例第二条第一款第（二）项规定执行。",
        f"第三章{S}附则",
        f"第四条{S}本条例自2025年1月1日起施行。",
    ]


def test_east_asian_fonts_of_title_headings_body_and_labels(exported: Path) -> None:
    document = docx.Document(str(exported))
    paragraphs = document.paragraphs
    title, stage, note, toc_heading = paragraphs[:4]
    assert _east_asia(title, title.runs[0]) == house.XIAOBIAOSONG
    assert _east_asia(stage, stage.runs[0]) == house.KAITI
    assert _east_asia(note, note.runs[0]) == house.KAITI
    assert _east_asia(toc_heading, toc_heading.runs[0]) == house.HEITI
    chapter = paragraphs[8]
    assert chapter.text == f"第一章{S}总则"
    assert _east_asia(chapter, chapter.runs[0]) == house.HEITI
    article = paragraphs[9]
    label, body = article.runs
    assert label.text == "第一条" and body.text.startswith(S)
    assert _east_asia(article, label) == house.HEITI
    assert _east_asia(article, body) == house.FANGSONG
    item = paragraphs[11]
    assert _east_asia(item, item.runs[0]) == house.FANGSONG
    # Sizes: 二号 title, 三号 body and headings; title and headings centred by their style.
    styles = document.styles
    assert styles[house.STYLE_TITLE].font.size.pt == house.ERHAO
    assert styles[house.STYLE_HEADING].font.size.pt == house.SANHAO
    assert styles[house.STYLE_BODY].font.size.pt == house.SANHAO
    assert title.style is not None and title.style.name == house.STYLE_TITLE
    assert chapter.style is not None and chapter.style.name == house.STYLE_HEADING
    centre = WD_ALIGN_PARAGRAPH.CENTER
    assert styles[house.STYLE_TITLE].paragraph_format.alignment == centre
    assert styles[house.STYLE_HEADING].paragraph_format.alignment == centre


def test_body_has_exact_line_spacing_and_two_character_indent(exported: Path) -> None:
    style = docx.Document(str(exported)).styles[house.STYLE_BODY]
    ppr = style.element.pPr
    spacing = ppr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert 28 * 20 <= int(spacing.get(qn("w:line"))) <= 29 * 20
    ind = ppr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert ind.get(qn("w:firstLine")) == "640"


def test_no_theme_fonts_and_chinese_language(exported: Path) -> None:
    with zipfile.ZipFile(exported) as z:
        parts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
        assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)theme=", parts[name], re.I), name
    styles = etree.fromstring(parts["word/styles.xml"].encode())
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:eastAsia")) == "zh-CN"


def test_page_numbers_odd_right_even_left(exported: Path) -> None:
    document = docx.Document(str(exported))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph, jc in ((odd, "right"), (even, "left")):
        xml = paragraph._p.xml
        assert paragraph.text == "— 1 —"  # field result placeholder between the dashes
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert _east_asia(paragraph, paragraph.runs[0]) == house.SONGTI
        assert document.styles[house.STYLE_PAGE_NUMBER].font.size.pt == house.SIHAO
        assert paragraph._p.pPr.find(qn("w:jc")).get(qn("w:val")) == jc


def test_stage_line() -> None:
    assert stage_line("") == ""
    assert stage_line("征求意见稿") == "（征求意见稿）"
    assert stage_line("（草案）") == "（草案）"


#: The parts the golden file holds: the text, the fonts Word falls back on, the metadata.
GOLDEN_PARTS = ("word/document.xml", "word/fontTable.xml", "docProps/core.xml", "docProps/app.xml")
_DATES = ("{http://purl.org/dc/terms/}created", "{http://purl.org/dc/terms/}modified")


def _normalised_parts(path: Path) -> str:
    """The golden parts without rsid attributes and dates, pretty-printed: stable across runs."""
    chunks = []
    with zipfile.ZipFile(path) as z:
        for name in GOLDEN_PARTS:
            root = etree.fromstring(z.read(name))
            for element in root.iter():
                for attr in list(element.attrib):
                    if "rsid" in attr:
                        del element.attrib[attr]
                if element.tag in _DATES:
                    element.text = "(date)"
            etree.indent(root, space=" ")
            chunks.append(f"<!-- {name} -->\n" + etree.tostring(root, encoding="unicode"))
    return "\n".join(chunks)


def test_golden_document_xml(tmp_path: Path) -> None:
    out = tmp_path / "small.docx"
    export_docx(small_draft(), out, stage_label="征求意见稿", author="法工委起草组")
    actual = _normalised_parts(out)
    # UPDATE_GOLDEN=1 rewrites the expected file after a deliberate change of the layout.
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual + "\n", encoding="utf-8")
    assert actual + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_metadata_fonts_and_no_template_leftovers(tmp_path: Path) -> None:
    import datetime as dt

    out = tmp_path / "meta.docx"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    export_docx(small_draft(), out, author="张三")
    core = docx.Document(str(out)).core_properties
    assert core.author == core.last_modified_by == "张三"
    assert core.created is not None and core.modified is not None
    assert before <= core.created.replace(tzinfo=None) <= before + dt.timedelta(minutes=5)
    assert core.title == "某市公园条例" and "python-docx" not in (core.comments or "")
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        app = z.read("docProps/app.xml").decode()
        fonts = etree.fromstring(z.read("word/fontTable.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "<Application>立法工作台</Application>" in app and "Microsoft" not in app
    assert not names & {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}
    assert not any(n.startswith("customXml/") for n in names)
    assert "stylesWithEffects" not in rels
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    table = {f.get(f"{w}name"): f for f in fonts.iter(f"{w}font")}
    for name, alt in (
        (house.FANGSONG, "仿宋"),
        (house.HEITI, "SimHei"),
        (house.KAITI, "楷体"),
        (house.XIAOBIAOSONG, "宋体"),
        (house.SONGTI, "SimSun"),
    ):
        font = table[name]
        assert font.find(f"{w}altName").get(f"{w}val") == alt
        assert font.find(f"{w}charset").get(f"{w}val") == "86"
        assert len(font.find(f"{w}panose1").get(f"{w}val")) == 20
        assert font.find(f"{w}family") is not None
    # Without an author the OS login is the creator.
    plain = tmp_path / "plain.docx"
    export_docx(small_draft(), plain)
    assert docx.Document(str(plain)).core_properties.author == house.default_author()


@pytest.mark.parametrize("name", corpus_text_names())
def test_round_trip_every_corpus_text(name: str, corpus: Path, tmp_path: Path) -> None:
    draft = parse_file(corpus / name).draft
    out = tmp_path / "out.docx"
    export_docx(draft, out)
    back = parse_file(out)
    # Title, 题注 (printed as one line since issue 12), structure, words.
    assert render_text(back.draft) == render_text(one_line_note(draft))
    assert [u.kind for u in back.draft.walk()] == [u.kind for u in draft.walk()]
    # Nothing new to warn about; unnumbered source headings (宁波) are reported again. The
    # 目录 the export writes is said to be skipped on reading (issue 10), as any 目录 is.
    assert {w.message for w in back.warnings if "目录" not in w.message} <= {
        w.message for w in parse_file(corpus / name).warnings
    }


def test_round_trip_with_stage_label_keeps_structure(corpus: Path, tmp_path: Path) -> None:
    draft = parse_file(corpus / "local_jinan_historic_city_2020.md").draft
    out = tmp_path / "out.docx"
    export_docx(draft, out, stage_label="征求意见稿")
    result = parse_file(out)
    back = result.draft
    assert back.title == draft.title

    def body(d: Draft) -> str:
        return render_text(Draft(title="", units=d.units))

    assert body(back) == body(draft)
    assert result.stage == "征求意见稿"
    assert back.title_note == title_note_line(draft.title_note)  # one line since issue 12


def test_cli_export_docx_and_akn(corpus: Path, tmp_path: Path) -> None:
    """That the export imports no Qt is part of the one no-Qt test in tests/test_cli.py."""
    source = corpus / "local_rizhao_park_2021.md"
    docx_out, akn_out = tmp_path / "out.docx", tmp_path / "out.xml"
    outputs = ["--docx", str(docx_out), "--akn", str(akn_out)]
    result = run_app("export", str(source), *outputs, "--stage", "征求意见稿")
    assert result.returncode == 0, result.stderr
    assert "已导出《日照市公园条例》" in result.stdout
    assert docx.Document(str(docx_out)).paragraphs[1].text == "（征求意见稿）"
    assert parse_file(docx_out).draft.counts().articles == 32


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.md", "--docx", "x.docx"], "错误："),
        (["{corpus}/local_rizhao_park_2021.md"], "请至少指定一种输出"),
        (
            ["{corpus}/local_rizhao_park_2021.md", "--docx", "{tmp}/no/such/dir/x.docx"],
            "无法写入文件",
        ),
    ],
)
def test_cli_export_errors_are_one_chinese_line(
    args: list[str], message: str, corpus: Path, tmp_path: Path
) -> None:
    argv = [a.format(corpus=corpus, tmp=tmp_path) for a in args]
    result = run_app("export", *argv)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
