"""A table whose merged cells change (cells merged or unmerged, a row deleted from or added
inside a vertically merged group) in the 修改稿: Word tracks no merge of cells, so the old
table is deleted whole (every row w:trPr/w:del, its words w:del) and the new one inserted
whole; accepting all gives the new table exactly, rejecting all the old one, spans included —
over the XML, through the product's own reader (``parse --revisions``) and LibreOffice. A
table whose merging stays is still tracked cell by cell and row by row (G3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from drafting.compare.articles import compare_drafts
from drafting.compare.tables import cells_line_up
from drafting.model.matter import Cell, Table
from drafting.model.units import Draft
from drafting.read.parse import parse_file
from drafting.write.comparison_rows import untracked_changes
from drafting.write.layout import house_layout
from drafting.write.oxml.revisions import revised_body
from drafting.write.tracked_docx import tracked_draft_docx
from tests.drafting.compare_helpers import article, draft
from tests.drafting.write.oxml_revisions import (
    libreoffice_laid_out,
    libreoffice_profile,
    libreoffice_revised,
)

AUTHOR, DATE = "张起草", "2026-03-01T08:00:00Z"
HEAD = [Cell("区域"), Cell("车型"), Cell("收费标准（元/小时）")]


def _base() -> Table:
    return Table(
        [
            HEAD,
            [Cell("一类区域", row_span=2), Cell("小型车"), Cell("5")],
            [Cell("大型车"), Cell("10")],
            [Cell("二类区域", row_span=2), Cell("小型车"), Cell("3")],
            [Cell("大型车"), Cell("6")],
        ]
    )


VARIANTS = {
    # the two fees of 一类区域 merged into one cell
    "merge2": Table(
        [
            HEAD,
            [Cell("一类区域", row_span=2), Cell("小型车"), Cell("5", row_span=2)],
            [Cell("大型车")],
            [Cell("二类区域", row_span=2), Cell("小型车"), Cell("3")],
            [Cell("大型车"), Cell("6")],
        ]
    ),
    # both 区域 merges undone
    "nomerge": Table.of(
        [
            ["区域", "车型", "收费标准（元/小时）"],
            ["一类区域", "小型车", "5"],
            ["一类区域", "大型车", "10"],
            ["二类区域", "小型车", "3"],
            ["二类区域", "大型车", "6"],
        ]
    ),
    # the last row of the 二类区域 group deleted
    "delrow": Table(
        [
            HEAD,
            [Cell("一类区域", row_span=2), Cell("小型车"), Cell("5")],
            [Cell("大型车"), Cell("10")],
            [Cell("二类区域"), Cell("小型车"), Cell("3")],
        ]
    ),
    # a new row inside the 一类区域 group
    "inrow": Table(
        [
            HEAD,
            [Cell("一类区域", row_span=3), Cell("小型车"), Cell("5")],
            [Cell("中型车"), Cell("8")],
            [Cell("大型车"), Cell("10")],
            [Cell("二类区域", row_span=2), Cell("小型车"), Cell("3")],
            [Cell("大型车"), Cell("6")],
        ]
    ),
}


def _text(table: Table) -> Draft:
    d = draft(
        article("为了规范停车收费，制定本条例。"),
        article("停车收费标准如下："),
        article("本条例自2026年1月1日起施行。"),
        title="某市停车收费管理条例",
    )
    d.articles()[1].children[0].table = table
    return d


def _row_marks(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    marks = []
    for tr in tbl.findall(qn("w:tr")):
        trpr = tr.find(qn("w:trPr"))
        kinds = [
            k for k in ("ins", "del") if trpr is not None and trpr.find(qn(f"w:{k}")) is not None
        ]
        marks.append(kinds[0] if kinds else "")
    return marks


def _spans(path: Path, revisions: str) -> list[list[tuple[str, int, int]]]:
    d = parse_file(path, revisions=revisions).draft
    table = d.articles()[1].children[0].table
    assert table is not None
    return [[(c.text, c.col_span, c.row_span) for c in row] for row in table.rows]


def _key(table: Table) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.col_span, c.row_span) for c in row] for row in table.rows]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_change_of_merging_is_the_table_deleted_and_inserted_whole(
    name: str, tmp_path: Path
) -> None:
    for old, new in ((_base(), VARIANTS[name]), (VARIANTS[name], _base())):
        assert not cells_line_up(old, new)
        path = tmp_path / f"{name}.docx"
        after = _text(new)
        body = tracked_draft_docx(
            compare_drafts(_text(old), after), after, path, author=AUTHOR, date=DATE
        ).element.body
        tables = body.findall(qn("w:tbl"))
        assert [_row_marks(t) for t in tables] == [
            ["del"] * len(old.rows),
            ["ins"] * len(new.rows),
        ]
        assert not list(tables[0].iter(qn("w:ins"))) or all(
            e.getparent().tag == qn("w:trPr") for e in tables[0].iter(qn("w:ins"))
        )
        assert revised_body(body, accept=True) == [b.text for b in house_layout(_text(new))]
        assert revised_body(body, accept=False) == [b.text for b in house_layout(_text(old))]
        # The product's own reader, merged cells and all (parse --revisions accepted|original).
        assert _spans(path, "accepted") == _key(new)
        assert _spans(path, "original") == _key(old)
        (warning,) = untracked_changes(compare_drafts(_text(old), _text(new)))
        assert warning.startswith("第二条的表格合并单元格有调整")
        assert "整表删除原表格、插入新表格" in warning


def test_a_change_that_keeps_the_merging_stays_cell_by_cell(tmp_path: Path) -> None:
    cell = _base()
    cell.rows[2][1] = Cell("12")
    row = Table([*_base().rows, [Cell("三类区域"), Cell("小型车"), Cell("2")]])
    for new, marks in ((cell, [""] * 5), (row, [""] * 5 + ["ins"])):
        assert cells_line_up(_base(), new)
        path = tmp_path / "kept.docx"
        after = _text(new)
        body = tracked_draft_docx(
            compare_drafts(_text(_base()), after), after, path, author=AUTHOR, date=DATE
        ).element.body
        (table,) = body.findall(qn("w:tbl"))
        assert _row_marks(table) == marks
        assert _spans(path, "accepted") == _key(new)
        assert _spans(path, "original") == _key(_base())
        assert untracked_changes(compare_drafts(_text(_base()), _text(new))) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_accepts_and_rejects_a_change_of_merging(tmp_path: Path) -> None:
    profile = libreoffice_profile(tmp_path)
    for name in ("merge2", "nomerge", "delrow", "inrow"):
        old, new = _text(_base()), _text(VARIANTS[name])
        path = tmp_path / f"{name}.docx"
        tracked_draft_docx(compare_drafts(old, new), new, path, author=AUTHOR, date=DATE)
        for accept, want in ((True, new), (False, old)):
            lines = libreoffice_revised(path, profile, accept=accept)
            while lines and lines[-1] == "":
                lines.pop()
            assert lines == libreoffice_laid_out(want), (name, accept)


def test_an_appendix_table_whose_merging_changes_is_tracked_whole_and_said() -> None:
    from drafting.model.matter import Appendix

    old, new = _text(_base()), _text(_base())
    old.appendices = [Appendix("附件", "收费区域表", [_base()])]
    new.appendices = [Appendix("附件", "收费区域表", [VARIANTS["merge2"]])]
    comparison = compare_drafts(old, new)
    body = tracked_draft_docx(comparison, new, author=AUTHOR, date=DATE).element.body
    marks = [_row_marks(t) for t in body.findall(qn("w:tbl"))]
    assert marks[1:] == [["del"] * 5, ["ins"] * 5]
    assert revised_body(body, accept=True) == [b.text for b in house_layout(new)]
    assert revised_body(body, accept=False) == [b.text for b in house_layout(old)]
    (warning,) = untracked_changes(comparison)
    assert warning.startswith("附件的表格合并单元格有调整")
