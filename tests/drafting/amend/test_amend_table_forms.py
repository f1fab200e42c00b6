"""Tables with merged cells in the 修改决定 (G4): the committee's cell and row forms wherever
the edit can be said so (a row added or deleted outside any vertical merge, a cell's words
changed), the table whole only when its merging changes; a table-row item ends with 。; the
.docx decision carries a whole table as a real Word table with merged cells (no | rows, no
〔跨两行〕), and ``amend`` reads it back from the .docx as from the .txt (the plain-text form
keeps the quoted | rows): amend(old, decision) == new both ways."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.oxml.ns import qn

from drafting.amend.instructions import TABLE_ADD_ROW, TABLE_DELETE_ROW, TABLE_REWRITE, Place
from drafting.amend.read import decision_file_text
from drafting.compare.decision_tables import table_clauses
from drafting.model.matter import Cell, Table
from drafting.model.units import Draft
from drafting.read.parse import parse_file
from drafting.write.text_docx import export_docx
from tests.app_runner import run_app
from tests.drafting.amend.test_amend_tables import check, text
from tests.drafting.compare_helpers import article, draft

HEAD = [Cell("区域"), Cell("车型"), Cell("收费标准（元/小时）")]


def _base(*extra: list[Cell]) -> Table:
    return Table(
        [
            HEAD,
            [Cell("一类区域", row_span=2), Cell("小型车"), Cell("5")],
            [Cell("大型车"), Cell("10")],
            [Cell("二类区域", row_span=2), Cell("小型车"), Cell("3")],
            [Cell("大型车"), Cell("6")],
            *[list(r) for r in extra],
        ]
    )


TAIL = [Cell("三类区域"), Cell("小型车"), Cell("2")]
MERGE2 = Table(
    [
        HEAD,
        [Cell("一类区域", row_span=2), Cell("小型车"), Cell("5", row_span=2)],
        [Cell("大型车")],
        [Cell("二类区域", row_span=2), Cell("小型车"), Cell("3")],
        [Cell("大型车"), Cell("6")],
    ]
)


def test_rows_outside_a_vertical_merge_are_said_row_by_row() -> None:
    place = Place("第二条")
    added = table_clauses(place, _base(), _base(TAIL))
    assert [(c.action, c.position) for c in added] == [(TABLE_ADD_ROW, 6)]
    deleted = table_clauses(place, _base(TAIL), _base())
    assert [(c.action, c.position) for c in deleted] == [(TABLE_DELETE_ROW, 6)]
    # A row taken out of a merged group changes the merge: the table whole.
    short = Table(_base().rows[:4])
    short.rows[3] = [Cell("二类区域"), Cell("小型车"), Cell("3")]
    assert [c.action for c in table_clauses(place, _base(), short)] == [TABLE_REWRITE]
    assert [c.action for c in table_clauses(place, _base(), MERGE2)] == [TABLE_REWRITE]
    decision = check(text(_base(TAIL)), text(_base()))
    assert "删去第二条表格第六行。" in decision
    decision = check(text(_base()), text(_base(TAIL)))
    assert "在第二条表格中增加一行，作为第六行：“三类区域”、“小型车”、“2”。" in decision
    assert "|" not in decision and "〔跨" not in decision


def _files(tmp_path: Path, old: Draft, new: Draft) -> tuple[Path, Path]:
    a, b = tmp_path / "old.docx", tmp_path / "new.docx"
    export_docx(old, a)
    export_docx(new, b)
    return a, b


def _tables(path: Path) -> list[list[list[tuple[str, int, int]]]]:
    d = parse_file(path).draft
    return [
        [[(c.text, c.col_span, c.row_span) for c in row] for row in p.table.rows]
        for a in d.articles()
        for p in a.children
        if p.table is not None
    ]


def test_a_whole_table_is_a_real_word_table_in_the_docx_decision(tmp_path: Path) -> None:
    for old, new in ((_base(), MERGE2), (MERGE2, _base())):
        a, b = _files(tmp_path, text(old), text(new))
        out_docx, out_txt = tmp_path / "决定.docx", tmp_path / "决定.txt"
        run = run_app(
            "compare", str(a), str(b), "--decision-docx", str(out_docx),
            "--decision-text", str(out_txt), "--json",
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        document = docx.Document(str(out_docx))
        paragraphs = [p.text for p in document.paragraphs]
        assert "一、将第二条中的表格修改为：" in paragraphs
        assert not any("|" in p or "〔跨" in p for p in paragraphs)
        (table,) = document.tables
        assert len(table.rows) == len(new.rows)
        assert table._tbl.find(".//" + qn("w:vMerge")) is not None
        # The plain-text form keeps the quoted | rows; the .docx reads back as that text.
        plain = out_txt.read_text("utf-8")
        assert "“| 一类区域〔跨两行〕 | 小型车 |" in plain
        read = decision_file_text(out_docx)
        assert "\n“| 一类区域〔跨两行〕 | 小型车 | 5" in read
        for decision in (out_docx, out_txt):
            amended = tmp_path / f"amended{decision.suffix}.docx"
            done = run_app("amend", str(a), str(decision), "--out", str(amended), "--json")
            assert json.loads(done.stdout)["failed"] == [], done.stdout
            assert _tables(amended) == _tables(b), decision.suffix


def _two_paragraphs(table: Table, words: str) -> Draft:
    d = draft(
        article("为了规范停车收费，制定本条例。"),
        article(words, "前款规定的收费标准，由市价格主管部门每三年评估一次。"),
        article("本条例自2026年1月1日起施行。"),
        title="某市停车收费管理条例",
    )
    d.articles()[1].children[0].table = table
    return d


def test_an_article_rewritten_with_its_table_round_trips_through_the_docx(tmp_path: Path) -> None:
    old = text(_base())
    new = text(MERGE2)
    new.articles()[1].children[0].text = "机动车停车收费标准如下："
    _round_trip_docx(tmp_path, old, new)
    # The table inside the quotation, a 款 after it: the quotation goes on after the table.
    old = _two_paragraphs(_base(), "停车收费标准如下：")
    new = _two_paragraphs(MERGE2, "机动车停车收费标准如下：")
    new.articles()[1].children[1].text = "前款规定的收费标准，每两年评估一次。"
    _round_trip_docx(tmp_path, old, new)


def _round_trip_docx(tmp_path: Path, old: Draft, new: Draft) -> None:
    a, b = _files(tmp_path, old, new)
    out_docx = tmp_path / "决定.docx"
    run = run_app("compare", str(a), str(b), "--decision-docx", str(out_docx))
    assert run.returncode == 0, run.stderr
    assert len(docx.Document(str(out_docx)).tables) == 1
    amended = tmp_path / "amended.docx"
    done = run_app("amend", str(a), str(out_docx), "--out", str(amended), "--json")
    assert json.loads(done.stdout)["failed"] == [], done.stdout
    assert _tables(amended) == _tables(b)
    got = [[p.text for p in u.children] for u in parse_file(amended).draft.articles()]
    want = [[p.text for p in u.children] for u in parse_file(b).draft.articles()]
    assert got == want
