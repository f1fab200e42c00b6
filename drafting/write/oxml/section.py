"""Section properties python-docx has no API for: the document grid."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def set_line_grid(sect_pr: BaseOxmlElement, pitch_twips: int) -> None:
    """A grid of lines ``pitch_twips`` apart and no character grid (w:docGrid type="lines").

    A character grid (type linesAndChars) makes LibreOffice and WPS spread 二号 titles and
    Latin digits over two grid cells."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))
