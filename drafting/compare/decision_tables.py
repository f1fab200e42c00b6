"""The tables of the articles in a drafted 修改决定 (see ``drafting.amend.tables`` for the forms).

- ``quoted_body(article)``: an article's words as a decision quotes them — ``article_body``
  with every table row a | a | b | line whose merged cells carry their spans (税目〔跨两列〕),
  so that an article or 款 rewritten or added whole keeps its table exactly;
- ``with_table_clauses(old, new, old_label, new_label, clauses)``: the clauses that say the
  article's words changed (``decision._text_changes``), followed by those for its tables:
  cell by cell and row by row where that is short and exact (将第五条表格第二行“标准”栏中的
  “100元”修改为“120元”; 在第五条表格中增加一行，作为第三行：…; 删去第五条表格第四行), else the
  table whole (将第五条中的表格修改为：“| … |”), else (a table added or taken away) the whole
  article rewritten.

Every table's clauses are replayed as ``amend`` applies them (``amend.tables.edit_table``) and
must give the new table exactly, spans included; otherwise the table is quoted whole.
"""

from __future__ import annotations

from dataclasses import replace

from drafting.amend.instructions import (
    ADD_ITEM,
    ADD_PARAGRAPH,
    DELETE,
    PROMOTE,
    REWRITE,
    TABLE_ADD_ROW,
    TABLE_CELL,
    TABLE_DELETE_ROW,
    TABLE_REWRITE,
    Instruction,
    Place,
)
from drafting.amend.tables import TableError, edit_table, grid_columns, header_column
from drafting.compare.tables import align_rows, cells_line_up
from drafting.compare.wording import BOUNDARY_CHARS, shared_ends
from drafting.model.matter import Table, table_lines
from drafting.model.numbering import article_body, article_line_units
from drafting.model.units import Unit

__all__ = ["MAX_TABLE_CLAUSES", "quoted_body", "table_clauses", "with_table_clauses"]

#: Above this many clauses for one table, the table is quoted whole.
MAX_TABLE_CLAUSES = 6
#: A cell longer than this is quoted by the phrase around its change, not whole.
CELL_PHRASE = 30


def quoted_body(article: Unit) -> str:
    """``article_body`` with the tables' merged cells marked (``matter.table_lines``): the
    words a decision quotes for an article, and what its drafting compares."""
    if not any(p.table is not None for p in article.children):
        return article_body(article)
    lines: list[str] = []
    rows: dict[int, list[str]] = {}
    taken: dict[int, int] = {}
    for owner, line in article_line_units(article):
        table = owner.table
        if table is not None:
            marked = rows.setdefault(id(owner), table_lines(table))
            # The 款's own words come first (when it prints any), then a line per row.
            first = 1 if owner.text or not (owner.children or owner.table) else 0
            k = taken.get(id(owner), 0)
            taken[id(owner)] = k + 1
            if first <= k < first + len(marked):
                line = marked[k - first]
        lines.append(line)
    return "\n".join(lines)


def _whole(old_label: str, new_label: str, new: Unit) -> Instruction:
    return Instruction(
        REWRITE, (Place(old_label),), texts=(quoted_body(new),), new_labels=(new_label,)
    )


def with_table_clauses(
    old: Unit, new: Unit, old_label: str, new_label: str, clauses: list[Instruction]
) -> list[Instruction]:
    """``clauses`` (an article's word changes, named by ``old_label``) and then the clauses
    for the changes of its tables, 款 by 款 in text order. A table in a 款 that the clauses
    rewrite or add is quoted with it; when a 款 gains or loses a table, the whole article
    is rewritten instead (a 法工委 reviewer expects the article reprinted when a schedule
    appears in it). The first table clause says the article's new number (将第五条改为
    第六条，表格…) when the number changed and no other clause comes before it."""
    if not any(p.table is not None for p in (*old.children, *new.children)):
        return clauses
    if any(c.action == REWRITE and not c.places[0].paragraph for c in clauses):
        return clauses  # the article whole, its tables with it
    if any(c.action in (ADD_PARAGRAPH, ADD_ITEM, DELETE, PROMOTE) for c in clauses):
        # One 款 or 项 added or dropped, every other 款 (its table included) the same.
        return clauses
    if len(old.children) != len(new.children):
        return [_whole(old_label, new_label, new)]
    covered = {c.places[0].paragraph for c in clauses if c.action == REWRITE}
    single = sum(1 for p in old.children if p.table is not None) == 1
    out: list[Instruction] = []
    for k, (a, b) in enumerate(zip(old.children, new.children, strict=True)):
        if k + 1 in covered or a.table == b.table:
            continue
        if a.table is None or b.table is None:
            return [_whole(old_label, new_label, new)]
        out.extend(table_clauses(Place(old_label, 0 if single else k + 1), a.table, b.table))
    if out and not clauses and old_label != new_label:
        out[0] = replace(out[0], new_labels=(new_label,))
    return clauses + out


def _spans(table: Table) -> bool:
    return any(c.col_span > 1 or c.row_span > 1 for row in table.rows for c in row)


def _width(table: Table) -> int:
    grid = grid_columns(table)
    return max(
        (s + max(c.col_span, 1) for row, starts in zip(table.rows, grid, strict=True)
         for c, s in zip(row, starts, strict=True)),
        default=0,
    )  # fmt: skip


def _cell_phrase(a: str, b: str) -> tuple[str, str]:
    """The words of cell ``a`` that changed into ``b``: the whole cell when short, else the
    stretch between the punctuation around the change."""
    if len(a) <= CELL_PHRASE or not b:
        return a, b
    p, s = shared_ends(a, b)
    start = p
    while start > 0 and a[start - 1] not in BOUNDARY_CHARS:
        start -= 1
    end = len(a) - s
    while end < len(a) and a[end] not in BOUNDARY_CHARS:
        end += 1
    x, y = a[start:end], b[start : len(b) - (len(a) - end)]
    return (x, y) if x and y and a.count(x) == 1 else (a, b)


def _cell_clause(place: Place, old: Table, r: int, k: int, before: str, after: str) -> Instruction:
    """The clause for cell ``k`` of old row ``r``: named by its header when the first row
    has it once over its one column, else by its grid column."""
    column = grid_columns(old)[r][k]
    header = ""
    if r > 0 and old.rows[r][k].col_span == 1:
        starts = grid_columns(old)[0]
        words = next((h.text for h, s in zip(old.rows[0], starts, strict=True) if s == column), "")
        if words and header_column(old, words) == column:
            header = words
    x, y = _cell_phrase(before, after) if before else ("", after)
    return Instruction(
        TABLE_CELL, (place,), old=x, new=y, position=r + 1, anchor=header,
        column=0 if header else column + 1,
    )  # fmt: skip


def table_clauses(place: Place, old: Table, new: Table) -> list[Instruction]:
    """The clauses that turn ``old`` into ``new`` (the table of ``place``), replayed to check
    them; the table quoted whole (TABLE_REWRITE) when they would not give ``new`` exactly or
    it changed too much to say cell by cell: columns added or taken away, merged cells
    changed (or rows added or deleted inside a vertically merged group,
    ``compare.tables.cells_line_up``), a row added with merged cells,
    more than half the cells or more than MAX_TABLE_CLAUSES clauses."""
    whole = [Instruction(TABLE_REWRITE, (place,), texts=("\n".join(table_lines(new)),))]
    if _width(old) != _width(new) or not cells_line_up(old, new):
        # The merging changed (or a row went into or out of a merged group): no cell or row
        # form can say that; rows added or deleted outside any vertical merge and changed
        # words are said cell by cell and row by row, merged cells elsewhere or not (G4).
        return whole
    steps = align_rows(old, new)
    out: list[Instruction] = []
    changed = 0
    for step in steps:
        if step.kind == "deleted" and step.old is not None:
            out.append(Instruction(TABLE_DELETE_ROW, (place,), position=step.old + 1))
        elif step.kind == "inserted" and step.new is not None:
            row = new.rows[step.new]
            if not row or any(c.col_span > 1 or c.row_span > 1 for c in row):
                return whole
            out.append(
                Instruction(
                    TABLE_ADD_ROW, (place,), position=step.new + 1, texts=tuple(c.text for c in row)
                )
            )
        elif step.old is not None and step.new is not None:
            a, b = old.rows[step.old], new.rows[step.new]
            if [(c.col_span, c.row_span) for c in a] != [(c.col_span, c.row_span) for c in b]:
                return whole
            for k, (x, y) in enumerate(zip(a, b, strict=True)):
                if x.text != y.text:
                    changed += 1
                    out.append(_cell_clause(place, old, step.old, k, x.text, y.text))
    cells = sum(len(row) for row in new.rows)
    if len(out) > MAX_TABLE_CLAUSES or changed * 2 > cells:
        return whole
    try:
        got, failed = edit_table(old, out)
    except TableError:
        return whole
    if failed or got != new:
        return whole
    return out
