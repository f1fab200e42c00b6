"""The clean text of a draft as an official-looking .docx (a writer that walks the tree).

Layout, top to bottom: title; the stage label when the version is not final (（征求意见稿）);
the 题注 in parentheses; 目录 when the text has chapters; then headings and articles. The
house style (page, fonts, page numbers) comes from ``docx_house``; this module only decides
which paragraph gets which style. Everything is written as plain paragraphs (no Word lists or
fields in the text), so the .docx reads back to the same tree through ``parse_file``.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.shared import Twips

from drafting.model.matter import Table
from drafting.model.numbering import Number, article_line_units, article_lines, compute_numbers
from drafting.model.stages import stage_line
from drafting.model.units import Draft, UnitKind
from drafting.write import house_docx as house
from drafting.write.plain_text import heading_line

#: The 目录 heading as printed in official texts.
TOC_HEADING = "目\u3000\u3000录"

#: Outline levels for Word's navigation pane.
_OUTLINE_LEVEL = {
    UnitKind.PART: 0,
    UnitKind.SUBPART: 1,
    UnitKind.CHAPTER: 2,
    UnitKind.SECTION: 3,
}

#: 目录 indent (in characters) per heading kind: 节 sits under its 章.
_TOC_INDENT = {
    UnitKind.PART: 0,
    UnitKind.SUBPART: 1,
    UnitKind.CHAPTER: 2,
    UnitKind.SECTION: 3,
}


def has_toc(draft: Draft) -> bool:
    """A 目录 is printed when the text is divided into chapters (or 编) from its start.

    A text that opens with articles and has a few unnumbered headings later (宁波河道条例)
    gets none: it is not a chaptered text, and a reader could not tell such a 目录 from text.
    """
    return bool(draft.units) and draft.units[0].kind in (UnitKind.PART, UnitKind.CHAPTER)


def toc_entries(draft: Draft, numbers: dict[str, Number]) -> list[tuple[UnitKind, str]]:
    """The 目录: (kind, heading line) for every part, subpart, chapter and section."""
    return [
        (u.kind, heading_line(numbers[u.uid], u.heading)) for u in draft.walk() if u.kind.is_heading
    ]


def build_docx(draft: Draft, *, stage_label: str = "") -> Document:
    """The clean text of ``draft`` as a python-docx Document in the house style."""
    document = house.new_document()
    numbers = compute_numbers(draft)
    add = house.add_styled_paragraph

    # Title block: the title may hold a line break for a long two-line title.
    block = [add(document, line, house.STYLE_TITLE) for line in draft.title.split("\n")]
    if stage_line(stage_label):
        block.append(add(document, stage_line(stage_label), house.STYLE_STAGE))
    for line in draft.title_note.split("\n") if draft.title_note else []:
        block.append(add(document, f"（{line}）", house.STYLE_NOTE))
    # One blank line between the title block and what follows.
    block[-1].paragraph_format.space_after = Twips(house.LINE_PITCH.twips)

    if has_toc(draft):
        add(document, TOC_HEADING, house.STYLE_TOC_HEADING)
        for kind, line in toc_entries(draft, numbers):
            paragraph = add(document, line, house.STYLE_TOC)
            indent = _TOC_INDENT[kind]
            if indent != house.INDENT_CHARS:
                house.set_first_line_chars(paragraph._p.get_or_add_pPr(), indent, house.SANHAO)

    if draft.preamble is not None:  # 序言 (issue 10): heading and paragraphs before 第一条
        if draft.preamble.heading:
            add(document, draft.preamble.heading, house.STYLE_HEADING)
        for text in draft.preamble.paragraphs:
            add(document, text, house.STYLE_BODY)

    for unit in draft.walk():
        if unit.kind.is_heading:
            line = heading_line(numbers[unit.uid], unit.heading)
            house.set_outline_level(
                add(document, line, house.STYLE_HEADING), _OUTLINE_LEVEL[unit.kind]
            )
        elif unit.kind is UnitKind.ARTICLE:
            lines = article_lines(unit)
            tables = {id(p.table): p.table for p in unit.children if p.table is not None}
            if not tables:
                house.add_article_paragraph(document, numbers[unit.uid].label, lines[0])
                for line in lines[1:]:
                    add(document, line, house.STYLE_BODY)
                continue
            # A 款's table (issue 10) as a real Word table after the 款's words.
            first = True
            for holder, line in article_line_units(unit):
                if holder.table is not None and line.startswith("|"):
                    if tables.pop(id(holder.table), None) is not None:
                        if first:
                            house.add_article_paragraph(document, numbers[unit.uid].label, "")
                            first = False
                        _add_table(document, holder.table)
                    continue
                if first:
                    house.add_article_paragraph(document, numbers[unit.uid].label, line)
                    first = False
                else:
                    add(document, line, house.STYLE_BODY)
    for appendix in draft.appendices:  # 附件 (issue 10): label, title, paragraphs, Word tables
        add(document, appendix.label or "附件", house.STYLE_BODY)
        if appendix.title:
            add(document, appendix.title, house.STYLE_HEADING)
        for part in appendix.blocks:
            if isinstance(part, str):
                add(document, part, house.STYLE_BODY)
                continue
            _add_table(document, part)
    return document


def _add_table(document: Document, table: Table) -> None:
    """A table of the text (issue 10) as a Word table with grid lines."""
    rows = table.texts()
    grid = document.add_table(rows=len(rows), cols=max(map(len, rows), default=1))
    grid.style = "Table Grid"
    for row, cells in zip(grid.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=False):
            cell.text = text


def export_docx(draft: Draft, out: Path, *, stage_label: str = "") -> None:
    """Write the clean text of ``draft`` to ``out`` (.docx) in the official house format."""
    build_docx(draft, stage_label=stage_label).save(str(out))
