"""Finding or creating a child element."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def get_or_add(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The first child ``tag`` ("w:rPr") of ``parent``, appended at the end if missing.

    Only for children whose place does not matter or that come last; w:pPr children go
    through ``paragraph.get_or_add_ppr_child`` (schema order)."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    return child
