"""The 对照表 options: 同左, 编/章/节 heading rows, the 修改说明 given by the caller, and a
修改说明 column that reads normally (wide enough, left-aligned)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from drafting.compare.articles import compare_drafts
from drafting.model.units import Unit, UnitKind
from drafting.write.comparison_docx import comparison_table_docx, row_key
from drafting.write.comparison_rows import HeadingRow, row_note, table_rows
from tests.app_runner import run_app
from tests.drafting.compare_helpers import article, draft, read_draft
from tests.drafting.write.test_compare_documents import sample


def _rows(document: docx.document.Document) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in document.tables[0].rows[1:]]


def test_same_as_left_where_the_words_did_not_change() -> None:
    old, new = sample()
    comparison = compare_drafts(old, new)
    document = comparison_table_docx(
        comparison, include_renumbered=True, include_unchanged=True, same_as_left=True
    )
    rows = _rows(document)
    assert rows[0][0].startswith("第一条\u3000为了加强公园管理") and rows[0][1] == "同左"
    renumbered = next(r for r in rows if r[0].startswith("第三条"))
    assert renumbered[1] == "第二条\u3000同左"
    modified = next(r for r in rows if "文字修改" in r[2])
    assert "同左" not in modified[1] and modified[1].startswith("第三条\u3000违反本条例")
    added = next(r for r in rows if r[2].startswith("新增"))
    assert added[1].startswith("第四条\u3000公园内禁止")
    # Without the option the words are written out.
    plain = _rows(comparison_table_docx(comparison, include_unchanged=True))
    assert plain[0][1] == plain[0][0]


def _chaptered() -> tuple:  # type: ignore[type-arg]
    def chapter(heading: str, *articles: Unit) -> Unit:
        return Unit(UnitKind.CHAPTER, heading=heading, children=list(articles))

    old = draft(
        chapter("总则", article("为了加强公园管理，制定本条例。"), article("本条例适用于本市。")),
        chapter("保护", article("禁止损毁公园设施。"), article("禁止在公园内乱扔垃圾。")),
        chapter("附则", article("本条例自2025年1月1日起施行。")),
        title="某市公园条例",
    )
    new = old.clone()
    new.units[1].heading = "保护和管理"
    new.units[1].children[1].children[0].text = "禁止在公园内乱扔垃圾、随地吐痰。"
    return old, new


def test_heading_rows_above_the_changed_articles() -> None:
    old, new = _chaptered()
    comparison = compare_drafts(old, new)
    rows = table_rows(comparison, headings=True)
    assert [type(r).__name__ for r in rows] == ["HeadingRow", "ArticlePair"]
    heading = rows[0]
    assert isinstance(heading, HeadingRow)
    assert (heading.old, heading.new, heading.note) == (
        "第二章\u3000保护",
        "第二章\u3000保护和管理",
        "章名修改：“保护”改为“保护和管理”",
    )
    document = comparison_table_docx(comparison, headings=True)
    table_rows_text = _rows(document)
    assert table_rows_text[0] == [
        "第二章\u3000保护",
        "第二章\u3000保护和管理",
        "章名修改：“保护”改为“保护和管理”",
    ]
    assert table_rows_text[1][2] == "文字修改：增加“、随地吐痰”"
    # All rows: each chapter once, above its first article; 同左 for an unchanged heading.
    everything = comparison_table_docx(
        comparison, headings=True, include_unchanged=True, same_as_left=True
    )
    texts = _rows(everything)
    assert [r[0] for r in texts if "章" in r[0][:4]] == [
        "第一章\u3000总则",
        "第二章\u3000保护",
        "第三章\u3000附则",
    ]
    assert texts[0][1] == "同左" and texts[0][2] == ""
    assert len(texts) == 3 + 5


def test_heading_rows_on_the_lifafa_pair(corpus: Path) -> None:
    old = read_draft(corpus / "pair_lifafa_2015.md")
    new = read_draft(corpus / "pair_lifafa_2023.md")
    rows = table_rows(compare_drafts(old, new), headings=True)
    headings = [r for r in rows if isinstance(r, HeadingRow)]
    assert headings[0].new == "第一章\u3000总则"
    assert any(h.new.startswith("第一节") for h in headings)
    # A heading row comes before the articles under it, never twice in a row.
    assert all(
        not (isinstance(a, HeadingRow) and a is b) for a, b in zip(rows, rows[1:], strict=False)
    )


def test_notes_given_by_the_caller_replace_the_drafted_ones() -> None:
    old, new = sample()
    comparison = compare_drafts(old, new)
    modified = next(p for p in comparison.pairs if p.status == "modified")
    assert row_key(modified) == "第四条→第三条"
    notes = {row_key(modified): "提高罚款数额\n与上位法衔接"}
    document = comparison_table_docx(comparison, notes=notes)
    cell = next(r.cells[2] for r in document.tables[0].rows[1:] if "二千" in r.cells[1].text)
    assert [p.text for p in cell.paragraphs] == ["提高罚款数额", "与上位法衔接"]
    others = [r.cells[2].text for r in document.tables[0].rows[1:] if "二千" not in r.cells[1].text]
    assert others == [row_note(p) for p in comparison.pairs if p.is_change and p is not modified]


def test_the_note_column_reads_normally() -> None:
    """The 修改说明 is left-aligned (justified text in a narrow cell spread 新 增 （ 第) and its
    column is wide enough for a long renumbering note on a few lines."""
    old, new = sample()
    document = comparison_table_docx(compare_drafts(old, new))
    table = document.tables[0]
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
    assert widths[2] >= 2700  # twips: at least 19 characters of 10.5 pt on a line... about 48 mm
    assert sum(widths) <= 12760  # the landscape type area (225 mm)
    for row in table.rows[1:]:
        for paragraph in row.cells[2].paragraphs:
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_cli_compare_table_options(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "对照表.docx"
    result = run_app(
        "compare",
        str(corpus / "pair_lifafa_2015.md"),
        str(corpus / "pair_lifafa_2023.md"),
        "--docx",
        str(out),
        "--all",
        "--same-as-left",
        "--headings",
    )
    assert result.returncode == 0, result.stderr
    rows = _rows(docx.Document(str(out)))
    assert rows[0] == ["第一章\u3000总则", "同左", ""]
    assert any(r[1].endswith("\u3000同左") for r in rows)


def test_a_renamed_chapter_is_a_row_even_when_its_articles_did_not_change() -> None:
    old, new = _chaptered()
    new.units[1].children[1].children[0].text = "禁止在公园内乱扔垃圾。"  # back as it was
    new.units[2].heading = "附\u3000\u3000则"
    comparison = compare_drafts(old, new)
    rows = table_rows(comparison, headings=True)
    assert [(r.old, r.new, r.note) for r in rows if isinstance(r, HeadingRow)] == [
        ("第二章\u3000保护", "第二章\u3000保护和管理", "章名修改：“保护”改为“保护和管理”"),
        ("第三章\u3000附则", "第三章\u3000附\u3000\u3000则", "章名空格调整"),
    ]
    assert not [r for r in rows if not isinstance(r, HeadingRow)]


# ---- 章/节 rows as the 修改决定 pairs the headings (F23, 北京 pair) --------------------------------


def _beijing(corpus: Path, backwards: bool = False):  # type: ignore[no-untyped-def]
    names = ["pair_beijing_lawmaking_2017.md", "pair_beijing_lawmaking_2023.md"]
    if backwards:
        names.reverse()
    return compare_drafts(read_draft(corpus / names[0]), read_draft(corpus / names[1]))


def _heading_rows(comparison) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    rows = table_rows(comparison, headings=True)
    return [(r.old, r.new, r.note) for r in rows if isinstance(r, HeadingRow)]


def test_beijing_heading_rows_say_what_the_decision_says(corpus: Path) -> None:
    from drafting.compare.decision import amendment_decision

    comparison = _beijing(corpus)
    rows = _heading_rows(comparison)
    old_chapters = [line.split("\u3000")[0] for line in _lines(comparison.old_draft)]
    # Every old 章 and 节 has a row.
    shown_old = [old.split("\u3000")[0] for old, _, _ in rows if old]
    assert sorted(shown_old) == sorted(old_chapters)  # in the new text's order
    notes = {old.split("\u3000")[0] + "→" + new.split("\u3000")[0]: note for old, new, note in rows}
    # A 节 that became a 章 is said so, as the decision says it.
    assert notes["第二节→第五章"] == "原第三章第二节改为第五章"
    assert notes["第三节→第七章"] == "原第三章第三节改为第七章"
    # A chapter moved with the same title is one row, not 删除 + 新增.
    assert notes["第四章→第六章"] == "原第四章改为第六章"
    assert notes["第一节→"] == "删去第三章第一节节名"
    assert notes["→第三章"] == "新增"
    assert "删除" not in [note for _, _, note in rows]
    decision = amendment_decision(comparison)
    assert "将第三章第二节改为第五章" in decision and "将第四章改为第六章" in decision
    assert "删去第三章第一节节名" in decision


def _lines(draft) -> list[str]:  # type: ignore[no-untyped-def]
    from drafting.model.positions import Context

    ctx = Context(draft)
    return [
        ctx.full_label(u.uid).split("章")[-1]
        if u.kind.value == "section"
        else ctx.full_label(u.uid)
        for u in draft.walk()
        if u.kind.is_heading
    ]


def test_beijing_heading_rows_backwards(corpus: Path) -> None:
    rows = _heading_rows(_beijing(corpus, backwards=True))
    notes = [note for _, _, note in rows]
    assert "原第五章改为第三章第二节" in notes and "原第六章改为第四章" in notes
    # Every old 章 has a row (第八章 附则 too, as the decision deletes its name).
    assert sum(1 for old, _, _ in rows if old.startswith("第")) == 8
