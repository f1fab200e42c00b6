"""The clean text of a draft as an official-looking .docx: the layout stream in Word styles.

The blocks come from ``layout.house_layout`` (title, stage label, 题注, 目录, headings,
articles), the same stream the printer and the reading pane lay out; the house style (page,
fonts, page numbers) from ``house_docx``. This module only decides which paragraph style each
block role gets. Everything is written as plain paragraphs (no Word lists or fields in the
text), so the .docx reads back to the same tree through ``parse_file``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from docx.document import Document
from docx.shared import Twips
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from drafting.model.matter import Table
from drafting.model.stages import stage_line
from drafting.model.units import Draft
from drafting.write import house_docx as house
from drafting.write import house_style as spec
from drafting.write.house_style import FontRole, ParagraphRole
from drafting.write.layout import (
    TOC_HEADING,
    Block,
    BlockRole,
    has_toc,
    house_layout,
    paragraph_role,
    table_grid,
    toc_entries,
)
from drafting.write.oxml.paragraph import set_first_line_chars

__all__ = [
    "TOC_HEADING",
    "add_table",
    "build_docx",
    "export_docx",
    "has_toc",
    "paragraph_role",
    "stage_line",
    "toc_entries",
    "write_blocks",
]

#: Character styles for spans whose font differs from their paragraph's (第X条 in 黑体).
_CHAR_STYLE = {FontRole.ARTICLE_LABEL: house.STYLE_ARTICLE_LABEL}


def write_blocks(document: Document, blocks: Iterable[Block]) -> None:
    """Append ``blocks`` to ``document`` as paragraphs in the house styles."""
    body_size = spec.FONTS[FontRole.BODY].size_pt
    for block in blocks:
        if block.role is BlockRole.TABLE and block.table is not None:
            # A table of the text is a real Word table, set once at its first row.
            if block.row == 0:
                add_table(document, block.table)
            continue
        style = house.STYLE_OF[paragraph_role(block.role)]
        runs = [(span.text, _CHAR_STYLE.get(span.font)) for span in block.spans]
        paragraph = house.append_paragraph(document, runs, style)
        if block.ends_title_block:
            # One blank line between the title block and what follows.
            paragraph.paragraph_format.space_after = Twips(
                int(spec.TITLE_BLOCK_SPACE_AFTER_LINES * spec.LINE_PITCH_TWIPS)
            )
        elif block.role is BlockRole.HEADING and block.kind is not None:
            house.set_outline_level(paragraph, spec.OUTLINE_LEVEL[block.kind])
        elif block.role is BlockRole.TOC_ENTRY and block.kind is not None:
            indent = spec.TOC_INDENT_CHARS[block.kind]
            if indent != spec.PARAGRAPHS[ParagraphRole.TOC].first_line_chars:
                set_first_line_chars(paragraph._p.get_or_add_pPr(), indent, body_size)


def add_table(
    document: Document,
    table: Table,
    fill: Callable[[Paragraph, int, int], None] | None = None,
) -> DocxTable:
    """A table of the text (of a 款 or an appendix) as a Word table with grid lines, appended
    to ``document``'s body; returns it.

    Merged cells are merged as Word has them: a cell spanning columns or rows covers the
    grid cells to its right and below, and those hold no words of their own. ``fill``
    writes a cell's words into its (first) paragraph, given the cell's row and its index in
    ``table.rows[row]`` (the 修改稿 writes tracked runs there); None: the cell's text, plain.
    """
    height, width, places = table_grid(table)
    grid = document.add_table(rows=height, cols=width)
    grid.style = "Table Grid"
    index: dict[int, int] = {}
    for r, c, cell in places:
        target = grid.cell(r, c)
        last_row = min(r + cell.row_span, height) - 1
        last_col = min(c + cell.col_span, width) - 1
        if (last_row, last_col) != (r, c):
            target = target.merge(grid.cell(last_row, last_col))
        k = index.get(r, 0)
        index[r] = k + 1
        if fill is None:
            target.text = cell.text
        else:
            fill(target.paragraphs[0], r, k)
    return grid


def build_docx(draft: Draft, *, stage_label: str = "", author: str | None = None) -> Document:
    """The clean text of ``draft`` as a python-docx Document in the house style; ``author``
    goes into the core properties (None: the OS login, ``house_docx.default_author``)."""
    document = house.new_document(author=author, title=draft.title.replace("\n", ""))
    write_blocks(document, house_layout(draft, stage_label=stage_label))
    return document


def export_docx(
    draft: Draft, out: Path, *, stage_label: str = "", author: str | None = None
) -> None:
    """Write the clean text of ``draft`` to ``out`` (.docx) in the official house format
    (``author`` as in ``build_docx``)."""
    build_docx(draft, stage_label=stage_label, author=author).save(str(out))
