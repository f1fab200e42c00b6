"""A 修改决定 saved as .docx (``write.decision_docx``) read back into its plain-text form.

A quoted table is a real Word table there (merged cells as Word merges them, no quote
marks); read back, each row becomes the line the plain text has: “| 一类区域〔跨两行〕 | 小型车 |
(``matter.table_lines``: a cell continuing a vertical merge left out, the merged cell marked
with its spans), the last row closing the quotation with ” unless the next paragraph goes on
quoting (opens with “) — so that ``read_decision`` reads the .docx as it reads the .txt.
"""

from __future__ import annotations

from pathlib import Path

from drafting.model.matter import Cell, CellSpan, cell_words, row_cells, table_row_line
from drafting.read.docx_lines import docx_text

__all__ = ["decision_docx_lines"]


def _row(cells: list[str], spans: list[CellSpan] | None) -> str:
    """A table row line of the docx reader as the plain text quotes it (spans marked)."""
    if spans is None or len(spans) != len(cells):
        return table_row_line(cells)
    kept = [
        cell_words(Cell(text, cols, rows))
        for text, (cols, rows, continues) in zip(cells, spans, strict=True)
        if not continues
    ]
    return table_row_line(kept)


def decision_docx_lines(path: Path) -> list[str]:
    """The lines of a decision .docx (``docx_lines``, revisions accepted) with each table's
    rows quoted as the plain text quotes them (see the module docstring). Raises ParseError
    as ``docx_lines`` does."""
    spans: dict[int, list[CellSpan]] = {}
    lines, _pending = docx_text(path, spans=spans)
    out: list[str] = []
    k = 0
    while k < len(lines):
        cells = row_cells(lines[k])
        if cells is None:
            out.append(lines[k])
            k += 1
            continue
        run: list[str] = []
        while k < len(lines) and (cells := row_cells(lines[k])) is not None:
            run.append("“" + _row(cells, spans.get(k)))
            k += 1
        after = next((line.strip() for line in lines[k:] if line.strip()), "")
        if not after.startswith("“"):
            run[-1] += "”"
        out.extend(run)
    return out
