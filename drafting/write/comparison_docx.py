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
from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm
from docx.table import _Cell

from drafting.compare.articles import RENUMBERED, ArticlePair, Comparison, explanation
from drafting.compare.matter import NOTES, MatterChange
from drafting.compare.tables import marked_cells
from drafting.compare.wording import DELETE, EQUAL, INSERT
from drafting.model.matter import Table
from drafting.model.numbering import article_body, article_line_units
from drafting.model.units import Unit
from drafting.write import house_docx as house
from drafting.write.comparison_rows import (
    SAME_AS_LEFT,
    HeadingRow,
    Row,
    cell_diff,
    matter_key,
    matter_note,
    row_key,
    row_note,
    table_rows,
    words_unchanged,
)
from drafting.write.layout import table_grid
from drafting.write.oxml.table import repeat_header_row
from drafting.write.tracked_docx import tracked_draft_docx

__all__ = [
    "comparison_table_docx",
    "explanation",
    "row_note",
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
    ops = [(op, text) for op, text in cell_diff(pair) if op in keep]
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


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Run properties of the table's runs: 第X条 and headings in 黑体, deleted words struck
#: through, added words bold and underlined (as python-docx's font.strike / bold / underline
#: write them).
_HEITI_RPR = (
    '<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" w:hint="eastAsia"/>'
    "</w:rPr>".format(f=escape(house.HEITI, {'"': "&quot;"}))
)
_RPR = {
    EQUAL: "",
    DELETE: "<w:rPr><w:strike/></w:rPr>",
    INSERT: '<w:rPr><w:b/><w:u w:val="single"/></w:rPr>',
}


def _run_xml(text: str, rpr: str = "") -> str:
    """A w:r of ``text`` (tabs as w:tab) with the run properties ``rpr``."""
    parts = []
    for k, piece in enumerate(text.split("\t")):
        if k:
            parts.append("<w:tab/>")
        if piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _paragraph_xml(style_id: str, runs: str, align: str = "") -> str:
    """A w:p in the table text style, aligned ``align`` (left, center) when given."""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>{runs}</w:p>'


def _table_lines(units: list[Unit]) -> dict[int, tuple[int, int]]:
    """Which lines of the joined bodies of ``units`` (as ``_lines_with_labels`` counts them)
    are table rows: line → (the table's index among the units' tables, its row)."""
    out: dict[int, tuple[int, int]] = {}
    offset = 0
    k = 0
    for unit in units:
        lines = article_line_units(unit)
        seen: set[int] = set()
        for n, (owner, _) in enumerate(lines):
            if owner.table is None or id(owner) in seen:
                continue
            # The 款's words come first when it has any, then one line per table row.
            seen.add(id(owner))
            start = n + (1 if owner.text or not (owner.children or owner.table) else 0)
            for r in range(len(owner.table.rows)):
                out[offset + start + r] = (k, r)
            k += 1
        offset += max(len(lines), 1)
    return out


def _tables(units: list[Unit]) -> list[Table]:
    return [p.table for u in units for p in u.children if p.table is not None]


def _nested_table_xml(table: Table, cells: list[list[list[tuple[int, str]]]], style_id: str) -> str:
    """A table of the text inside a 对照表 cell, as a Word table with grid lines and its
    merged cells (gridSpan, vMerge; places by ``layout.table_grid``), each cell's words with
    their changes marked (``cells``: per row, per cell, runs of (op, words))."""
    height, width, places = table_grid(table)
    start: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # (r, c) → spans, row, index
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # place → (top row, top column)
    index: dict[int, int] = {}
    for r, c, cell in places:
        k = index.get(r, 0)
        index[r] = k + 1
        col_span = max(cell.col_span, 1)
        start[(r, c)] = (col_span, max(cell.row_span, 1), r, k)
        for rr in range(r, min(r + max(cell.row_span, 1), height)):
            for cc in range(c, c + col_span):
                covered[(rr, cc)] = (r, c)
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    column = int(_COLUMN_WIDTHS[0].twips * 0.95) // width
    rows = []
    for r in range(height):
        tcs = []
        c = 0
        while c < width:
            top = covered.get((r, c))
            if top is None:
                tcs.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{column}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
                )
                c += 1
                continue
            col_span, row_span, top_row, k = start[top]
            props = f'<w:tcW w:w="{column * col_span}" w:type="dxa"/>'
            if col_span > 1:
                props += f'<w:gridSpan w:val="{col_span}"/>'
            if top_row != r:
                props += "<w:vMerge/>"
                body = "<w:p/>"
            else:
                if row_span > 1:
                    props += '<w:vMerge w:val="restart"/>'
                runs = cells[top_row][k] if top_row < len(cells) and k < len(cells[top_row]) else []
                body = _paragraph_xml(
                    style_id, "".join(_run_xml(t, _RPR.get(op, "")) for op, t in runs)
                )
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
            c += col_span
        rows.append(f"<w:tr>{''.join(tcs)}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{column}"/>' for _ in range(width))
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{column * width}" w:type="dxa"/>'
        f"<w:tblBorders>{border}</w:tblBorders>"
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"{''.join(rows)}</w:tbl>"
    )


def _pair_cell_xml(pair: ArticlePair, side: int, style_id: str) -> str:
    """One column of an article row: the article's lines with their changes marked; a table
    of the text as a table in the cell, with its merged cells and its changes marked cell by
    cell (``compare.tables.marked_cells``, the other side's table of the same place in the
    article compared)."""
    units = pair.old if side < 0 else pair.new
    table_at = _table_lines(units)
    mine = _tables(units)
    others = _tables(pair.new if side < 0 else pair.old)
    paragraphs = []
    for n, (label, runs) in enumerate(_lines_with_labels(pair, side)):
        if n in table_at:
            k, r = table_at[n]
            if r == 0 and k < len(mine):
                other = others[k] if k < len(others) else None
                old, new = (mine[k], other) if side < 0 else (other, mine[k])
                paragraphs.append(
                    _nested_table_xml(mine[k], marked_cells(old, new, side), style_id)
                )
            continue
        xml = [_run_xml(label, _HEITI_RPR), _run_xml(_LABEL_SEPARATOR)] if label else []
        xml.extend(_run_xml(text, _RPR.get(op, "")) for op, text in runs)
        paragraphs.append(_paragraph_xml(style_id, "".join(xml)))
    if paragraphs and paragraphs[-1].startswith("<w:tbl>"):
        paragraphs.append("<w:p/>")  # a cell ends with a paragraph (Word requires it)
    return "".join(paragraphs) or "<w:p/>"


def _matter_cell_xml(change: MatterChange, side: int, style_id: str) -> str:
    """One column of a 序言, notes or 附件 row: the part's name (附件1) in 黑体 on a line of
    its own for an appendix, then its lines with their changes marked (the 序言 and the notes
    print no name: the text prints none)."""
    text = change.old if side < 0 else change.new
    if not text:
        return "<w:p/>"
    paragraphs = []
    if change.part not in ("序言", NOTES):
        paragraphs.append(_paragraph_xml(style_id, _run_xml(change.part, _HEITI_RPR)))
    line: list[str] = []
    for op, piece_text in change.diff:
        if op not in (EQUAL, side):
            continue
        for k, piece in enumerate(piece_text.split("\n")):
            if k:
                paragraphs.append(_paragraph_xml(style_id, "".join(line)))
                line = []
            if piece:
                line.append(_run_xml(piece, _RPR.get(op, "")))
    paragraphs.append(_paragraph_xml(style_id, "".join(line)))
    return "".join(paragraphs)


def _same_as_left_xml(pair: ArticlePair, style_id: str) -> str:
    """The new column of a pair whose words did not change: 同左, after the new number when
    the number changed."""
    runs = ""
    if pair.old_numbers != pair.new_numbers and pair.new_label:
        runs = _run_xml(pair.new_label, _HEITI_RPR) + _run_xml(_LABEL_SEPARATOR)
    return _paragraph_xml(style_id, runs + _run_xml(SAME_AS_LEFT))


def _note_xml(text: str, style_id: str) -> str:
    """The 修改说明: left-aligned, not justified, so a short note in the narrow column is not
    spread out character by character; one paragraph per line of ``text``."""
    return "".join(
        _paragraph_xml(style_id, _run_xml(line) if line else "", "left")
        for line in text.split("\n")
    )


def _row_xml(
    row: Row,
    style_id: str,
    same_as_left: bool,
    notes: Mapping[str, str],
) -> str:
    """One w:tr of the table: old column, new column, 修改说明."""
    if isinstance(row, HeadingRow):
        new_text = SAME_AS_LEFT if same_as_left and row.old == row.new else row.new
        old, new = (
            _paragraph_xml(style_id, _run_xml(text, _HEITI_RPR) if text else "", "center")
            for text in (row.old, new_text)
        )
        note = _note_xml(row.note, style_id)
    elif isinstance(row, MatterChange):
        old = _matter_cell_xml(row, -1, style_id)
        new = _matter_cell_xml(row, 1, style_id)
        note = _note_xml(notes.get(matter_key(row), matter_note(row)), style_id)
    else:
        old = _pair_cell_xml(row, -1, style_id) if row.old else "<w:p/>"
        if not row.new:
            new = "<w:p/>"
        elif same_as_left and words_unchanged(row):
            new = _same_as_left_xml(row, style_id)
        else:
            new = _pair_cell_xml(row, 1, style_id)
        note = _note_xml(notes.get(row_key(row), row_note(row)), style_id)
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{int(width.twips)}" w:type="dxa"/></w:tcPr>{body}</w:tc>'
        for width, body in zip(_COLUMN_WIDTHS, (old, new, note), strict=True)
    )
    return f"<w:tr>{cells}</w:tr>"


def _rows_xml(
    rows: list[Row],
    style_id: str,
    same_as_left: bool,
    notes: Mapping[str, str],
) -> list[BaseOxmlElement]:
    """The table's rows as w:tr elements, built as text and parsed once.

    python-docx's ``add_row`` looks up w:tblGrid and scans the table for every row, and each
    ``add_run`` walks its paragraph: the all-rows 对照表 of the 民法典 took over a second."""
    trs = "".join(_row_xml(row, style_id, same_as_left, notes) for row in rows)
    return list(parse_xml(f'<w:tbl xmlns:w="{_W_NS}">{trs}</w:tbl>'))


def comparison_table_docx(
    comparison: Comparison,
    path: Path | None = None,
    *,
    include_renumbered: bool = False,
    include_unchanged: bool = False,
    same_as_left: bool = False,
    headings: bool = False,
    notes: Mapping[str, str] | None = None,
    matter: bool = True,
) -> Document:
    """The 修改对照表 as a document (written to ``path`` when given).

    By default only rows whose words or place changed are listed, with a note that the other
    articles were only renumbered; ``include_renumbered`` / ``include_unchanged`` add those rows.
    ``same_as_left``: the new column reads 同左 where the words did not change.
    ``headings``: 编/章/节 heading rows above the articles under them.
    ``notes``: the 修改说明 of rows by ``row_key`` (第二条→第三条) or ``matter_key`` (序言,
    附件1), replacing the drafted ``row_note`` / ``matter_note``; a note may hold several lines.
    ``matter``: rows for a changed 序言 (first), the changed notes after the last article
    (落款, 注：…; key 注记) and each changed 附件 (last).
    """
    document = house.new_document(landscape=True)
    house.add_styled_paragraph(document, table_title(comparison), house.STYLE_TITLE)
    rows = table_rows(
        comparison,
        include_renumbered=include_renumbered,
        include_unchanged=include_unchanged,
        headings=headings,
        matter=matter,
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
    tbl = table._tbl
    for tr in _rows_xml(list(rows), text_style, same_as_left, notes):
        tbl.append(tr)
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
