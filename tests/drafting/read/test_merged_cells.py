"""Merged table cells as Word has them: read from a .docx, stored, written back, round-trip.

The model (drafting.model.matter.Cell): a merged cell appears once, at its top-left grid place,
with ``col_span``/``row_span``; the places it covers hold no cell. A .docx gives it as
w:gridSpan (columns) and a w:vMerge restart/continue chain (rows); Akoma Ntoso as
colspan/rowspan; ``parse --json`` lists it under the table's ``merged``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx

from drafting.exchange.akoma_ntoso import from_akn, to_akn
from drafting.model.matter import Cell, Table
from drafting.read.files import read_draft
from drafting.write.text_docx import export_docx
from storage.library import Library
from tests.app_runner import run_app

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: 税目 spans two columns; 煤 spans two rows (its second row is a vMerge continuation).
EXPECTED = [
    [("税目", 2, 1), ("税率", 1, 1)],
    [("煤", 1, 2), ("原煤", 1, 1), ("2%-10%", 1, 1)],
    [("选煤", 1, 1), ("2%-10%", 1, 1)],
    [("盐", 1, 1), ("海盐", 1, 1), ("2%-5%", 1, 1)],
]


def _spans(table: Table) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.col_span, c.row_span) for c in row] for row in table.rows]


def _merged_table(document: docx.document.Document) -> None:
    grid = document.add_table(rows=4, cols=3)
    words = [["税目", "", "税率"], ["煤", "原煤", "2%-10%"], ["", "选煤", "2%-10%"]]
    words.append(["盐", "海盐", "2%-5%"])
    for r, row in enumerate(words):
        for c, text in enumerate(row):
            if text:
                grid.cell(r, c).text = text
    grid.cell(0, 0).merge(grid.cell(0, 1))
    grid.cell(1, 0).merge(grid.cell(2, 0))


def _word_file(path: Path, *, bare_continue: bool = False) -> Path:
    """A .docx as a drafter's Word makes it: a table in an article and one in an appendix."""
    document = docx.Document()
    document.add_paragraph("某省资源税条例")
    document.add_paragraph("第一条　为了规范资源税征收，制定本条例。")
    document.add_paragraph("第二条　资源税的税目、税率，依照下表执行：")
    _merged_table(document)
    document.add_paragraph("第三条　本条例自2025年1月1日起施行。")
    document.add_paragraph("附件")
    document.add_paragraph("资源税税目税率表")
    _merged_table(document)
    if bare_continue:
        # Word itself writes a continuation as a bare <w:vMerge/> (no w:val).
        for merge in document.element.body.iter(f"{W}vMerge"):
            if merge.get(f"{W}val") == "continue":
                del merge.attrib[f"{W}val"]
    document.save(str(path))
    return path


def test_a_docx_table_keeps_grid_span_and_vertical_merge(tmp_path: Path) -> None:
    for bare in (False, True):
        draft = read_draft(_word_file(tmp_path / f"税{bare}.docx", bare_continue=bare)).draft
        table = draft.articles()[1].children[0].table
        assert table is not None
        assert _spans(table) == EXPECTED
        (appendix,) = draft.appendices
        assert appendix.title == "资源税税目税率表"
        assert _spans(appendix.tables[0]) == EXPECTED


def test_docx_parse_docx_parse_is_equal_and_writes_real_merged_cells(tmp_path: Path) -> None:
    first = read_draft(_word_file(tmp_path / "税.docx")).draft
    out = tmp_path / "out.docx"
    export_docx(first, out)
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:gridSpan ") == 2  # 税目, in each of the two tables
    assert xml.count('<w:vMerge w:val="restart"/>') == 2  # 煤
    again = read_draft(out).draft
    table = again.articles()[1].children[0].table
    assert table is not None and _spans(table) == EXPECTED
    assert _spans(again.appendices[0].tables[0]) == EXPECTED
    # What is not merged stays plain: a table without spans writes no merge.
    plain = Table([[Cell("甲"), Cell("乙")], [Cell("丙"), Cell("丁")]])
    first.articles()[1].children[0].table = plain
    export_docx(first, out)
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:gridSpan ") == 1  # only the appendix's
    table = read_draft(out).draft.articles()[1].children[0].table
    assert table is not None and _spans(table) == [[("甲", 1, 1), ("乙", 1, 1)]] + [
        [("丙", 1, 1), ("丁", 1, 1)]
    ]


def test_merged_cells_are_stored_and_go_through_akoma_ntoso(tmp_path: Path, db_url: str) -> None:
    draft = read_draft(_word_file(tmp_path / "税.docx")).draft
    with Library.open(db_url, create=True) as library:
        loaded = library.load_draft(library.import_draft(draft).id)
    table = loaded.articles()[1].children[0].table
    assert table is not None and _spans(table) == EXPECTED
    assert _spans(loaded.appendices[0].tables[0]) == EXPECTED
    xml = to_akn(draft)
    assert b'colspan="2"' in xml and b'rowspan="2"' in xml
    back = from_akn(xml)
    table = back.articles()[1].children[0].table
    assert table is not None and _spans(table) == EXPECTED
    assert _spans(back.appendices[0].tables[0]) == EXPECTED


def test_parse_json_tree_lists_the_merged_cells(tmp_path: Path) -> None:
    proc = run_app("parse", str(_word_file(tmp_path / "税.docx")), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    article = next(n for n in data["tree"] if n.get("label") == "第二条")
    table = article["children"][0]["children"][0]
    assert table["kind"] == "table"
    assert table["rows"][2] == ["选煤", "2%-10%"]
    assert table["merged"] == [
        {"row": 0, "cell": 0, "colspan": 2, "rowspan": 1},
        {"row": 1, "cell": 0, "colspan": 1, "rowspan": 2},
    ]
