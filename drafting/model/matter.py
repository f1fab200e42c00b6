"""The parts of a law around its articles: the preamble, appendices, and tables.

A preamble (序言, or the introductory paragraph before 第一条) and appendices (附件/附表/附录, or
a bare “附：” line followed by a table) are binding parts of the printed law, not decoration:
they are kept with the draft, stored, exported and compared like the articles.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from drafting.model.numerals import from_chinese, to_chinese


@dataclass
class Cell:
    """One table cell: its words and, for merged cells as Word has them, its spans (≥ 1)."""

    text: str
    col_span: int = 1
    row_span: int = 1


@dataclass
class Table:
    """A table: rows of cells, the first row usually the header. A merged cell appears once,
    in its top-left position, with its spans."""

    rows: list[list[Cell]] = field(default_factory=list)

    @classmethod
    def of(cls, rows: list[list[str]]) -> Table:
        """A table of plain cells from rows of strings."""
        return cls([[Cell(text) for text in row] for row in rows])

    def texts(self) -> list[list[str]]:
        """The cell words, row by row (spans dropped)."""
        return [[cell.text for cell in row] for row in self.rows]


def table_row_line(cells: list[str]) -> str:
    """One table row as a text line: | 税目 | 税率 | (how the plain text and views show it)."""
    return "| " + " | ".join(cells) + " |"


def table_to_json(table: Table) -> list[list[list[object]]]:
    """A table as JSON data: rows of [text, col_span, row_span]."""
    return [[[c.text, c.col_span, c.row_span] for c in row] for row in table.rows]


def table_from_json(data: list[list[list[object]]]) -> Table:
    """The inverse of table_to_json."""
    return Table([[Cell(str(t), int(str(c)), int(str(r))) for t, c, r in row] for row in data])


#: A table row's merged cells as a .docx has them, one entry per cell the reader read:
#: (col_span, row_span, continues) — ``continues`` for a cell that only continues a vertical
#: merge from the row above (Word's vMerge without "restart"; it holds no words of its own).
CellSpan = tuple[int, int, bool]

#: A block of an appendix or preamble body: a paragraph of words or a table.
Block = str | Table


@dataclass
class Preamble:
    """序言, or introductory paragraphs before the first article (heading "")."""

    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Appendix:
    """An appendix: the line that introduced it (附件1, 附表, 附：), its title, then paragraphs
    and tables in order."""

    label: str = ""
    title: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The paragraphs, in order, without the tables."""
        return [b for b in self.blocks if isinstance(b, str)]

    @property
    def tables(self) -> list[Table]:
        """The tables, in order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    def clone(self) -> Appendix:
        """A deep copy."""
        return copy.deepcopy(self)


def matter_to_json(
    preamble: Preamble | None,
    appendices: list[Appendix],
    notes: list[str] | None = None,
    title_note_printed: tuple[str, str] | None = None,
) -> dict[str, object]:
    """Preamble, appendices and notes (``Draft.notes``) as plain JSON data (for storage and
    exchange): {"preamble": {...} | None, "appendices": [...], "notes": [str, ...],
    "title_note_printed": [as read, printed] (only when set)}."""
    extra: dict[str, object] = (
        {"title_note_printed": list(title_note_printed)} if title_note_printed else {}
    )
    return extra | {
        "notes": list(notes or []),
        "preamble": None
        if preamble is None
        else {"heading": preamble.heading, "paragraphs": list(preamble.paragraphs)},
        "appendices": [
            {
                "label": a.label,
                "title": a.title,
                "blocks": [
                    b
                    if isinstance(b, str)
                    else {
                        "table": [[[c.text, c.col_span, c.row_span] for c in row] for row in b.rows]
                    }
                    for b in a.blocks
                ],
            }
            for a in appendices
        ],
    }


def matter_from_json(data: dict[str, object] | None) -> tuple[Preamble | None, list[Appendix]]:
    """The inverse of matter_to_json; (None, []) for None or an empty object."""
    if not data:
        return None, []
    raw = data.get("preamble")
    preamble = None
    if isinstance(raw, dict):
        preamble = Preamble(
            str(raw.get("heading", "")), [str(p) for p in raw.get("paragraphs", [])]
        )
    appendices: list[Appendix] = []
    items: Any = data.get("appendices") or []
    for item in items:
        blocks: list[Block] = []
        for b in item.get("blocks", []):
            if isinstance(b, str):
                blocks.append(b)
            else:
                blocks.append(table_from_json(b["table"]))
        appendices.append(Appendix(str(item.get("label", "")), str(item.get("title", "")), blocks))
    return preamble, appendices


def title_note_printed_from_json(data: dict[str, object] | None) -> tuple[str, str] | None:
    """The 题注 as printed of matter_to_json data (None when not stored)."""
    raw: Any = (data or {}).get("title_note_printed")
    if isinstance(raw, list) and len(raw) == 2:
        return str(raw[0]), str(raw[1])
    return None


def notes_from_json(data: dict[str, object] | None) -> list[str]:
    """The notes of matter_to_json data ([] for None, or data stored before notes were)."""
    raw: Any = (data or {}).get("notes") or []
    return [str(n) for n in raw]


#: A merged cell's spans as a 修改决定 quotes them, after its words: 〔跨两列〕, 〔跨三行〕,
#: 〔跨两列三行〕 (a reviewer reads the layout in words; ``table_from_lines`` reads it back).
_SPAN_MARK = re.compile(
    r"〔跨(?:(?P<c>[0-9零〇一二两三四五六七八九十]+)列)?(?:(?P<r>[0-9零〇一二两三四五六七八九十]+)行)?〕$"
)


def cell_words(cell: Cell) -> str:
    """A cell as a quoted table row holds it: its words, then its spans when merged
    (``税目〔跨两列〕``); the plain words for a cell of one place."""

    def n(k: int) -> str:
        return "两" if k == 2 else to_chinese(k)

    cols = f"{n(cell.col_span)}列" if cell.col_span > 1 else ""
    rows = f"{n(cell.row_span)}行" if cell.row_span > 1 else ""
    return f"{cell.text}〔跨{cols}{rows}〕" if cols or rows else cell.text


def cell_from_words(words: str) -> Cell:
    """The inverse of ``cell_words``: 税目〔跨两列〕 → Cell("税目", 2, 1); words without a
    span mark are a cell of one place."""
    m = _SPAN_MARK.search(words)
    if m is None or not (m.group("c") or m.group("r")):
        return Cell(words)

    def n(k: str | None) -> int:
        if not k:
            return 1
        return int(k) if k.isdigit() else from_chinese(k)

    return Cell(words[: m.start()], n(m.group("c")), n(m.group("r")))


def table_lines(table: Table) -> list[str]:
    """A table as the lines a 修改决定 quotes: one | a | b | line per row (``table_row_line``),
    merged cells with their spans (``cell_words``), so the layout survives the round trip."""
    return [table_row_line([cell_words(c) for c in row]) for row in table.rows]


def table_from_lines(lines: list[str]) -> Table:
    """The inverse of ``table_lines`` (lines that are no table row are skipped); rows printed
    without span marks (``table_row_line``, decisions drafted before spans were quoted) read
    as cells of one place."""
    rows = [cells for line in lines if (cells := row_cells(line)) is not None]
    return Table([[cell_from_words(c) for c in row] for row in rows])


def appendix_lines(appendix: Appendix) -> list[str]:
    """An appendix's words as the lines a 修改决定 quotes (“将附件1修改为：”): its title, then
    each paragraph, then each table a line per row (| 税目 | 税率 |, ``table_lines``: merged
    cells carry their spans, 税目〔跨两列〕)."""
    lines = [appendix.title]
    for block in appendix.blocks:
        if isinstance(block, str):
            lines.append(block)
        else:
            lines.extend(table_lines(block))
    return lines


def row_cells(line: str) -> list[str] | None:
    """The cells of a | a | b | line (span marks left on), None for a line that is no table
    row."""
    stripped = line.strip()
    if len(stripped) < 2 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    return [cell.strip() for cell in stripped[1:-1].split("|")]


def appendix_from_lines(label: str, lines: list[str]) -> Appendix:
    """The inverse of ``appendix_lines``: the first line is the title, then paragraphs; runs
    of | a | b | lines are one table each (span marks read back, ``cell_from_words``)."""
    title, rest = (lines[0], lines[1:]) if lines else ("", [])
    blocks: list[Block] = []
    for line in rest:
        cells = row_cells(line)
        if cells is None:
            blocks.append(line)
        elif blocks and isinstance(blocks[-1], Table):
            blocks[-1].rows.append([cell_from_words(text) for text in cells])
        else:
            blocks.append(Table([[cell_from_words(text) for text in cells]]))
    return Appendix(label, title, blocks)
