"""Word documents from a comparison: the 修改对照表 and the 修改稿 with tracked changes.

- ``comparison_table_docx``: landscape, a table 原条文 | 修改后条文 | 修改说明; deleted words
  struck through in the old column, added words bold and underlined in the new one; each
  column shows its own article number, so a renumbered article shows both.
- ``tracked_draft_docx`` (in ``tracked_docx``, re-exported here): the new text in the house
  style, each difference from the old text a real Word revision (see ``oxml.revisions``) that
  Word, WPS or LibreOffice can accept (giving the new text) or reject (giving the old one).

Both start from ``house_docx.new_document`` (page, fonts, styles, page numbers).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm
from docx.table import _Cell

from drafting.compare.articles import (
    RENUMBERED,
    UNCHANGED,
    ArticlePair,
    Comparison,
    explanation,
)
from drafting.compare.wording import DELETE, EQUAL, INSERT
from drafting.model.numbering import article_body
from drafting.write import house_docx as house
from drafting.write.oxml.table import repeat_header_row
from drafting.write.tracked_docx import tracked_draft_docx

__all__ = ["comparison_table_docx", "explanation", "table_title", "tracked_draft_docx"]

TABLE_HEADERS = ("原条文", "修改后条文", "修改说明")
#: Column widths on landscape A4 (225 mm of type area).
_COLUMN_WIDTHS = (Mm(95), Mm(95), Mm(35))
_LABEL_SEPARATOR = "\u3000"


def table_title(comparison: Comparison) -> str:
    """《X》修改对照表, X being the new text's title (the old one if the new has none)."""
    name = (comparison.new_title or comparison.old_title).strip("《》")
    return f"《{name}》修改对照表"


# ---- the comparison table ---------------------------------------------------------------------


def _lines_with_labels(pair: ArticlePair, side: int) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """For one column (side -1 old, 1 new): each paragraph as (label, runs of (op, text)), the
    label being the article number where an article starts."""
    labels = pair.old_numbers if side < 0 else pair.new_numbers
    keep = (EQUAL, side)
    ops = [(op, text) for op, text in pair.diff if op in keep]
    # The bodies of several articles (split / merged) are joined with newlines; article
    # starts are known from each article's paragraph count.
    units = pair.old if side < 0 else pair.new
    starts: dict[int, str] = {}
    line_no = 0
    for label, unit in zip(labels, units, strict=True):
        starts[line_no] = label
        line_no += article_body(unit).count("\n") + 1
    line: list[tuple[int, str]] = []
    n = 0
    for op, text in ops:
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                yield starts.get(n, ""), line
                line, n = [], n + 1
            if piece:
                line.append((op, piece))
    if line or ops:
        yield starts.get(n, ""), line


def _fill_cell(cell: _Cell, pair: ArticlePair, side: int, style_id: str) -> None:
    first = True
    for label, runs in _lines_with_labels(pair, side):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph._p.style = style_id
        if label:
            label_run = paragraph.add_run(label)
            house.set_run_font(label_run, east_asia=house.HEITI)
            paragraph.add_run(_LABEL_SEPARATOR)
        for op, text in runs:
            run = paragraph.add_run(text)
            if op == DELETE:
                run.font.strike = True
            elif op == INSERT:
                run.font.bold = True
                run.font.underline = True


def comparison_table_docx(
    comparison: Comparison,
    path: Path | None = None,
    *,
    include_renumbered: bool = False,
    include_unchanged: bool = False,
) -> Document:
    """The 修改对照表 as a document (written to ``path`` when given).

    By default only rows whose words or place changed are listed, with a note that the other
    articles were only renumbered; ``include_renumbered`` / ``include_unchanged`` add those rows.
    """
    document = house.new_document(landscape=True)
    house.add_styled_paragraph(document, table_title(comparison), house.STYLE_TITLE)
    rows = [
        p
        for p in comparison.pairs
        if p.is_change
        or (include_renumbered and p.status == RENUMBERED)
        or (include_unchanged and p.status == UNCHANGED)
    ]
    table = document.add_table(rows=1, cols=3)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, _COLUMN_WIDTHS, strict=True):
        column.width = width  # w:gridCol: what Word and LibreOffice lay the table out by
    text_style = house.style_id(document, house.STYLE_TABLE_TEXT)
    header_cells = [_Cell(tc, table) for tc in table.rows[0]._tr.tc_lst]
    for cell, text, width in zip(header_cells, TABLE_HEADERS, _COLUMN_WIDTHS, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph._p.style = text_style
        paragraph.alignment = 1  # centred
        house.set_run_font(paragraph.add_run(text), east_asia=house.HEITI, bold=True)
    repeat_header_row(table.rows[0]._tr)
    for pair in rows:
        # Cells through the row's own XML: table.rows[i].cells rescans the whole table.
        tr = table.add_row()._tr
        cells = [_Cell(tc, table) for tc in tr.tc_lst]
        for cell, width in zip(cells, _COLUMN_WIDTHS, strict=True):
            cell.width = width
        if pair.old:
            _fill_cell(cells[0], pair, -1, text_style)
        if pair.new:
            _fill_cell(cells[1], pair, 1, text_style)
        note = cells[2].paragraphs[0]
        note._p.style = text_style
        note.add_run(explanation(pair))
    skipped = comparison.summary.get(RENUMBERED, 0) if not include_renumbered else 0
    if skipped:
        house.add_styled_paragraph(
            document,
            f"注：其他{skipped}条仅条文序号作相应调整，未列入本表。",
            house.STYLE_TABLE_TEXT,
        )
    if path is not None:
        document.save(str(path))
    return document


# ---- the tracked-changes 修改稿 lives in ``tracked_docx`` (re-exported here) ------------------
