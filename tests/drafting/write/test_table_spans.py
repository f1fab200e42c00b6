"""A table whose only change is its merged cells (col_span/row_span, the words the same) is a
change of the article's table: ``kind`` wording (status modified), the 对照表 says 表格修改：
合并单元格…, and the 修改稿, which cannot track a merge, is warned about."""

from __future__ import annotations

from drafting.compare.articles import MODIFIED, WORDING, compare_drafts
from drafting.model.matter import Cell, Table
from drafting.model.units import Draft
from drafting.write.comparison_docx import comparison_table_docx
from drafting.write.comparison_rows import row_note, span_changes, table_rows, untracked_changes
from tests.drafting.compare_helpers import article, draft


def _fees(merged: bool) -> Table:
    return Table(
        [
            [Cell("类别"), Cell("标准"), Cell("备注")],
            [Cell("小型犬"), Cell("100元"), Cell("每年", row_span=2 if merged else 1)],
            [Cell("大型犬"), Cell("200元")],
        ]
    )


def _text(merged: bool) -> Draft:
    d = draft(
        article("为了规范收费，制定本条例。"),
        article("收费标准如下表："),
        article("本条例自2025年1月1日起施行。"),
        title="某市收费管理条例",
    )
    d.articles()[1].children[0].table = _fees(merged)
    return d


def test_a_span_only_change_is_a_wording_change_of_the_article() -> None:
    comparison = compare_drafts(_text(True), _text(False))
    changed = [p for p in comparison.pairs if p.is_change]
    assert [(p.old_numbers, p.status, p.kind) for p in changed] == [(["第二条"], MODIFIED, WORDING)]
    data = comparison.to_json()  # what compare --json prints
    assert data["summary"]["modified"] == 1
    assert [
        (p["old"], p["status"], p["kind"]) for p in data["pairs"] if p["status"] != "unchanged"
    ] == [("第二条", "modified", "wording")]


def test_the_table_note_names_the_merged_cell() -> None:
    comparison = compare_drafts(_text(True), _text(False))
    (pair,) = [p for p in comparison.pairs if p.is_change]
    assert row_note(pair) == "表格修改：合并单元格：第二行“每年”由跨两行改为不合并"
    assert span_changes(_fees(False), _fees(True)) == ["第二行“每年”由不合并改为跨两行"]
    rows = table_rows(comparison)
    assert rows == [pair]
    document = comparison_table_docx(comparison)
    cells = [c.text for c in document.tables[0].rows[1].cells]
    assert cells[2] == "表格修改：合并单元格：第二行“每年”由跨两行改为不合并"


def test_the_tracked_draft_is_warned_about() -> None:
    comparison = compare_drafts(_text(False), _text(True))
    (reason,) = untracked_changes(comparison)
    assert reason.startswith("第二条的表格合并单元格有调整")
    assert "修改稿中该表格以整表删除原表格、插入新表格标示" in reason
    assert untracked_changes(compare_drafts(_text(True), _text(True))) == []
