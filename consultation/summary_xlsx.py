"""The 征求意见汇总表 as an .xlsx workbook: the table on one sheet, the totals on another."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from consultation.summary import Summary, SummaryRow, adoption_statement
from consultation.summary_docx import HEADERS

_WIDTHS = (6, 16, 70, 20, 14, 30)


def write_summary_xlsx(
    path: Path | str, summary: Summary, rows: Sequence[SummaryRow], *, title: str = ""
) -> Path:
    """Write the 汇总表 (sheet 意见汇总表) and the totals (sheet 统计) to ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "意见汇总表"
    heading = f"《{title}》征求意见汇总表" if title else "征求意见汇总表"
    sheet.append([heading])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(
            [row.number, row.article, row.content, row.submitter, row.disposition, row.reason]
        )
        sheet.cell(sheet.max_row, 3).alignment = wrap
    for column, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A3"

    totals = workbook.create_sheet("统计")
    totals.append(["采纳情况说明"])
    totals.append([adoption_statement(summary)])
    totals["A2"].alignment = wrap
    totals.column_dimensions["A"].width = 24
    totals.column_dimensions["B"].width = 12
    for name, figures in (
        ("意见来源", summary.by_source),
        ("处理意见", summary.by_disposition),
        ("条款", summary.by_article),
    ):
        totals.append([])
        totals.append([name, "条数"])
        totals.cell(totals.max_row, 1).font = Font(bold=True)
        totals.cell(totals.max_row, 2).font = Font(bold=True)
        for label, count in figures.items():
            totals.append([label, count])
    totals.append([])
    totals.append(["合计", summary.total])
    totals.append(["相同或相近意见组数", len(summary.clusters)])
    workbook.save(str(path))
    return path
