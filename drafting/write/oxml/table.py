"""Table rows python-docx has no API for."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def repeat_header_row(tr: BaseOxmlElement) -> None:
    """Repeat the row ``tr`` (a w:tr) at the top of every page the table runs onto."""
    trpr = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
