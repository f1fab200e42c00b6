"""The 征求意见汇总表 as an .xlsx workbook people can filter, extend, print and send on.

Sheets: 意见汇总表 (the 汇总表 rows, each cluster of near-duplicates as one row), 意见明细 (one
row per comment: what people filter and pass on), 统计 (the totals, with native Excel bar charts
of comments per source and per article). Each table has a frozen header with filters, prints
landscape on A4, every column on one page across, with its header row repeated on each page.

The rows are streamed (``consultation.xlsx_cells``): 100,000 comments take one pass. Text is
always stored as text, and a text over Excel's cell limit continues in cells at the row's end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from consultation.charts import MAX_BARS
from consultation.summary import CommentLine, Summary, SummaryRow, adoption_statement
from consultation.summary_docx import HEADERS
from consultation.xlsx_cells import (
    DATE,
    HEADER,
    NUMBER,
    TEXT,
    TITLE,
    SheetWriter,
    Value,
    extra_pieces,
    new_workbook,
    set_print_layout,
    set_widths,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: Sheet names.
SUMMARY_SHEET = "意见汇总表"
LINES_SHEET = "意见明细"
TOTALS_SHEET = "统计"

_WIDTHS = (6, 16, 70, 20, 14, 30)
_TOTALS_LABEL_WIDTH = 36
_STYLES = (NUMBER, TEXT, TEXT, TEXT, TEXT, TEXT)

#: The columns of the 意见明细 sheet.
LINE_HEADERS = (
    "序号",
    "条款（提出者所写）",
    "条款（定位）",
    "意见内容",
    "提出者",
    "类别",
    "渠道",
    "日期",
    "分组",
    "汇总表序号",
    "处理意见",
    "理由",
    "备注",
)
_LINE_WIDTHS = (7, 16, 16, 50, 16, 10, 8, 11, 13, 10, 10, 24, 24)
_LINE_STYLES = (NUMBER, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, DATE, TEXT, NUMBER, TEXT, TEXT, TEXT)
#: The header of the cells a text too long for one cell continues in.
CONTINUED = "续（超长内容）"


def write_summary_xlsx(
    path: Path | str,
    summary: Summary,
    rows: Sequence[SummaryRow],
    *,
    title: str = "",
    lines: Sequence[CommentLine] | None = None,
) -> Path:
    """Write the workbook to ``path``: sheets 意见汇总表, 意见明细 and 统计.

    ``lines`` (one per comment) default to ``summary.lines``; without any, 意见明细 has only
    its header. Raises OSError when the file cannot be written.
    """
    path = Path(path)
    # The file is opened before the write-only sheets start streaming: an unwritable path fails
    # here, cleanly, instead of leaving half-run sheet writers that print tracebacks at exit.
    with path.open("wb") as handle:
        workbook = new_workbook()
        _summary_sheet(workbook, rows, title)
        _lines_sheet(workbook, summary.lines if lines is None else lines)
        _totals_sheet(workbook, summary)
        workbook.save(handle)
    return path


def _summary_values(row: SummaryRow) -> tuple[Value, ...]:
    return (row.number, row.article, row.content, row.submitter, row.disposition, row.reason)


def _summary_sheet(workbook: Workbook, rows: Sequence[SummaryRow], title: str) -> None:
    sheet: WriteOnlyWorksheet = workbook.create_sheet(SUMMARY_SHEET)
    extra = max((extra_pieces(_summary_values(r)) for r in rows), default=0)
    columns = len(HEADERS)
    set_widths(sheet, _WIDTHS, extra)
    last = len(rows) + 2
    _table_settings(sheet, header_row=2, columns=columns, last_row=last)
    sheet.merged_cells.add(f"A1:{_letter(columns)}1")
    sheet.row_dimensions[1].height = 30
    sheet.row_dimensions[2].height = 20
    writer = SheetWriter(sheet, columns)
    writer.append([f"《{title}》征求意见汇总表" if title else "征求意见汇总表"], [TITLE])
    writer.append([*HEADERS, *[CONTINUED] * extra], [HEADER] * (columns + extra))
    for row in rows:
        writer.append(_summary_values(row), _STYLES)


def _line_values(line: CommentLine) -> tuple[Value, ...]:
    return (
        line.number,
        line.written,
        line.anchored,
        line.content,
        line.submitter,
        line.source,
        line.channel,
        line.date,
        line.group,
        line.row or None,
        line.disposition,
        line.reason,
        line.note,
    )


def _lines_sheet(workbook: Workbook, lines: Sequence[CommentLine]) -> None:
    sheet: WriteOnlyWorksheet = workbook.create_sheet(LINES_SHEET)
    columns = len(LINE_HEADERS)
    extra = max((extra_pieces(_line_values(x)) for x in lines), default=0)
    set_widths(sheet, _LINE_WIDTHS, extra)
    _table_settings(sheet, header_row=1, columns=columns, last_row=len(lines) + 1)
    sheet.row_dimensions[1].height = 30  # two lines: 条款（提出者所写）, 汇总表序号
    writer = SheetWriter(sheet, columns)
    writer.append([*LINE_HEADERS, *[CONTINUED] * extra], [HEADER] * (columns + extra))
    for line in lines:
        writer.append(_line_values(line), _LINE_STYLES)


def _table_settings(
    sheet: WriteOnlyWorksheet, *, header_row: int, columns: int, last_row: int
) -> None:
    """Frozen header, filters over the table, header row printed on every page."""
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{_letter(columns)}{max(last_row, header_row)}"
    set_print_layout(sheet, title_rows=f"{header_row}:{header_row}")


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _totals_sheet(workbook: Workbook, summary: Summary) -> None:
    """The 采纳情况说明, the tables by source, disposition and article, and two bar charts."""
    sheet: WriteOnlyWorksheet = workbook.create_sheet(TOTALS_SHEET)
    set_widths(sheet, (_TOTALS_LABEL_WIDTH, 10))
    set_print_layout(sheet, landscape=False, grid=False)
    statement = adoption_statement(summary)
    # A wrapped cell's row grows when it is opened, but not everywhere: give it its lines.
    lines = math.ceil(len(statement) / (_TOTALS_LABEL_WIDTH / 2)) + 1
    sheet.row_dimensions[2].height = 15 * lines
    writer = SheetWriter(sheet, 2)
    writer.append(["采纳情况说明"], [HEADER])
    writer.append([statement], [TEXT])
    blocks: dict[str, tuple[int, int]] = {}  # table name → (first, last) row of its figures
    for name, figures in (
        ("意见来源", summary.by_source),
        ("处理意见", summary.by_disposition),
        ("条款", summary.by_article),
    ):
        writer.append([])
        writer.append([name, "条数"], [HEADER, HEADER])
        first = writer.rows + 1
        for label, count in figures.items():
            writer.append([label, count], [TEXT, None])
        blocks[name] = (first, writer.rows)
    writer.append([])
    writer.append(["合计", summary.total], [HEADER, None])
    writer.append(["相同或相近意见组数", len(summary.clusters)], [HEADER, None])

    by_article = list(summary.by_article.items())
    note = ""
    if len(by_article) > MAX_BARS:
        # The chart shows the busiest articles, in text order, from a table of its own.
        keep = {k for k, _ in sorted(by_article, key=lambda kv: -kv[1])[:MAX_BARS]}
        shown = [(k, n) for k, n in by_article if k in keep]
        rest = [n for k, n in by_article if k not in keep]
        note = f"意见最多的{MAX_BARS}处；另有{len(rest)}处共{sum(rest)}条意见未列出"
        writer.append([])
        writer.append([f"图表数据：{note}", "条数"], [HEADER, HEADER])
        first = writer.rows + 1
        for label, count in shown:
            writer.append([label, count], [TEXT, None])
        blocks["条款"] = (first, writer.rows)
    anchor = 2
    for name, chart_title in (("意见来源", "意见来源分布"), ("条款", "各条款意见数量")):
        first, last = blocks[name]
        if last < first:
            continue
        chart = _bar_chart(sheet, first, last, chart_title, note if name == "条款" else "")
        sheet.add_chart(chart, f"D{anchor}")
        # The next chart starts below this one (rows are 15 pt, about 0.53 cm, high).
        anchor += math.ceil(chart.height / 0.53) + 2


def _bar_chart(sheet: WriteOnlyWorksheet, first: int, last: int, title: str, note: str) -> BarChart:
    """A horizontal bar chart of the counts in B``first``:B``last`` labelled by column A, the
    first label at the top, each bar with its count."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart = BarChart()
    chart.type = "bar"
    chart.title = f"{title}（{note}）" if note else title
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=2, min_row=first, max_row=last), titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # text order from the top down
    chart.x_axis.delete = False  # openpyxl 3.1 hides the axes unless told
    chart.y_axis.delete = False
    chart.y_axis.title = "条数"
    chart.y_axis.majorGridlines = None
    # Only the count by each bar: readers otherwise add the series and category names.
    chart.dataLabels = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
    )
    chart.gapWidth = 60
    bars = last - first + 1
    chart.width = 18  # cm
    chart.height = max(7.5, 0.55 * bars + 2.5)
    return chart
