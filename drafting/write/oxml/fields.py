"""Complex fields (w:fldChar begin/separate/end around a w:instrText), as footers use them."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafting.write.oxml.fonts import set_rfonts
from drafting.write.oxml.paragraph import run_element


def _font_run(east_asia: str, text: str | None = None) -> BaseOxmlElement:
    r = run_element(text) if text is not None else OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    r.insert(0, rpr)
    set_rfonts(rpr, east_asia)
    return r


def field_runs(
    instruction: str, placeholder: str, *, east_asia: str, before: str = "", after: str = ""
) -> list[BaseOxmlElement]:
    """The w:r elements of ``before`` {``instruction``} ``after`` as one complex field, each run
    in the font ``east_asia``; ``placeholder`` shows until the reader updates the field.

    Word and WPS both update a complex PAGE field in a footer on every page."""
    runs: list[BaseOxmlElement] = []
    if before:
        runs.append(_font_run(east_asia, before))
    runs.append(_fld_char(east_asia, "begin"))
    instr = _font_run(east_asia)
    instr_text = OxmlElement("w:instrText")
    instr_text.set(qn("xml:space"), "preserve")
    instr_text.text = f" {instruction} "
    instr.append(instr_text)
    runs.append(instr)
    runs.append(_fld_char(east_asia, "separate"))
    runs.append(_font_run(east_asia, placeholder))
    runs.append(_fld_char(east_asia, "end"))
    if after:
        runs.append(_font_run(east_asia, after))
    return runs


def _fld_char(east_asia: str, kind: str) -> BaseOxmlElement:
    r = _font_run(east_asia)
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    r.append(fld)
    return r
