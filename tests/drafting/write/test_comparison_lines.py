"""The 对照表 marks an article's changes line by line, as the 修改稿 does (an item whose only
change is "(一)"→"（一）" shows only its bracket struck and inserted), and its 修改说明 says
what happened in the committee's words (删去第四项、第五项, 删去第二款, “行政处分”改为“处分”),
never a diff cut at arbitrary points and never something false (长江 pair, 第二十六条)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import docx
from hypothesis import given
from hypothesis import strategies as st

from drafting.compare.articles import Comparison, compare_drafts
from drafting.write.comparison_docx import comparison_table_docx
from drafting.write.comparison_rows import cell_diff, line_wording, row_note
from drafting.write.line_changes import line_diff
from tests.conftest import CORPUS
from tests.drafting.compare_helpers import read_draft


@cache
def _changjiang() -> Comparison:
    return compare_drafts(
        read_draft(CORPUS / "pair_changjiang_sand_2001.md"),
        read_draft(CORPUS / "pair_changjiang_sand_2023.md"),
    )


def _pair(number: str):  # type: ignore[no-untyped-def]
    return next(p for p in _changjiang().pairs if p.old_numbers == [number])


def test_the_changjiang_article_26_note_says_what_was_deleted() -> None:
    note = row_note(_pair("第二十六条"))
    assert "删去第一款第四项、第五项" in note
    assert "删去第二款" in note
    # Never "(五)…改为（二）…": item (五) did not become item (二).
    assert "(五)" not in note and "（二）" not in note


def test_the_changjiang_notes_quote_whole_terms() -> None:
    assert row_note(_pair("第二十四条")) == "文字修改：“行政处分”改为“处分”"
    # 第十八条's second 款 is gone: said so, not hidden in a quoted snippet.
    note = row_note(_pair("第十八条"))
    assert "删去第二款" in note and "…" not in note


def test_every_changjiang_note_quotes_no_cut_phrase() -> None:
    for pair in _changjiang().pairs:
        assert "…" not in row_note(pair), pair.old_numbers


def test_the_table_marks_only_the_bracket_of_an_item_otherwise_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "对照表.docx"
    comparison_table_docx(_changjiang(), path)
    table = docx.Document(str(path)).tables[0]
    row = next(r for r in table.rows if r.cells[0].text.startswith("第二十六条"))
    old_cell, new_cell = row.cells[0], row.cells[1]
    item = next(p for p in old_cell.paragraphs if p.text.startswith("(一)"))
    assert [r.text for r in item.runs if r.font.strike] == ["(一)"]
    item = next(p for p in new_cell.paragraphs if p.text.startswith("（一）"))
    assert [r.text for r in item.runs if r.font.bold] == ["（一）"]
    # Items (四)(五) and the second 款 are struck whole.
    gone = [p for p in old_cell.paragraphs if p.text.startswith(("(四)", "(五)", "有前款"))]
    assert len(gone) == 3
    assert all(all(r.font.strike for r in p.runs) for p in gone)


def test_cell_diff_reads_both_sides() -> None:
    for pair in _changjiang().pairs:
        ops = cell_diff(pair)
        old = "".join(t for op, t in ops if op <= 0)
        new = "".join(t for op, t in ops if op >= 0)
        assert old == "".join(t for op, t in pair.diff if op <= 0)
        assert new == "".join(t for op, t in pair.diff if op >= 0)


_LINES = ["(一)甲乙丙丁；", "（一）甲乙丙丁；", "戊己庚辛。", "壬癸子丑寅", "卯辰巳午", ""]


@given(st.lists(st.sampled_from(_LINES), max_size=6), st.lists(st.sampled_from(_LINES), max_size=6))
def test_line_diff_gives_each_side(a: list[str], b: list[str]) -> None:
    old, new = "\n".join(a), "\n".join(b)
    ops = line_diff(old, new)
    assert "".join(t for op, t in ops if op <= 0) == old
    assert "".join(t for op, t in ops if op >= 0) == new


def test_line_wording_in_whole_phrases() -> None:
    assert line_wording("依法给予行政处分。", "依法给予处分。") == [
        "“依法给予行政处分”改为“依法给予处分”"
    ]
    assert line_wording("(一)甲乙丙丁；", "（一）甲乙丙丁。") == []  # width, closing mark
    assert line_wording("禁止乱扔垃圾。", "禁止乱扔垃圾、随地吐痰。") == ["增加“、随地吐痰”"]
    assert line_wording("违反本法第七十八条规定的。", "违反本法第八十一条规定的。") == [
        "“违反本法第七十八条规定的”改为“违反本法第八十一条规定的”"
    ]


def test_structure_notes_on_a_small_pair(tmp_path: Path) -> None:
    head = "# 某市条例\n\n第一条　本条例所称公园，是指向公众开放的场所。\n\n"
    body = "第二条　有下列行为之一的，予以处罚：\n\n{}\n\n第三条　本条例自公布之日起施行。\n"
    (tmp_path / "old.md").write_text(
        head + body.format("(一)损毁花草树木的；\n\n(二)乱扔垃圾的；\n\n(三)露营的。"), "utf-8"
    )
    (tmp_path / "new.md").write_text(
        head
        + body.format("（一）损毁花草树木的；\n\n（二）乱扔垃圾的。\n\n有前款行为的，予以劝阻。"),
        "utf-8",
    )
    comparison = compare_drafts(read_draft(tmp_path / "old.md"), read_draft(tmp_path / "new.md"))
    (pair,) = [p for p in comparison.pairs if p.is_change]
    assert row_note(pair) == "删去第三项；增加一款，作为第二款"
