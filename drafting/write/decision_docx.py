"""The 修改决定 as a Word document in the house style, from the text the drafter edited.

The text comes from ``amendment_decision`` and may have been edited freely, so it is taken
line by line: the title 关于修改《X》的决定 centred, then every line as a body paragraph —
except a quoted table. The plain text quotes a table a line per row (“| 类别〔跨两行〕 | 标准 |,
``matter.table_lines``: the plain-text form, merged cells marked in words); the document
carries it as a real Word table with its merged cells, the words before the quotation
(一、将第二条中的表格修改为：) a paragraph of their own, the quote marks of the rows left out,
as published decisions print a schedule (将个人所得税税率表一修改为： and the table).
``amend.docx_decision.decision_docx_lines`` reads such a document back into the plain-text
form.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.document import Document

from drafting.model.matter import row_cells, table_from_lines
from drafting.write import house_docx as house
from drafting.write.text_docx import add_table

_OPENING = re.compile(r"^对《(.+?)》作如下修改")


def decision_title(text: str, title: str = "") -> str:
    """关于修改《X》的决定, X from ``title`` or else from the opening line 对《X》作如下修改."""
    name = title.strip().strip("《》")
    if not name:
        match = _OPENING.match(text.lstrip())
        name = match.group(1) if match else ""
    return f"关于修改《{name}》的决定" if name else "修改决定"


def decision_docx(text: str, path: Path | None = None, *, title: str = "") -> Document:
    """The decision as a document (written to ``path`` when given): its title, then one body
    paragraph per non-empty line of ``text``."""
    document = house.new_document()
    house.add_styled_paragraph(document, decision_title(text, title), house.STYLE_TITLE)
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    rows: list[str] = []
    for line in [line for line in lines if line]:
        head, row = quoted_row(line)
        if row is not None and (not head or not rows):
            if head:
                house.add_lines(document, [head], house.STYLE_BODY)
            rows.append(row)
            continue
        if rows:
            add_table(document, table_from_lines(rows))
            rows = []
        house.add_lines(document, [line], house.STYLE_BODY)
    if rows:
        add_table(document, table_from_lines(rows))
    if path is not None:
        document.save(str(path))
    return document


#: A quoted table row: the words before the quotation on its first row (…修改为：), the
#: opening “, the | a | b | row, a closing ” when the quotation ends with it.
_QUOTED_ROW = re.compile(r"^(?P<head>[^“”]*：)?“(?P<row>\|.*\|)”?$")


def quoted_row(line: str) -> tuple[str, str | None]:
    """(the words before the quotation, the | a | b | row) of a line quoting a table row
    (``“| 大型车 | 10 |”``, ``一、将第二条中的表格修改为：“| 区域 | 车型 |``); ("", None) for
    any other line."""
    m = _QUOTED_ROW.match(line)
    if m is None or row_cells(m.group("row")) is None:
        return "", None
    return m.group("head") or "", m.group("row")
