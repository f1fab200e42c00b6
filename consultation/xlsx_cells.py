"""Cells and sheets Excel keeps as written: every .xlsx the program writes goes through here.

- Text stays text: every string cell is written with data type "s" (an inline string), so a
  comment that starts with = + - @ or a tab ("=HYPERLINK(…)", "=cmd|' /C calc'!A0") is never a
  formula; openpyxl would otherwise store a leading "=" as one, and "#N/A" as an error value.
- Nothing is cut: a text longer than Excel's 32,767-character cell limit is split into
  continuation cells at the end of its row, with a note on the cell that was split.
- Chinese fonts: the workbook's default font (font 0 of styles.xml, and the Normal style) is
  宋体, so every cell, and every cell a user adds later, renders in a Chinese font.
- Streaming: rows go through a write-only worksheet and ``SheetWriter`` counts them itself, so
  writing n rows costs n steps (a ``max_row`` lookup per row scans every cell written so far).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from drafting.read.textfile import xml_safe

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.comments import Comment
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: Excel's limit on the characters of one cell (counted in UTF-16 units, as Excel counts).
EXCEL_CELL_LIMIT = 32_767
#: Rows a worksheet can hold.
EXCEL_MAX_ROWS = 1_048_576
#: The Chinese font every cell is set in; charset 134 is GB2312, so Excel picks a Chinese face
#: when 宋体 itself is missing (on a Mac: 宋体-简 / SimSun).
CJK_FONT = "宋体"
_GB2312_CHARSET = 134
_AUTHOR = "立法工作台"
_A4 = 9  # paperSize code of ISO A4 in SpreadsheetML

# Named styles the writers use (registered once per workbook by ``new_workbook``).
TITLE = "表格标题"
HEADER = "表头"
TEXT = "表格文字"  # wrapped, top-aligned
NUMBER = "表格数字"  # centred, top-aligned
DATE = "表格日期"  # yyyy-mm-dd

Value = str | int | float | dt.date | None


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_for_cell(text: str, limit: int = EXCEL_CELL_LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-16 units each, in order; ``[text]`` when it
    fits. Joined, the pieces give ``text`` back exactly (no character is split in two)."""
    if len(text) * 2 <= limit or _utf16_units(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while start < len(text):
        # Characters outside the BMP (𠀀) take two units: step back until the piece fits.
        end = min(start + limit, len(text))
        while _utf16_units(text[start:end]) > limit:
            over = _utf16_units(text[start:end]) - limit
            end -= max(1, over // 2)
        pieces.append(text[start:end])
        start = end
    return pieces


def extra_pieces(values: Sequence[Value]) -> int:
    """How many continuation cells a row of ``values`` needs (0 for almost every row)."""
    extra = 0
    for value in values:
        if isinstance(value, str) and len(value) * 2 > EXCEL_CELL_LIMIT:
            extra += len(split_for_cell(value)) - 1
    return extra


def new_workbook(*, font_size: float = 11) -> Workbook:
    """A write-only workbook, default font 宋体 (``font_size`` pt), with the named styles
    TITLE, HEADER, TEXT, NUMBER and DATE registered; it has no sheet yet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils.indexed_list import IndexedList

    workbook = Workbook(write_only=True)
    base = Font(name=CJK_FONT, size=font_size, charset=_GB2312_CHARSET)
    # openpyxl has no setter for the default font: font 0 (what every cell without a font of
    # its own uses, Calibri by default) and the Normal style's font are replaced here.
    workbook._fonts = IndexedList([base])
    workbook._named_styles["Normal"].font = base
    thin = Side(style="thin", color="808080")
    top = Alignment(vertical="top", wrap_text=True)
    for style in (
        NamedStyle(
            TITLE,
            font=Font(name=CJK_FONT, size=16, bold=True, charset=_GB2312_CHARSET),
            alignment=Alignment(horizontal="center", vertical="center"),
        ),
        NamedStyle(
            HEADER,
            font=Font(name=CJK_FONT, size=font_size, bold=True, charset=_GB2312_CHARSET),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
            fill=PatternFill("solid", fgColor="D9D9D9"),
            border=Border(left=thin, right=thin, top=thin, bottom=thin),
        ),
        NamedStyle(TEXT, font=base, alignment=top),
        NamedStyle(NUMBER, font=base, alignment=Alignment(horizontal="center", vertical="top")),
        NamedStyle(
            DATE,
            font=base,
            alignment=Alignment(horizontal="center", vertical="top"),
            number_format="yyyy-mm-dd",
        ),
    ):
        workbook.add_named_style(style)
    return workbook


def set_print_layout(
    sheet: WriteOnlyWorksheet,
    *,
    title_rows: str | None = None,
    landscape: bool = True,
    grid: bool = True,
) -> None:
    """A4, landscape, every column on one page across (as many pages down as it takes), the
    grid printed (unless not ``grid``), "第 n 页 共 m 页" in the footer; ``title_rows`` ("2:2")
    repeat on every page."""
    sheet.page_setup.paperSize = _A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = grid
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.oddFooter.center.font = CJK_FONT
    if title_rows:
        sheet.print_title_rows = title_rows


def _set_text(cell: Cell, text: str) -> None:
    """Put ``text`` in the cell as text, whatever it starts with (data type "s")."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        cell.value = text
    except IllegalCharacterError:  # controls XML cannot hold (import removes them already)
        cell.value = xml_safe(text)
    cell.data_type = "s"  # never "f" (a leading =) nor "e" (#N/A)
    if text[:1] in FORMULA_STARTS:
        # Excel's quote prefix (the hidden ' of a typed '=1+1): a cell that is edited and
        # confirmed stays text instead of becoming a live formula (=cmd|' /C calc'!A0).
        cell.quotePrefix = True


#: First characters that make Excel, WPS or LibreOffice read a typed cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r")


class SheetWriter:
    """Rows streamed into a write-only sheet, counted here (``rows`` is the last row written).

    ``columns`` is the number of regular columns; a text too long for one cell continues in
    cells after them, and the cell it starts in carries a note saying where it goes on.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, columns: int) -> None:
        self.sheet = sheet
        self.columns = columns
        self.rows = 0
        # Each named style resolved once: looking a name up per cell cost a fifth of the time.
        self._styles: dict[str, StyleArray] = {}
        # Rows arrive as finished cells. openpyxl's own conversion first tries each cell as a
        # value and formats an error message on failing (a quarter of the time at 100,000
        # comments); this one only places them. Tests read every cell back.
        sheet._values_to_row = _place_cells  # type: ignore[method-assign]

    def _cell(self, style: str | None) -> Cell:
        from openpyxl.cell import Cell

        if style is None:
            return Cell(self.sheet, row=1, column=1)
        found = self._styles.get(style)
        if found is None:
            probe = Cell(self.sheet, row=1, column=1)
            probe.style = style
            found = self._styles[style] = probe._style
        return Cell(self.sheet, row=1, column=1, style_array=found)

    def append(self, values: Sequence[Value], styles: Sequence[str | None] = ()) -> int:
        """Write one row (``styles[i]`` the named style of ``values[i]``); its row number."""
        if self.rows >= EXCEL_MAX_ROWS:
            raise ValueError(
                f"工作表“{self.sheet.title}”超过 Excel 的行数上限（{EXCEL_MAX_ROWS}行）"
            )
        cells: list[Cell | None] = []
        overflow: list[Cell] = []
        for position, value in enumerate(values):
            style = styles[position] if position < len(styles) else None
            if value is None or value == "":
                cells.append(None)
            elif isinstance(value, str):
                pieces = split_for_cell(value) if len(value) * 2 > EXCEL_CELL_LIMIT else [value]
                cell = self._cell(style)
                _set_text(cell, pieces[0])
                if len(pieces) > 1:
                    cell.comment = self._note(len(pieces), self.columns + len(overflow) + 1)
                    for piece in pieces[1:]:
                        overflow.append(self._cell(style))
                        _set_text(overflow[-1], piece)
                cells.append(cell)
            else:
                cell = self._cell(style)
                cell.value = value
                cells.append(cell)
        if overflow:
            cells.extend([None] * (self.columns - len(cells)))
            cells.extend(overflow)
        self.sheet.append(cells)
        self.rows += 1
        return self.rows

    @staticmethod
    def _note(pieces: int, column: int) -> Comment:
        from openpyxl.comments import Comment
        from openpyxl.utils import get_column_letter

        return Comment(
            f"内容超过 Excel 单元格上限（{EXCEL_CELL_LIMIT}字），分为{pieces}段：余下"
            f"{pieces - 1}段依次见本行 {get_column_letter(column)} 列起。",
            _AUTHOR,
        )


def _place_cells(cells: Sequence[Cell | None], row: int) -> Iterator[Cell]:
    """The cells of row ``row`` with their coordinates set (None: no cell in that column)."""
    for column, cell in enumerate(cells, 1):
        if cell is not None:
            cell.row = row
            cell.column = column
            yield cell


def set_widths(sheet: WriteOnlyWorksheet, widths: Sequence[float], extra: int = 0) -> None:
    """Column widths in characters (before any row is written), ``extra`` continuation columns
    as wide as the widest."""
    from openpyxl.utils import get_column_letter

    widest = max(widths, default=10)
    for column, width in enumerate([*widths, *([widest] * extra)], 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
