"""Printing a draft in the house layout: print preview, printer and PDF share one function.

``paint_draft`` builds the draft in a QTextDocument with QTextCursor (setHtml would drop the
U+3000 after 第X条), breaks each block into lines of the type area's width on the fixed pitch
(28 condensed 三号 characters, a closing punctuation mark allowed to hang as Word and
LibreOffice hang it), breaks the lines into pages of 22 with the .docx's rules
(``drafting.write.pagination``: keep-with-next, widow and orphan control) and draws each line
once, on its page. Page numbers "— n —" (odd pages right, even pages left), the mark
(内部资料　注意保存), line numbers and the watermark are painted by hand: QTextDocument.print_()
would add its own margin and page numbers (see STACK-NOTES.md).

The blocks come from ``drafting.write.layout.house_layout``, the stream the .docx and the
reading pane consume; the geometry, fonts and paragraph shapes from ``drafting.write.house_style``
(GB/T 9704: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, 22 lines of 三号 text
a page at a fixed pitch, the page number 7 mm below the type area).

A table (of a 款 or an appendix) is printed as a table: each of its rows is one block of the
stream, laid out cell by cell in columns of equal width (a merged cell over its columns, its
words in its first row) on the same pitch, ruled all round (``_TableRow``); its lines break
into pages like any block's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)

from drafting.model.matter import Table
from drafting.model.units import Draft
from drafting.write import house_style as spec
from drafting.write.house_style import Align, FontRole
from drafting.write.layout import Block, BlockRole, house_layout, paragraph_role, table_grid
from drafting.write.pagination import Flow, Placed, page_count, paginate
from drafting.write.pdf_unicode import repair_to_unicode
from ui.shell.fonts import Role, font_for, house_font

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0

#: GB/T 9704 margins in millimetres: (top, bottom, left, right).
HOUSE_MARGINS_MM = spec.PAGE.margins_mm
#: The right margin of a review version with room for handwritten notes.
WIDE_RIGHT_MARGIN_MM = spec.WIDE_RIGHT_MARGIN_MM
#: 22 lines in the 225 mm type area.
LINE_PITCH_PT = spec.LINE_PITCH_PT
#: The page number's top edge sits 7 mm below the type area.
PAGE_NUMBER_GAP_MM = spec.PAGE.page_number_gap_mm


@dataclass
class PrintOptions:
    """What a review version (审议稿 / 征求意见稿) adds to the clean text.

    ``mark`` (e.g. 内部资料　注意保存) goes top-left of the first page, or of every page with
    ``mark_every_page``; ``line_numbers`` numbers the lines of each page in the left margin
    (every ``line_number_step``-th line), so members can say "第3页第12行"; ``wide_margin``
    leaves a wide right margin for handwritten notes; ``watermark`` is printed faintly across
    every page.
    """

    stage_label: str = ""
    mark: str = ""
    mark_every_page: bool = False
    line_numbers: bool = False
    line_number_step: int = 1
    wide_margin: bool = False
    watermark: str = ""


def house_page_layout(options: PrintOptions | None = None) -> QPageLayout:
    """A4 portrait with the GB/T 9704 margins (a wider right margin when asked)."""
    top, bottom, left, right = HOUSE_MARGINS_MM
    if options is not None and options.wide_margin:
        right = WIDE_RIGHT_MARGIN_MM
    # The house page (210 × 297 mm) matches Qt's A4 and takes its id.
    size = QSizeF(spec.PAGE.width_mm, spec.PAGE.height_mm)
    return QPageLayout(
        QPageSize(size, QPageSize.Unit.Millimeter),
        QPageLayout.Orientation.Portrait,
        QMarginsF(left, top, right, bottom),
        QPageLayout.Unit.Millimeter,
    )


def _page_number_font() -> QFont:
    """宋体 四号 when installed, else its serif stand-in."""
    return font_for(spec.PAGE_NUMBER_FONT, fallback=("serif",))


def _mark_font() -> QFont:
    """The mark in 黑体 三号 (GB/T 9704 7.2.2 for 密级)."""
    return font_for(spec.MARK_FONT)


def _format_dpi() -> float:
    """The dpi QTextDocumentLayout takes format lengths in (Qt's qt_defaultDpiY)."""
    if QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96.0
    screen = QGuiApplication.primaryScreen()
    return float(round(screen.logicalDotsPerInchY())) if screen is not None else 100.0


class _Builder:
    """Appends house-style blocks to a QTextDocument laid out in device pixels."""

    def __init__(self, document: QTextDocument, format_dpi: float, device_dpi: float) -> None:
        self.document = document
        self.cursor = QTextCursor(document)
        self.first = True
        # Line heights and block margins are scaled to the device by the layout; the first-line
        # indent is not (measured with Qt 6.12), so it is given in device pixels.
        self.pitch = LINE_PITCH_PT * format_dpi / PT_PER_INCH
        # One character of 三号 body text.
        self.em = spec.FONTS[FontRole.BODY].size_pt * device_dpi / PT_PER_INCH
        self.formats: dict[Role, QTextCharFormat] = {}
        for role in Role:
            fmt = QTextCharFormat()
            fmt.setFont(house_font(role))
            self.formats[role] = fmt
        # Text on the grid gets the condensed advance of the .docx (28 三号 characters a
        # line); the 二号 title keeps its own (``ParagraphSpec.snap_to_grid``).
        spacing = spec.GRID_CHAR_SPACING_PT * format_dpi / PT_PER_INCH
        self.condensed: dict[Role, QTextCharFormat] = {}
        for role, fmt in self.formats.items():
            condensed = QTextCharFormat(fmt)
            condensed.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            condensed.setFontLetterSpacing(spacing)
            self.condensed[role] = condensed
        self.on_grid = True
        #: One ``Flow`` per block (its lines are counted once the document is laid out).
        self.shapes: list[Flow] = []
        #: Block number → (table, row) for the blocks that are rows of a table.
        self.rows: dict[int, tuple[Table, int]] = {}

    def block(
        self,
        *,
        centred: bool = False,
        indent_chars: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        fmt = QTextBlockFormat()
        fmt.setAlignment(
            Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignJustify
        )
        fmt.setTextIndent(indent_chars * self.em)
        fmt.setLineHeight(self.pitch, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        fmt.setTopMargin(space_before * self.pitch)
        fmt.setBottomMargin(space_after * self.pitch)
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.first = False
        else:
            self.cursor.insertBlock(fmt)

    def text(self, text: str, role: Role) -> None:
        if text:
            formats = self.condensed if self.on_grid else self.formats
            self.cursor.insertText(text, formats[role])

    def layout_block(self, block: Block) -> None:
        """One block of the layout stream, shaped by the house style's paragraph spec."""
        shape = spec.PARAGRAPHS[paragraph_role(block.role)]
        indent = float(shape.first_line_chars)
        if block.role is BlockRole.TOC_ENTRY and block.kind is not None:
            indent = spec.TOC_INDENT_CHARS[block.kind]
        space_before = shape.space_before_lines
        space_after = shape.space_after_lines
        if block.role.in_title_block:
            space_after = spec.TITLE_BLOCK_SPACE_AFTER_LINES if block.ends_title_block else 0.0
        self.block(
            centred=shape.align is Align.CENTER,
            indent_chars=indent,
            space_before=space_before,
            space_after=space_after,
        )
        self.on_grid = shape.snap_to_grid
        if block.role is BlockRole.TABLE and block.table is not None:
            self.rows[len(self.shapes)] = (block.table, block.row)
        self.shapes.append(
            Flow(
                0,
                round(space_before),
                round(space_after),
                keep_with_next=shape.keep_with_next,
            )
        )
        for span in block.spans:
            self.text(span.text, span.font)


def build_print_document(
    draft: Draft, options: PrintOptions, dpi: float, device: QPagedPaintDevice | None = None
) -> QTextDocument:
    """The draft laid out for paper at ``dpi``: title, stage label, 题注, 目录, headings, articles.

    With ``device`` the layout measures fonts at the device's resolution (as it will paint).
    """
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setUndoRedoEnabled(False)
    format_dpi = dpi
    if device is not None:
        document.documentLayout().setPaintDevice(device)
        # With a paint device the layout scales line heights and margins by device dpi / Qt's
        # default dpi, so those lengths are given in default-dpi pixels.
        format_dpi = _format_dpi()
    b = _Builder(document, format_dpi, dpi)
    document.setDefaultFont(house_font(Role.BODY))
    # One edit block: the layout runs once at the end instead of after every insert.
    b.cursor.beginEditBlock()

    for block in house_layout(draft, stage_label=options.stage_label):
        b.layout_block(block)
    b.cursor.endEditBlock()
    document.setProperty(_FLOWS, b.shapes)
    document.setProperty(_ROWS, b.rows)
    return document


#: Where ``build_print_document`` leaves the paragraph shapes for ``paginate_document``.
_FLOWS = "house_flows"
#: … and the table rows among the blocks (block number → (table, row)).
_ROWS = "house_table_rows"


@dataclass
class _TableRow:
    """One table row laid out for paper: its cells' words in columns, and its rules.

    ``cells``: (left x in the type area, laid-out words) of the cells that start in this row;
    ``lines``: lines the row takes (its tallest cell); ``verticals``: x of the column rules;
    ``below``: x ranges ruled under the row (not under a cell that spans on down);
    ``first``: the table's first row (ruled above)."""

    cells: list[tuple[float, QTextLayout]]
    lines: int
    verticals: list[float]
    below: list[tuple[float, float]]
    first: bool


def _table_row(
    table: Table, row: int, width: float, pitch: float, device: QPaintDevice | None
) -> _TableRow:
    """Lay out row ``row`` of ``table`` across ``width``: equal columns, each cell's words
    broken into lines of its columns' width on the fixed ``pitch``."""
    height, columns, places = table_grid(table)
    column = width / columns
    pad = column * 0.04
    font = house_font(Role.BODY)
    cells: list[tuple[float, QTextLayout]] = []
    verticals: set[float] = set()
    open_below: set[int] = set()
    lines = 1
    for r, c, cell in places:
        spans_rows = min(max(cell.row_span, 1), height - r)
        if not r <= row < r + spans_rows:
            continue
        left, right = c * column, min(c + max(cell.col_span, 1), columns) * column
        verticals.update((left, right))
        if row < r + spans_rows - 1:
            open_below.update(range(c, min(c + max(cell.col_span, 1), columns)))
        if r != row:
            continue
        layout = QTextLayout(cell.text, font, device)
        layout.beginLayout()
        k = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(right - left - 2 * pad, 1.0))
            line.setPosition(QPointF(pad, k * pitch + (pitch - line.height()) / 2))
            k += 1
        layout.endLayout()
        lines = max(lines, k)
        cells.append((left, layout))
    below = [
        (c * column, (c + 1) * column) for c in range(columns) if c not in open_below
    ]
    return _TableRow(cells, lines, sorted(verticals), below, row == 0)

@dataclass(frozen=True)
class PagedDocument:
    """A print document broken into pages: per block, where its lines go."""

    document: QTextDocument
    placements: list[list[Placed]]
    pages: int
    pitch: float  # device pixels a line
    #: Block number → the table row it prints (laid out in columns, ruled).
    rows: dict[int, _TableRow] = field(default_factory=dict)


#: Closing punctuation that may hang past the end of a full line, as Word and LibreOffice
#: let it (w:overflowPunct): a 28-character line then takes its 。 or ， along.
_HANGING = frozenset("，。、；：？！）》〉」』”’】〕")


def _layout_lines(block: QTextBlock, width: float, pitch: float, hang: float) -> None:
    """Break ``block`` into lines of ``width`` (first line indented) on the fixed ``pitch``,
    letting one closing punctuation mark hang past a full line (up to ``hang`` wide), and
    centre each line's glyphs in its slot."""
    text_layout = block.layout()
    text = block.text()
    indent = block.blockFormat().textIndent()
    text_layout.beginLayout()
    k = 0
    while True:
        line = text_layout.createLine()
        if not line.isValid():
            break
        first_indent = indent if k == 0 else 0.0
        line.setLineWidth(width - first_indent)
        end = line.textStart() + line.textLength()
        if end < len(text):
            line.setLineWidth(width - first_indent + hang)
            wider = line.textStart() + line.textLength()
            if not (end < wider <= end + 2 and text[wider - 1] in _HANGING):
                line.setLineWidth(width - first_indent)
        line.setPosition(QPointF(first_indent, k * pitch + (pitch - line.height()) / 2))
        k += 1
    text_layout.endLayout()


def paginate_document(
    document: QTextDocument, pitch: float, width: float, hang: float = 0.0
) -> PagedDocument:
    """Lay ``document`` out in one column ``width`` wide on the fixed ``pitch`` (a closing
    punctuation mark may hang ``hang`` past a full line), then break it into pages of 22
    lines with the .docx's rules (``drafting.write.pagination``)."""
    document.setPageSize(QSizeF(width, 1e9))  # one long page: Qt breaks no lines itself
    document.documentLayout().documentSize()  # lays the document out (formats, fonts)
    shapes: list[Flow] = document.property(_FLOWS) or []
    table_rows: dict[int, tuple[Table, int]] = document.property(_ROWS) or {}
    device = document.documentLayout().paintDevice()
    rows: dict[int, _TableRow] = {}
    flows: list[Flow] = []
    block = document.begin()
    k = 0
    while block.isValid():
        if k in table_rows:
            table, row = table_rows[k]
            rows[k] = _table_row(table, row, width, pitch, device)
            count = rows[k].lines
        else:
            _layout_lines(block, width, pitch, hang)
            count = block.layout().lineCount()
        shape = shapes[k] if k < len(shapes) else Flow(0)
        flows.append(
            Flow(
                max(1, count),
                shape.space_before,
                shape.space_after,
                shape.keep_with_next,
                shape.widow_control,
            )
        )
        block, k = block.next(), k + 1
    placements = paginate(flows, spec.LINES_PER_PAGE)
    return PagedDocument(document, placements, page_count(placements), pitch, rows)


def line_baselines(document: QTextDocument) -> list[float]:
    """The baseline of every laid-out line, in document coordinates (page breaks included)."""
    layout = document.documentLayout()
    baselines: list[float] = []
    block = document.begin()
    while block.isValid():
        block_top = layout.blockBoundingRect(block).top()
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            baselines.append(block_top + line.y() + line.ascent())
        block = block.next()
    return baselines


def page_baselines(paged: PagedDocument) -> list[list[float]]:
    """Per page, the baseline of every line on it, from the top of the type area."""
    pages: list[list[float]] = [[] for _ in range(paged.pages)]
    block = paged.document.begin()
    for k, placed in enumerate(paged.placements):
        row = paged.rows.get(k)
        if row is not None:
            # A table row: one baseline per line slot, as its cells' lines sit.
            ascent = QFontMetricsF(house_font(Role.BODY)).ascent()
            for part in placed:
                for n in range(part.count):
                    slot = (part.slot + n) * paged.pitch
                    pages[part.page].append(slot + (paged.pitch - ascent) / 2 + ascent * 0.9)
            block = block.next()
            continue
        text_layout = block.layout()
        for part in placed:
            for n in range(part.count):
                index = part.first + n
                line = text_layout.lineAt(index)
                if not line.isValid():
                    continue
                offset = line.y() - index * paged.pitch  # the glyphs' place in their slot
                pages[part.page].append((part.slot + n) * paged.pitch + offset + line.ascent())
        block = block.next()
    return pages


def paint_draft(
    draft: Draft, device: QPagedPaintDevice, options: PrintOptions | None = None
) -> int:
    """Paint ``draft`` onto ``device`` (a QPrinter or QPdfWriter), page by page; pages painted.

    The type area is the device's page-layout paint rect, so margins set in a page-setup dialog
    are honoured; everything else (page numbers, mark, line numbers) is placed around it.
    Pages break where the .docx breaks (``drafting.write.pagination``); each line is drawn
    once, on its own page (no clipped copies in the PDF's text layer).
    """
    options = options or PrintOptions()
    dpi = float(device.logicalDpiY())
    page_layout = device.pageLayout()
    full = QRectF(page_layout.fullRectPixels(int(dpi)))
    area = QRectF(page_layout.paintRectPixels(int(dpi)))

    document = build_print_document(draft, options, dpi, device)
    pitch = LINE_PITCH_PT * dpi / PT_PER_INCH
    # A closing punctuation mark may hang past a full line by one condensed 三号 character.
    hang = (spec.FONTS[FontRole.BODY].size_pt + spec.GRID_CHAR_SPACING_PT) * dpi / PT_PER_INCH
    paged = paginate_document(document, pitch, area.width(), hang + 1.0)
    baselines = page_baselines(paged) if options.line_numbers else []
    by_page: list[list[tuple[int, Placed]]] = [[] for _ in range(paged.pages)]
    for index, placed in enumerate(paged.placements):
        for part in placed:
            by_page[part.page].append((index, part))
    blocks = []
    block = document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印：打印机或 PDF 文件无法写入")
    try:
        # Work in paper coordinates: (0, 0) is the top-left corner of the sheet.
        full_page = getattr(device, "fullPage", None)
        if not (callable(full_page) and full_page()):
            painter.translate(-area.left() + full.left(), -area.top() + full.top())
        for page in range(paged.pages):
            if page:
                device.newPage()
            _paint_page(painter, page, area, full, options)
            for index, part in by_page[page]:
                row = paged.rows.get(index)
                if row is not None:
                    _paint_row(painter, row, part, area, pitch)
                else:
                    _paint_lines(painter, blocks[index], part, area, pitch)
            if baselines:
                _paint_line_numbers(painter, area, options, baselines[page])
    finally:
        painter.end()
    return paged.pages


def _paint_lines(
    painter: QPainter, block: QTextBlock, part: Placed, area: QRectF, pitch: float
) -> None:
    """Draw lines ``part.first``… of ``block`` from slot ``part.slot`` of the type area."""
    text_layout = block.layout()
    top = part.first * pitch  # lines sit at k × pitch in the block (``_layout_lines``)
    origin = text_layout.position()
    at = QPointF(area.left() - origin.x(), area.top() + part.slot * pitch - top - origin.y())
    # Line by line: QTextLayout.draw with a clip rectangle still drew a neighbouring line
    # (measured), which then sat above the type area and doubled in the text layer.
    for n in range(part.count):
        line = text_layout.lineAt(part.first + n)
        if line.isValid():
            line.draw(painter, at + origin)


def _paint_row(painter: QPainter, row: _TableRow, part: Placed, area: QRectF, pitch: float) -> None:
    """Draw lines ``part.first``… of a table row from slot ``part.slot``, with its rules: the
    column rules down the part, a rule above the table's first row (and wherever the row
    goes on from the page before), and under the row where it ends (or breaks off)."""
    top = area.top() + part.slot * pitch
    bottom = top + part.count * pitch
    for left, layout in row.cells:
        origin = QPointF(area.left() + left, top - part.first * pitch)
        for n in range(part.count):
            line = layout.lineAt(part.first + n)
            if line.isValid():
                line.draw(painter, origin)
    painter.save()
    pen = painter.pen()
    pen.setColor(QColor("black"))
    pen.setWidthF(max(1.0, pitch / 60))
    painter.setPen(pen)
    x0 = area.left()
    for x in row.verticals:
        painter.drawLine(QPointF(x0 + x, top), QPointF(x0 + x, bottom))
    if part.first > 0 or row.first:
        painter.drawLine(QPointF(x0 + row.verticals[0], top), QPointF(x0 + row.verticals[-1], top))
    if part.first + part.count < row.lines:
        painter.drawLine(
            QPointF(x0 + row.verticals[0], bottom), QPointF(x0 + row.verticals[-1], bottom)
        )
    else:
        for a, b in row.below:
            painter.drawLine(QPointF(x0 + a, bottom), QPointF(x0 + b, bottom))
    painter.restore()


def _paint_page(
    painter: QPainter,
    page: int,
    area: QRectF,
    full: QRectF,
    options: PrintOptions,
) -> None:
    dpi_scale = painter.device().logicalDpiY() / MM_PER_INCH  # pixels per millimetre
    if options.watermark:
        _paint_watermark(painter, options.watermark, full)

    number = page + 1
    painter.save()
    font = _page_number_font()
    painter.setFont(font)
    painter.setPen(QColor("black"))
    metrics = QFontMetricsF(font, painter.device())
    text = f"— {number} —"
    width = metrics.horizontalAdvance(text)
    inset = metrics.horizontalAdvance("\u3000")  # one character in from the type-area edge
    y = area.bottom() + PAGE_NUMBER_GAP_MM * dpi_scale + metrics.ascent()
    x = area.right() - inset - width if number % 2 else area.left() + inset
    painter.drawText(QPointF(x, y), text)
    painter.restore()

    if options.mark and (page == 0 or options.mark_every_page):
        painter.save()
        font = _mark_font()
        painter.setFont(font)
        metrics = QFontMetricsF(font, painter.device())
        # Above the type area, on the top line of the 版头 (GB/T 9704 7.2.2).
        y = area.top() - 2 * metrics.height() + metrics.ascent()
        painter.drawText(QPointF(area.left(), y), options.mark)
        painter.restore()


def _paint_line_numbers(
    painter: QPainter, area: QRectF, options: PrintOptions, baselines: list[float]
) -> None:
    """Numbers in the left margin, counting afresh on each page: 五号 digits in near-black,
    right-aligned ``LINE_NUMBER_GAP_MM`` left of the type area, on each line's baseline."""
    font = font_for(spec.PAGE_NUMBER_FONT, fallback=("serif",))
    font.setPointSizeF(spec.LINE_NUMBER_SIZE_PT)
    painter.save()
    painter.setFont(font)
    grey = spec.LINE_NUMBER_GREY
    painter.setPen(QColor(grey, grey, grey))
    metrics = QFontMetricsF(font, painter.device())
    gap = spec.LINE_NUMBER_GAP_MM * painter.device().logicalDpiX() / MM_PER_INCH
    step = max(1, options.line_number_step)
    n = 0
    for baseline in baselines:
        n += 1
        if n % step:
            continue
        label = str(n)
        x = area.left() - gap - metrics.horizontalAdvance(label)
        # On the line's own baseline.
        painter.drawText(QPointF(x, area.top() + baseline), label)
    painter.restore()


def _paint_watermark(painter: QPainter, text: str, full: QRectF) -> None:
    """Large pale text diagonally across the page, under the text."""
    painter.save()
    font = house_font(Role.HEADING)
    font.setPointSizeF(spec.WATERMARK_SIZE_PT)
    painter.setFont(font)
    painter.setPen(QColor(215, 215, 215))
    painter.translate(full.center())
    painter.rotate(-35)
    metrics = QFontMetricsF(font, painter.device())
    width = metrics.horizontalAdvance(text)
    painter.drawText(QPointF(-width / 2, metrics.ascent() / 2), text)
    painter.restore()


def prepare_device(device: QPagedPaintDevice, options: PrintOptions | None = None) -> None:
    """Give a printer or PDF writer the house page layout (A4, GB/T 9704 margins; the wide
    right margin when asked). ``paint_draft`` then takes the type area from it."""
    device.setPageLayout(house_page_layout(options))


def print_to_pdf(draft: Draft, out: Path, options: PrintOptions | None = None) -> int:
    """Write the printed layout of ``draft`` to a PDF file; returns the number of pages.

    Needs a QGuiApplication (``app.py export --pdf`` makes an offscreen one).
    """
    options = options or PrintOptions()
    writer = QPdfWriter(str(out))
    writer.setResolution(600)
    writer.setTitle(draft.title)
    writer.setCreator("立法工作台")
    prepare_device(writer, options)
    pages = paint_draft(draft, writer, options)
    # Qt's ToUnicode maps say ⼀ for 一 with the Noto CJK fonts (see drafting.write.pdf_unicode).
    blocks = house_layout(draft, stage_label=options.stage_label)
    printed = "".join(block.text for block in blocks) + options.mark + options.watermark
    repair_to_unicode(out, printed)
    return pages
