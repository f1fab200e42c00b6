"""The 征求意见汇总表 as a .docx in the house style: title, 采纳情况说明, charts, the table.

Landscape A4, the table 序号 | 条款 | 意见内容 | 提出者 | 处理意见 | 理由 with its header row
repeated on every page, whole-draft comments first, then the articles in text order, each cluster
of near-duplicates as one row that says how many comments it stands for.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.table import Table

from consultation.summary import Summary, SummaryRow, adoption_statement
from drafting.write.house_docx import (
    HEITI,
    STYLE_BODY,
    STYLE_HEADING,
    STYLE_TABLE_TEXT,
    STYLE_TITLE,
    add_styled_paragraph,
    new_document,
    set_run_font,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

HEADERS = ("序号", "条款", "意见内容", "提出者", "处理意见", "理由")
#: Column widths in mm for the 225 mm wide type area of a landscape page.
_CHART_WIDTH_MM = 170
_CHART_HEIGHT_MM = 140
_WIDTHS_MM = (14, 26, 95, 30, 22, 38)


def write_summary_docx(
    path: Path | str,
    summary: Summary,
    rows: Sequence[SummaryRow],
    *,
    title: str = "",
    charts: bool = True,
) -> Path:
    """Write the 汇总表 to ``path`` (.docx); ``title`` is the regulation's title."""
    path = Path(path)
    document = new_document(landscape=True)
    heading = f"《{title}》征求意见汇总表" if title else "征求意见汇总表"
    add_styled_paragraph(document, heading, STYLE_TITLE)
    add_styled_paragraph(document, "采纳情况说明", STYLE_HEADING)
    add_styled_paragraph(document, adoption_statement(summary), STYLE_BODY)
    if charts and summary.total:
        from consultation.charts import articles_chart, sources_chart

        for png in (articles_chart(summary.by_article), sources_chart(summary.by_source)):
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(png), **_fit(png))
    add_styled_paragraph(document, "意见汇总表", STYLE_HEADING)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_layout(table)
    header = table.rows[0]
    _repeat_header(header._tr)
    for cell, text in zip(header.cells, HEADERS, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.style = document.styles[STYLE_TABLE_TEXT]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(paragraph.add_run(text), east_asia=HEITI, size_pt=12, bold=True)
    widths = [int(Mm(w).twips) for w in _WIDTHS_MM]
    for cell, width in zip(header.cells, _WIDTHS_MM, strict=True):
        cell.width = Mm(width)
    style_id = document.styles[STYLE_TABLE_TEXT].style_id
    _append_rows(table, rows, widths, style_id)
    document.core_properties.title = heading
    document.save(str(path))
    return path


def _fit(png: bytes) -> dict[str, Length]:
    """Width or height for a chart so that it fits a landscape page's type area."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    if height * _CHART_WIDTH_MM > width * _CHART_HEIGHT_MM:
        return {"height": Mm(_CHART_HEIGHT_MM)}
    return {"width": Mm(_CHART_WIDTH_MM)}


def _append_rows(
    table: Table, rows: Sequence[SummaryRow], widths: list[int], style_id: str
) -> None:
    """Append the body rows as XML in one parse.

    python-docx looks the paragraph style up among all styles for every cell it styles, which
    made a 3,000-row table take half a minute; one parse of the rows' XML takes a fraction.
    """
    parts: list[str] = [f'<w:tbl xmlns:w="{W_NS}">']
    for row in rows:
        values = (
            str(row.number),
            row.article,
            row.content,
            row.submitter,
            row.disposition,
            row.reason,
        )
        parts.append("<w:tr>")
        for text, width in zip(values, widths, strict=True):
            lines = "<w:br/>".join(
                f'<w:t xml:space="preserve">{escape(_xml_safe(line))}</w:t>'
                for line in text.split("\n")
            )
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r>{lines}</w:r></w:p></w:tc>'
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    built = parse_xml("".join(parts))
    tbl = table._tbl
    for tr in list(built):
        tbl.append(tr)


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _xml_safe(text: str) -> str:
    """Drop control characters XML 1.0 cannot hold (pasted text sometimes carries them)."""
    return text.translate(_CONTROL)


def _fixed_layout(table: Table) -> None:
    """Fixed column widths: Word need not measure every cell of a long table to lay it out."""
    tbl = table._tbl
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, _WIDTHS_MM, strict=True):
        grid_col.w = Mm(width)
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(int(Mm(sum(_WIDTHS_MM)).twips)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def _repeat_header(tr: object) -> None:
    """Mark a row as the table header, repeated at the top of every page."""
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)
