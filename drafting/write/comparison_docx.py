"""Word documents from a comparison: the 修改对照表 and the 修改稿 with tracked changes.

- ``comparison_table_docx``: landscape, a table 原条文 | 修改后条文 | 修改说明; deleted words
  struck through in the old column, added words bold and underlined in the new one; each
  column shows its own article number, so a renumbered article shows both. Options: 同左 in
  the new column where the words did not change, 编/章/节 heading rows, and the 修改说明 of any
  row given by the caller (which rows and which words: ``comparison_rows``).
- ``tracked_draft_docx`` (in ``tracked_docx``, re-exported here): the new text in the house
  style, each difference from the old text a real Word revision (see ``oxml.revisions``) that
  Word, WPS or LibreOffice can accept (giving the new text) or reject (giving the old one).

Both start from ``house_docx.new_document`` (page, fonts, styles, page numbers).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from docx.table import _Cell

from drafting.compare.articles import RENUMBERED, ArticlePair, Comparison, explanation
from drafting.compare.wording import DELETE, EQUAL, INSERT
from drafting.model.numbering import article_body
from drafting.write import house_docx as house
from drafting.write.comparison_rows import (
    SAME_AS_LEFT,
    HeadingRow,
    row_key,
    table_rows,
    words_unchanged,
)
from drafting.write.oxml.table import repeat_header_row
from drafting.write.tracked_docx import tracked_draft_docx

__all__ = [
    "comparison_table_docx",
    "explanation",
    "row_key",
    "table_title",
    "tracked_draft_docx",
]

TABLE_HEADERS = ("原条文", "修改后条文", "修改说明")
#: Column widths on landscape A4 (225 mm of type area): the 修改说明 column wide enough for a
#: note such as 条文序号由第一百零五条调整为第一百二十条 on three lines.
_COLUMN_WIDTHS = (Mm(88), Mm(88), Mm(49))
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


def _fill_same_as_left(cell: _Cell, pair: ArticlePair, style_id: str) -> None:
    """The new column of a pair whose words did not change: 同左, after the new number when
    the number changed."""
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id
    if pair.old_numbers != pair.new_numbers and pair.new_label:
        house.set_run_font(paragraph.add_run(pair.new_label), east_asia=house.HEITI)
        paragraph.add_run(_LABEL_SEPARATOR)
    paragraph.add_run(SAME_AS_LEFT)


def _fill_heading(cells: list[_Cell], heading: HeadingRow, style_id: str, same: bool) -> None:
    """A 编/章/节 row: the old and new heading lines in 黑体, centred, and its note."""
    new_text = SAME_AS_LEFT if same and heading.old == heading.new else heading.new
    for cell, text in zip(cells, (heading.old, new_text), strict=False):
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            house.set_run_font(paragraph.add_run(text), east_asia=house.HEITI)
    _fill_note(cells[2], heading.note, style_id)


def _fill_note(cell: _Cell, text: str, style_id: str) -> None:
    """The 修改说明: left-aligned, not justified, so a short note in the narrow column is not
    spread out character by character; one paragraph per line of ``text``."""
    for k, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        paragraph._p.style = style_id
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if line:
            paragraph.add_run(line)


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
    same_as_left: bool = False,
    headings: bool = False,
    notes: Mapping[str, str] | None = None,
) -> Document:
    """The 修改对照表 as a document (written to ``path`` when given).

    By default only rows whose words or place changed are listed, with a note that the other
    articles were only renumbered; ``include_renumbered`` / ``include_unchanged`` add those rows.
    ``same_as_left``: the new column reads 同左 where the words did not change.
    ``headings``: 编/章/节 heading rows above the articles under them.
    ``notes``: the 修改说明 of rows by ``row_key`` (第二条→第三条), replacing the drafted
    ``explanation``; a note may hold several lines.
    """
    document = house.new_document(landscape=True)
    house.add_styled_paragraph(document, table_title(comparison), house.STYLE_TITLE)
    rows = table_rows(
        comparison,
        include_renumbered=include_renumbered,
        include_unchanged=include_unchanged,
        headings=headings,
    )
    notes = notes or {}
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
    for row in rows:
        # Cells through the row's own XML: table.rows[i].cells rescans the whole table.
        tr = table.add_row()._tr
        cells = [_Cell(tc, table) for tc in tr.tc_lst]
        for cell, width in zip(cells, _COLUMN_WIDTHS, strict=True):
            cell.width = width
        if isinstance(row, HeadingRow):
            _fill_heading(cells, row, text_style, same_as_left)
            continue
        pair = row
        if pair.old:
            _fill_cell(cells[0], pair, -1, text_style)
        if pair.new:
            if same_as_left and words_unchanged(pair):
                _fill_same_as_left(cells[1], pair, text_style)
            else:
                _fill_cell(cells[1], pair, 1, text_style)
        _fill_note(cells[2], notes.get(row_key(pair), explanation(pair)), text_style)
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
