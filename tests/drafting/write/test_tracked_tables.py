"""Tables of the text in the 修改稿 and the 对照表: a real Word table with its merged cells, a
changed cell tracked inside the cell, an added (deleted) row a tracked inserted (deleted) row,
a table added or deleted whole all such rows; accepting all gives the new text, rejecting all
the old one (in pure Python over the XML, and through LibreOffice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafting.amend.instructions import Place, render
from drafting.compare.articles import compare_drafts
from drafting.compare.decision_tables import table_clauses
from drafting.compare.tables import (
    align_rows,
    cell_changes,
    describe_table_change,
    marked_cells,
)
from drafting.model.matter import Appendix, Cell, Table
from drafting.model.units import Draft
from drafting.write.comparison_docx import comparison_table_docx
from drafting.write.comparison_rows import row_note
from drafting.write.layout import house_layout, table_grid
from drafting.write.oxml.revisions import revised_body
from drafting.write.tracked_docx import tracked_draft_docx
from tests.drafting.compare_helpers import article, draft
from tests.drafting.write.oxml_revisions import (
    libreoffice_laid_out,
    libreoffice_profile,
    libreoffice_revised,
)

AUTHOR, DATE = "张起草", "2026-03-01T08:00:00Z"


def _fees(*rows: list[Cell]) -> Table:
    return Table([[Cell("类别"), Cell("标准"), Cell("备注")], *[list(r) for r in rows]])


def _text(table: Table | None, appendix: Table | None = None) -> Draft:
    d = draft(
        article("为了规范收费，制定本条例。"),
        article("收费标准如下表："),
        article("本条例自2025年1月1日起施行。"),
        title="某市收费管理条例",
    )
    d.articles()[1].children[0].table = table
    if appendix is not None:
        d.appendices = [Appendix("附表", "收费项目表", [appendix])]
    return d


OLD_TABLE = _fees(
    [Cell("小型犬"), Cell("100元"), Cell("每年", row_span=2)],
    [Cell("大型犬"), Cell("200元")],
    [Cell("猫"), Cell("50元"), Cell("")],
)
MERGED = Table([[Cell("合并标题", col_span=3)], [Cell("甲"), Cell("乙"), Cell("丙")]])


def _laid_out(d: Draft) -> list[str]:
    return [b.text for b in house_layout(d)]


def _tracked(old: Draft, new: Draft, path: Path | None = None):  # type: ignore[no-untyped-def]
    return tracked_draft_docx(
        compare_drafts(old, new), new, path, author=AUTHOR, date=DATE
    ).element.body


def _round_trips(old: Draft, new: Draft):  # type: ignore[no-untyped-def]
    body = _tracked(old, new)
    assert revised_body(body, accept=True) == _laid_out(new)
    assert revised_body(body, accept=False) == _laid_out(old)
    body_back = _tracked(new, old)
    assert revised_body(body_back, accept=True) == _laid_out(old)
    assert revised_body(body_back, accept=False) == _laid_out(new)
    return body


def _row_marks(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    marks = []
    for tr in tbl.findall(qn("w:tr")):
        trpr = tr.find(qn("w:trPr"))
        kinds = [
            k for k in ("ins", "del") if trpr is not None and trpr.find(qn(f"w:{k}")) is not None
        ]
        marks.append(kinds[0] if kinds else "")
    return marks


def test_a_changed_cell_is_tracked_inside_a_real_table_with_merged_cells() -> None:
    new_table = _fees(
        [Cell("小型犬"), Cell("120元"), Cell("每年", row_span=2)],
        [Cell("大型犬"), Cell("200元")],
        [Cell("猫"), Cell("50元"), Cell("")],
    )
    body = _round_trips(_text(OLD_TABLE, MERGED), _text(new_table, MERGED))
    tables = body.findall(qn("w:tbl"))
    assert len(tables) == 2  # the article's and the appendix's: real tables, no | a | b | lines
    assert not any("|" in "".join(p.itertext()) for p in body.findall(qn("w:p")))
    first = tables[0]
    assert _row_marks(first) == ["", "", "", ""]
    deleted = [t.text for t in first.iter(qn("w:delText"))]
    inserted = [t.text for ins in first.iter(qn("w:ins")) for t in ins.iter(qn("w:t"))]
    assert "".join(deleted) in ("100", "10", "100元") and "2" in "".join(inserted)
    # Merged cells as Word has them: 每年 spans two rows, 合并标题 three columns.
    assert first.find(".//" + qn("w:vMerge")) is not None
    assert tables[1].find(".//" + qn("w:gridSpan")).get(qn("w:val")) == "3"
    # The 修改说明 names the cell.
    pair = next(p for p in compare_drafts(_text(OLD_TABLE), _text(new_table)).pairs if p.is_change)
    assert row_note(pair) == "表格修改：第二行“标准”由“100元”改为“120元”"


def test_added_and_deleted_rows_are_tracked_rows() -> None:
    new_table = _fees(
        [Cell("小型犬"), Cell("100元"), Cell("每年", row_span=2)],
        [Cell("大型犬"), Cell("200元")],
        [Cell("兔"), Cell("30元"), Cell("每年")],
    )
    body = _round_trips(_text(OLD_TABLE), _text(new_table))
    marks = _row_marks(body.find(qn("w:tbl")))
    assert marks == ["", "", "", "del", "ins"]
    assert describe_table_change(OLD_TABLE, new_table) == [
        "删去第四行：“猫”、“50元”、“”",
        "增加第四行：“兔”、“30元”、“每年”",
    ]


def test_a_table_added_or_deleted_whole_is_all_tracked_rows() -> None:
    body = _round_trips(_text(None), _text(OLD_TABLE))
    assert _row_marks(body.find(qn("w:tbl"))) == ["ins"] * 4
    body = _tracked(_text(OLD_TABLE), _text(None))
    assert _row_marks(body.find(qn("w:tbl"))) == ["del"] * 4
    # An appendix with a table added at the end of the text, and taken away again.
    _round_trips(_text(OLD_TABLE), _text(OLD_TABLE, MERGED))


def test_rows_line_up_and_changes_are_described() -> None:
    old = Table.of([["类别", "标准"], ["门票", "100元"], ["年票", "300元"]])
    new = Table.of([["类别", "标准"], ["门票", "120元"], ["月票", "50元"], ["年票", "300元"]])
    kinds = [s.kind for s in align_rows(old, new)]
    assert kinds == ["equal", "changed", "inserted", "equal"]
    change = cell_changes(old, new)[0]
    assert (change.row, change.column, change.header, change.old, change.new) == (
        2, 2, "标准", "100元", "120元"
    )  # fmt: skip
    assert describe_table_change(old, new)[0] == "第二行“标准”由“100元”改为“120元”"
    assert [render(c) for c in table_clauses(Place("第五条"), old, new)] == [
        "将第五条表格第二行“标准”栏中的“100元”修改为“120元”",
        "在第五条表格中增加一行，作为第三行：“月票”、“50元”",
    ]
    assert table_clauses(Place("第五条"), old, old) == []
    assert describe_table_change(None, new) == ["增加表格"]
    old_side = marked_cells(old, new, -1)
    assert any(op == -1 for op, _ in old_side[1][1])  # 100元's changed digits struck
    assert marked_cells(old, new, 1)[2][0] == [(1, "月票")]


def test_the_comparison_table_shows_a_changed_table_as_a_table(tmp_path: Path) -> None:
    new_table = _fees(
        [Cell("小型犬"), Cell("120元"), Cell("每年", row_span=2)],
        [Cell("大型犬"), Cell("200元")],
        [Cell("猫"), Cell("50元"), Cell("")],
    )
    path = tmp_path / "对照表.docx"
    comparison_table_docx(compare_drafts(_text(OLD_TABLE), _text(new_table)), path)
    outer = docx.Document(str(path)).tables[0]
    row = outer.rows[1]
    old_cell, new_cell, note = row.cells
    assert note.text == "表格修改：第二行“标准”由“100元”改为“120元”"
    for cell, words in ((old_cell, "100元"), (new_cell, "120元")):
        assert "|" not in cell.text
        nested = cell.tables
        assert len(nested) == 1
        height, width, _ = table_grid(OLD_TABLE)
        assert len(nested[0].rows) == height and len(nested[0].columns) == width
        assert words in "".join(c.text for c in nested[0].rows[1].cells)
        assert nested[0]._tbl.find(".//" + qn("w:vMerge")) is not None
    struck = [
        r
        for r in old_cell.tables[0]._tbl.iter(qn("w:r"))
        if r.find(".//" + qn("w:strike")) is not None
    ]
    assert struck


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_accepts_and_rejects_table_changes(tmp_path: Path) -> None:
    new_table = _fees(
        [Cell("小型犬"), Cell("120元"), Cell("每年", row_span=2)],
        [Cell("大型犬"), Cell("200元")],
        [Cell("兔"), Cell("30元"), Cell("每年")],
    )
    old, new = _text(OLD_TABLE), _text(new_table, MERGED)
    profile = libreoffice_profile(tmp_path)
    path = tmp_path / "表格.docx"
    _tracked(old, new, path)

    def shown(accept: bool) -> list[str]:
        lines = libreoffice_revised(path, profile, accept=accept)
        while lines and lines[-1] == "":
            lines.pop()  # the empty paragraph Word and LibreOffice keep after a last table
        return lines

    assert shown(True) == libreoffice_laid_out(new)
    assert shown(False) == libreoffice_laid_out(old)


def test_a_table_change_is_drafted_in_the_decision_not_left_to_the_drafter(tmp_path: Path) -> None:
    """`compare --decision-text` on two texts that differ in one table cell: the drafted
    decision carries the cell's item (no more 请手工补写 warning), and ``amend`` applied to
    the old text gives the new table."""
    import json

    from drafting.write.text_docx import export_docx
    from tests.app_runner import run_app

    rows = [list(r) for r in OLD_TABLE.rows]
    rows[1][1] = Cell("120元")
    changed = Table(rows)
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    export_docx(_text(OLD_TABLE), old)
    export_docx(_text(changed), new)
    decision = tmp_path / "d.txt"
    run = run_app("compare", str(old), str(new), "--json", "--decision-text", str(decision))
    warnings = json.loads(run.stdout).get("warnings", [])
    assert not any("手工补写" in w or "未写入修改决定" in w for w in warnings)
    assert "未写入修改决定" not in run.stderr
    assert "将第二条表格第二行“标准”栏中的“100元”修改为“120元”。" in decision.read_text("utf-8")
    same = run_app("compare", str(old), str(old), "--json")
    assert not any("表格" in w for w in json.loads(same.stdout).get("warnings", []))
