"""What changed in a table of the text (a 款's table or an appendix's), row by row and cell by
cell: the one place that lines up an old and a new table, for the 修改稿 (tracked rows and
cells), the 对照表's 修改说明 and the 修改决定.

- ``align_rows(old, new)``: the rows of both tables in reading order, each a ``RowStep``
  (kept, changed cell by cell, deleted or inserted);
- ``cell_changes(old, new)``: each changed cell of a changed row (``CellChange``: row and
  column, the column's header, the old and the new words);
- ``table_edits(old, new)``: every row added or deleted and every cell changed (``TableEdit``),
  the one walk the two renderings below share;
- ``describe_table_change(old, new)``: the change as Chinese sentences
  (第二行“标准”由“100元”改为“120元”; 增加第三行：…; 删去第四行：…), for the 修改说明;
- the 修改决定's items for a table are drafted from ``align_rows`` by
  ``compare.decision_tables`` (将第五条表格第二行“标准”栏中的“100元”修改为“120元”), in the
  forms ``amend`` reads back.

Rows pair when their words are equal (``difflib`` on whole rows); among the rows between two
equal ones, a row pairs with one of the other side of the same shape (the same cells with the
same spans) that shares a cell's words with it, in order; the rest are deleted or inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from drafting.compare.wording import DELETE, EQUAL, INSERT, word_diff
from drafting.model.matter import Cell, Table
from drafting.model.numerals import to_chinese

__all__ = [
    "CellChange",
    "RowStep",
    "TableEdit",
    "align_rows",
    "cell_changes",
    "cells_line_up",
    "describe_table_change",
    "marked_cells",
    "table_edits",
]

StepKind = Literal["equal", "changed", "deleted", "inserted"]


@dataclass(frozen=True)
class RowStep:
    """One row of the two tables in reading order: ``old``/``new`` are row indexes (0-based)
    into each table, None on the side that lacks the row."""

    kind: StepKind
    old: int | None
    new: int | None


@dataclass(frozen=True)
class CellChange:
    """A changed cell: ``row`` and ``column`` 1-based in the new table (the row as printed,
    the header row being 第一行; the column as the cell's index in its row), ``header`` the
    words of the first row's cell above it ("" when the table has one row or none there)."""

    row: int
    column: int
    header: str
    old: str
    new: str


def _shape(row: list[Cell]) -> tuple[tuple[int, int], ...]:
    return tuple((c.col_span, c.row_span) for c in row)


def _words(row: list[Cell]) -> tuple[str, ...]:
    return tuple(c.text for c in row)


def align_rows(old: Table | None, new: Table | None) -> list[RowStep]:
    """The rows of ``old`` and ``new`` in reading order (see the module docstring); a missing
    table counts as one without rows. Every row of each table is in exactly one step, in
    order."""
    a = [] if old is None else old.rows
    b = [] if new is None else new.rows
    steps: list[RowStep] = []
    matcher = SequenceMatcher(None, [_words(r) for r in a], [_words(r) for r in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps.extend(RowStep("equal", i, j1 + (i - i1)) for i in range(i1, i2))
            continue
        j = j1
        for i in range(i1, i2):
            match = next(
                (
                    k
                    for k in range(j, j2)
                    if _shape(a[i]) == _shape(b[k])
                    and any(x.text == y.text and x.text for x, y in zip(a[i], b[k], strict=True))
                ),
                None,
            )
            if match is None:
                steps.append(RowStep("deleted", i, None))
                continue
            steps.extend(RowStep("inserted", None, k) for k in range(j, match))
            steps.append(RowStep("changed", i, match))
            j = match + 1
        steps.extend(RowStep("inserted", None, k) for k in range(j, j2))
    return steps


def _grid(table: Table) -> tuple[int, set[int]]:
    """The grid width of ``table`` and the rows (0-based) that are part of a vertical merge:
    those holding a cell that spans rows and those it covers below."""
    taken: set[tuple[int, int]] = set()
    merged: set[int] = set()
    width = 0
    height = len(table.rows)
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            down = min(max(cell.row_span, 1), height - r)
            if down > 1:
                merged.update(range(r, r + down))
            taken.update(
                (rr, cc) for rr in range(r, r + down) for cc in range(c, c + max(cell.col_span, 1))
            )
            c += max(cell.col_span, 1)
            width = max(width, c)
    return width, merged


def cells_line_up(old: Table, new: Table) -> bool:
    """Whether the change from ``old`` to ``new`` can be said (and tracked) row by row and
    cell by cell, merged cells and all: the same grid width, every pair of rows of
    ``align_rows`` of the same shape (the same cells with the same spans), and no row added
    or deleted inside a vertical merge of its table (a merged cell would then span another
    number of rows). False when the merging itself changed: Word tracks no merge of cells,
    so the 修改稿 then shows the old table deleted and the new one inserted whole, and the
    修改决定 quotes the table whole."""
    old_width, old_merged = _grid(old)
    new_width, new_merged = _grid(new)
    if old_width != new_width:
        return False
    for step in align_rows(old, new):
        if step.old is not None and step.new is not None:
            if _shape(old.rows[step.old]) != _shape(new.rows[step.new]):
                return False
        elif step.old is not None and step.old in old_merged:
            return False
        elif step.new is not None and step.new in new_merged:
            return False
    return True


def _header(table: Table, column: int) -> str:
    """The first row's words above cell ``column`` (0-based index in its row) of a row with
    the header's shape; "" when there is no such header cell."""
    if len(table.rows) < 2 or column >= len(table.rows[0]):
        return ""
    return table.rows[0][column].text


@dataclass(frozen=True)
class TableEdit:
    """One difference of two tables in reading order: a row ``inserted`` (``row`` its 1-based
    number in the new table) or ``deleted`` (in the old one), with its ``words`` (“a”、“b”);
    or a ``cell`` changed (``cell``; ``row`` as in CellChange)."""

    kind: Literal["inserted", "deleted", "cell"]
    row: int
    words: str = ""
    cell: CellChange | None = None


def table_edits(old: Table, new: Table) -> list[TableEdit]:
    """Every row added or deleted and every cell changed from ``old`` to ``new``, in reading
    order (``align_rows``): the one walk behind the 修改说明."""
    out: list[TableEdit] = []
    for step in align_rows(old, new):
        if step.kind == "inserted" and step.new is not None:
            out.append(TableEdit("inserted", step.new + 1, _row_words(new.rows[step.new])))
        elif step.kind == "deleted" and step.old is not None:
            out.append(TableEdit("deleted", step.old + 1, _row_words(old.rows[step.old])))
        elif step.kind == "changed" and step.old is not None and step.new is not None:
            for k, (x, y) in enumerate(zip(old.rows[step.old], new.rows[step.new], strict=True)):
                if x.text != y.text:
                    change = CellChange(step.new + 1, k + 1, _header(new, k), x.text, y.text)
                    out.append(TableEdit("cell", step.new + 1, cell=change))
    return out


def cell_changes(old: Table | None, new: Table | None) -> list[CellChange]:
    """The changed cells of the rows that pair (``align_rows`` kind "changed"), in order."""
    if old is None or new is None:
        return []
    return [e.cell for e in table_edits(old, new) if e.cell is not None]


def _row_words(row: list[Cell]) -> str:
    return "、".join(f"“{c.text}”" for c in row)


def _column(cell: CellChange) -> str:
    """How a sentence names a cell's column: its header words, else 第N列."""
    return f"“{cell.header}”" if cell.header else f"第{to_chinese(cell.column)}列"


def describe_table_change(old: Table | None, new: Table | None) -> list[str]:
    """What changed from ``old`` to ``new`` (either None: the table added or deleted whole),
    one sentence per changed cell or row, in reading order, without a final 。:

    - ``第二行“标准”由“100元”改为“120元”`` (a cell; ``第二行第三列`` when the column has no
      header words);
    - ``增加第三行：“门票”、“5元”`` / ``删去第四行：“门票”、“5元”`` (rows numbered in the new
      table for an added row, in the old one for a deleted row);
    - ``增加表格`` / ``删去表格`` for a whole table. [] when nothing changed."""
    if old is None and new is None:
        return []
    if old is None:
        return ["增加表格"]
    if new is None:
        return ["删去表格"]
    out: list[str] = []
    for e in table_edits(old, new):
        n = to_chinese(e.row)
        if e.cell is not None:
            out.append(f"第{n}行{_column(e.cell)}由“{e.cell.old}”改为“{e.cell.new}”")
        else:
            out.append(f"{'增加' if e.kind == 'inserted' else '删去'}第{n}行：{e.words}")
    return out


def marked_cells(
    old: Table | None, new: Table | None, side: int
) -> list[list[list[tuple[int, str]]]]:
    """One side's table (``side`` -1 the old, 1 the new) with its changes marked, for a view
    that shows each side apart (the 对照表): per row of that table, per cell, the runs
    (op, words) with op EQUAL, or DELETE (old side) / INSERT (new side) for words that
    changed; a deleted (inserted) row's words are all marked. [] when that side has no
    table."""
    mine = old if side < 0 else new
    if mine is None:
        return []
    mark = DELETE if side < 0 else INSERT
    out: list[list[list[tuple[int, str]]]] = [
        [[(mark, c.text)] if c.text else [] for c in row] for row in mine.rows
    ]
    if old is None or new is None:
        return out
    for step in align_rows(old, new):
        if step.old is None or step.new is None:
            continue
        here = step.old if side < 0 else step.new
        pairs = zip(old.rows[step.old], new.rows[step.new], strict=True)
        out[here] = [
            [(op, t) for op, t in word_diff(x.text, y.text) if t and op in (EQUAL, side)]
            for x, y in pairs
        ]
    return out
