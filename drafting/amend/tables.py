"""The tables inside articles, in a 修改决定 and when it is applied.

A 款 may hold a table (``Unit.table``, merged cells with their spans). A decision amends it
in these forms (``instructions.render_table`` writes them, ``read_table_clause`` reads them):

    将第五条表格第二行“标准”栏中的“100元”修改为“120元”      (a cell's words; 第二行第三列 when
    删去第五条表格第二行“备注”栏中的“暂定”                  the column has no header words)
    在第五条表格第二行第三列中增加“每人每次”                 (words added to an empty cell)
    在第五条表格中增加一行，作为第三行：“月票”、“50元”
    删去第五条表格第四行
    将第五条中的表格修改为：“| 类别〔跨两列〕 |”“| 门票 | 100元 |”   (the table whole)
    将第五条改为第六条，表格第二行“标准”栏中的“100元”修改为“120元”
    将第五条第二款表格…                                     (an article with several tables)

Rows are named as articles are: a deleted row and a changed cell by their OLD numbers, an added
row by its NEW one (作为第三行), so the clauses of one table apply together whatever their order
(``edit_table``): cells first, then deletions, then additions in the order of their numbers.
Columns are counted on the grid (a merged cell covers every column it spans); a header names a
column when the first row has it once, over that one column.

A quoted text (an article or 款 rewritten or added) carries its tables as | a | b | lines
after the 款's words, merged cells marked 〔跨两列〕 (``matter.table_lines``):
``take_tables`` takes them out of the lines before the words are placed, and the Amender
gives each 款 its table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from drafting.amend.instructions import (
    TABLE_ADD_ROW,
    TABLE_CELL,
    TABLE_DELETE_ROW,
    TABLE_REWRITE,
    Instruction,
    Place,
    unnest_quotes,
)
from drafting.model.matter import (
    Cell,
    Table,
    cell_from_words,
    row_cells,
    table_from_lines,
)
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.units import Unit, UnitKind

__all__ = [
    "TableEdits",
    "TableError",
    "edit_table",
    "grid_columns",
    "read_table_clause",
    "renumbered_clause",
    "table_key",
    "take_tables",
]


class TableError(ValueError):
    """A table clause that cannot be applied; the message is Chinese."""


# The numbers of a decision, as ``read`` spells them (kept apart: read imports this module).
_N = "[零〇一二两三四五六七八九十百千]+"
_ART = rf"第{_N}条(?:之{_N})?"
_TBL = rf"(?P<art>{_ART})(?:第(?P<p>{_N})款)?"
_COL = rf"(?:“(?P<h>[^”]*)”栏?|第(?P<col>{_N})列)"
_CELL = rf"{_TBL}的?表格第(?P<row>{_N})行{_COL}"
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("replace", re.compile(rf"^将{_CELL}中的“(?P<a>[^”]*)”修改为“(?P<b>[^”]*)”$")),
    ("delete", re.compile(rf"^删去{_CELL}中的“(?P<a>[^”]*)”$")),
    ("add", re.compile(rf"^在{_CELL}中增加“(?P<b>[^”]*)”$")),
    (
        TABLE_ADD_ROW,
        re.compile(rf"^在{_TBL}的?表格中增加一行，?作为第(?P<row>{_N})行：\n?(?P<q>“[\s\S]*”)$"),
    ),
    (TABLE_DELETE_ROW, re.compile(rf"^删去{_TBL}的?表格第(?P<row>{_N})行$")),
    (TABLE_REWRITE, re.compile(rf"^将{_TBL}(?:中的|的)?表格修改为：\n?(?P<q>“[\s\S]*”)$")),
]
_RENUMBERED = re.compile(rf"^将(?P<art>{_ART})改为(?P<to>{_ART})，(?P<rest>[\s\S]+)$")


def _quoted_lines(quoted: str) -> list[str]:
    """The lines of a quotation written by ``instructions.quote`` (each line opens with “,
    the last one closes with ”), quotes inside read back."""
    lines = [line.strip() for line in quoted.strip().split("\n") if line.strip()]
    out = []
    for k, line in enumerate(lines):
        if line.startswith("“"):
            line = line[1:]
        if k == len(lines) - 1 and line.endswith("”"):
            line = line[:-1]
        out.append(unnest_quotes(line))
    return out


def _row_words(quoted: str) -> tuple[str, ...]:
    """The cells of an added row: “月票”、“50元”, or one | 月票 | 50元 | line."""
    lines = _quoted_lines(quoted)
    if len(lines) == 1 and (cells := row_cells(lines[0])) is not None:
        return tuple(cells)
    found = re.findall(r"“([^”]*)”", quoted)
    if not found or "、".join(f"“{c}”" for c in found) != quoted.strip():
        raise ValueError("无法识别增加的表格行")
    return tuple(unnest_quotes(c) for c in found)


def renumbered_clause(art: str, rest: str) -> str:
    """The clause that acts on article ``art`` in "将{art}改为第Y条，{rest}" (the 2023 立法法
    form: the article named by its old number, the words after the comma act on it):
    增加一款… → 在{art}中增加一款…, 删去第二款 → 删去{art}第二款, 在表格中… → 在{art}表格中…,
    修改为：… → 将{art}修改为：…"""
    if rest.startswith("增加"):
        return f"在{art}中{rest}"
    if rest.startswith("删去"):
        return f"删去{art}{rest[2:]}"
    if rest.startswith("在"):
        return f"在{art}{rest[1:]}"
    return f"将{art}{rest}"


def read_table_clause(text: str) -> list[Instruction] | None:
    """The instruction of a table clause (the forms in the module docstring), None when the
    clause is in no table form. ``text`` is the clause without its final 。."""
    m = _RENUMBERED.match(text)
    if m is not None:
        found = read_table_clause(renumbered_clause(m.group("art"), m.group("rest")))
        if found is None:
            return None
        return [replace(i, new_labels=(m.group("to"),)) for i in found]
    for action, pattern in _FORMS:
        m = pattern.match(text)
        if m is None:
            continue
        g = m.groupdict()
        place = Place(g["art"], from_chinese(g["p"]) if g.get("p") else 0)
        row = from_chinese(g["row"]) if g.get("row") else 0
        if action == TABLE_DELETE_ROW:
            return [Instruction(TABLE_DELETE_ROW, (place,), position=row)]
        if action == TABLE_ADD_ROW:
            return [Instruction(TABLE_ADD_ROW, (place,), position=row, texts=_row_words(g["q"]))]
        if action == TABLE_REWRITE:
            return [Instruction(TABLE_REWRITE, (place,), texts=("\n".join(_quoted_lines(g["q"])),))]
        header = unnest_quotes(g["h"]) if g.get("h") is not None else ""
        column = from_chinese(g["col"]) if g.get("col") else 0
        old = unnest_quotes(g.get("a") or "")
        new = unnest_quotes(g.get("b") or "")
        if action == "replace" and not old:
            raise ValueError("表格中要修改的文字为空")
        return [
            Instruction(
                TABLE_CELL, (place,), old=old, new=new, position=row, anchor=header, column=column
            )
        ]
    return None


# ---- applying ------------------------------------------------------------------------------


def grid_columns(table: Table) -> list[list[int]]:
    """The grid column (0-based) where each cell of each row starts: a merged cell covers
    ``col_span`` columns of its row and of the ``row_span - 1`` rows below it."""
    taken: set[tuple[int, int]] = set()
    out: list[list[int]] = []
    for r, row in enumerate(table.rows):
        c = 0
        starts: list[int] = []
        for cell in row:
            while (r, c) in taken:
                c += 1
            starts.append(c)
            for rr in range(r, r + max(cell.row_span, 1)):
                for cc in range(c, c + max(cell.col_span, 1)):
                    taken.add((rr, cc))
            c += max(cell.col_span, 1)
        out.append(starts)
    return out


def header_column(table: Table, header: str) -> int | None:
    """The grid column a header names: the first row's cell with those words, once, over one
    column; None otherwise."""
    if not table.rows or not header:
        return None
    first = table.rows[0]
    found = [k for k, c in enumerate(first) if c.text == header]
    if len(found) != 1 or first[found[0]].col_span != 1:
        return None
    return grid_columns(table)[0][found[0]]


def _count(n: int) -> str:
    """两 (not 二) before a measure word: 两个表格."""
    return "两" if n == 2 else to_chinese(n)


def _name(ins: Instruction) -> str:
    """How the messages name the table: 第五条表格, 第五条第二款表格."""
    return f"{ins.places[0].words()}表格"


def _cell_index(table: Table, ins: Instruction) -> tuple[int, int]:
    """(row, cell) indexes (0-based) of the cell a TABLE_CELL clause names in ``table``."""
    r = ins.position - 1
    if not 0 <= r < len(table.rows):
        raise TableError(f"{_name(ins)}没有第{to_chinese(ins.position)}行")
    if ins.anchor:
        column = header_column(table, ins.anchor)
        if column is None:
            raise TableError(f"{_name(ins)}第一行没有“{ins.anchor}”栏（或不止一处）")
        named = f"“{ins.anchor}”栏"
    else:
        column = ins.column - 1
        named = f"第{to_chinese(ins.column)}列"
    starts = grid_columns(table)[r]
    if column not in starts:
        raise TableError(f"{_name(ins)}第{to_chinese(ins.position)}行没有{named}")
    return r, starts.index(column)


def _check(table: Table, ins: Instruction) -> None:
    """TableError when a clause does not fit the table as it was (a row or column it lacks)."""
    if ins.action == TABLE_CELL:
        _cell_index(table, ins)
    elif ins.action == TABLE_DELETE_ROW and not 0 < ins.position <= len(table.rows):
        raise TableError(f"{_name(ins)}没有第{to_chinese(ins.position)}行")
    elif ins.action == TABLE_ADD_ROW and (ins.position < 1 or not ins.texts):
        raise TableError(f"{_name(ins)}增加的行不完整")


def _edit_cell(cell: Cell, ins: Instruction) -> Cell:
    where = f"{_name(ins)}第{to_chinese(ins.position)}行" + (
        f"“{ins.anchor}”栏" if ins.anchor else f"第{to_chinese(ins.column)}列"
    )
    if not ins.old:
        return replace(cell, text=cell.text + ins.new)
    if ins.old not in cell.text:
        raise TableError(f"{where}中没有“{ins.old}”")
    return replace(cell, text=cell.text.replace(ins.old, ins.new))


def edit_table(
    table: Table, clauses: list[Instruction]
) -> tuple[Table, list[tuple[Instruction, str]]]:
    """The table once ``clauses`` (all on this table, named on it as it was) are applied,
    and the clauses that could not be, with their reasons. Cells first (on the rows as they
    were), then the rows deleted, then the rows added, by their new numbers in ascending
    order; a TABLE_REWRITE gives the table whole (the other clauses then fail). ``table`` is
    not changed (cells are replaced, never edited in place)."""
    failed: list[tuple[Instruction, str]] = []
    rewrites = [c for c in clauses if c.action == TABLE_REWRITE]
    if rewrites:
        for c in clauses:
            if c is not rewrites[-1]:
                failed.append((c, f"{_name(c)}已整体修改"))
        return table_from_lines(rewrites[-1].texts[0].split("\n")), failed
    rows = [list(r) for r in table.rows]
    deleted: set[int] = set()
    for c in clauses:
        try:
            _check(table, c)
        except TableError as error:
            failed.append((c, str(error)))
            continue
        if c.action == TABLE_DELETE_ROW:
            if c.position - 1 in deleted:
                failed.append((c, f"{_name(c)}第{to_chinese(c.position)}行已删去"))
            deleted.add(c.position - 1)
    for c in clauses:
        if c.action != TABLE_CELL or any(c is f for f, _ in failed):
            continue
        r, k = _cell_index(table, c)
        if r in deleted:
            failed.append((c, f"{_name(c)}第{to_chinese(c.position)}行已被删去"))
            continue
        try:
            rows[r][k] = _edit_cell(rows[r][k], c)
        except TableError as error:
            failed.append((c, str(error)))
    kept = [row for r, row in enumerate(rows) if r not in deleted]
    added = sorted(
        (c for c in clauses if c.action == TABLE_ADD_ROW and not any(c is f for f, _ in failed)),
        key=lambda c: c.position,
    )
    for c in added:
        if c.position > len(kept) + 1:
            failed.append(
                (
                    c,
                    f"{_name(c)}只有{to_chinese(len(kept))}行，不能增加第{to_chinese(c.position)}行",
                )
            )
            continue
        kept.insert(c.position - 1, [cell_from_words(t) for t in c.texts])
    return Table(kept), failed


def table_key(table: Table | None) -> object:
    """A table's words and spans as plain data (for telling whether anything changed)."""
    if table is None:
        return None
    return tuple(tuple((c.text, c.col_span, c.row_span) for c in row) for row in table.rows)


@dataclass
class TableEdits:
    """The table clauses of one decision, gathered per 款 while the old numbers resolve, then
    applied together (``finish``); every table given to a 款 is recorded for ``undo``."""

    #: 款 uid → (the 款, its table as it was, its clauses in decision order).
    plans: dict[str, tuple[Unit, Table, list[Instruction]]] = field(default_factory=dict)
    #: (unit, its table before) for every table set, in order (for undo).
    before: list[tuple[Unit, Table | None]] = field(default_factory=list)

    def resolve(self, ins: Instruction, unit: Unit) -> Unit:
        """The 款 whose table ``ins`` amends (``unit``: the article or 款 its place names, on
        the old text); TableError when there is no such table or the clause does not fit it
        (a row or column it does not have)."""
        holder = unit
        if unit.kind is UnitKind.ARTICLE:
            held = [p for p in unit.children if p.table is not None]
            if not held:
                raise TableError(f"{ins.places[0].words()}没有表格")
            if len(held) > 1:
                raise TableError(
                    f"{ins.places[0].words()}有{_count(len(held))}个表格，未写明是哪一款的表格"
                )
            holder = held[0]
        elif unit.kind is not UnitKind.PARAGRAPH or unit.table is None:
            raise TableError(f"{ins.places[0].words()}没有表格")
        assert holder.table is not None
        plan = self.plans.setdefault(holder.uid, (holder, holder.table, []))
        _check(plan[1], ins)
        plan[2].append(ins)
        return holder

    def finish(self, failed: list[tuple[Instruction, str]]) -> list[tuple[Instruction, str]]:
        """Apply the gathered clauses, table by table, leaving out those already ``failed``;
        the clauses that fail now, with their reasons."""
        out: list[tuple[Instruction, str]] = []
        for unit, table, clauses in self.plans.values():
            standing = [c for c in clauses if not any(c is f for f, _ in failed)]
            if not standing:
                continue
            new, bad = edit_table(table, standing)
            out.extend(bad)
            self.set(unit, new)
        return out

    def set(self, unit: Unit, table: Table | None) -> None:
        """Give a 款 its table (recorded for undo)."""
        if table_key(unit.table) != table_key(table):
            self.before.append((unit, unit.table))
            unit.table = table

    def undo(self) -> None:
        """Put back every table as it was."""
        for unit, table in reversed(self.before):
            unit.table = table
        self.before = []


def take_tables(
    lines: list[tuple[UnitKind, str]], kind: UnitKind
) -> tuple[list[tuple[UnitKind, str]], dict[int, Table]]:
    """The lines of a quoted text (as ``apply.read_lines`` reads them) without its table
    rows, and the tables by the index of the 款 that holds each (0 for a 款 rewritten).

    In an article, rows right after a 款's own line are that 款's table (税目税额如下：);
    rows anywhere else (first, or after 项) open a 款 of their own with no words, as the
    text reader does. Rows carry spans (``matter.table_lines``)."""
    if kind not in (UnitKind.ARTICLE, UnitKind.PARAGRAPH):
        return lines, {}
    out: list[tuple[UnitKind, str]] = []
    rows: dict[int, list[str]] = {}
    para = -1
    open_run = False
    for k, words in lines:
        if k is UnitKind.PARAGRAPH and row_cells(words) is not None:
            if kind is UnitKind.PARAGRAPH:
                rows.setdefault(0, []).append(words)
                continue
            if not open_run:
                if not (out and out[-1][0] is UnitKind.PARAGRAPH and para not in rows):
                    out.append((UnitKind.PARAGRAPH, ""))
                    para += 1
                open_run = True
            rows.setdefault(para, []).append(words)
            continue
        open_run = False
        if k is UnitKind.PARAGRAPH or not out:
            para += 1
        out.append((k, words))
    return out, {p: table_from_lines(r) for p, r in rows.items()}
