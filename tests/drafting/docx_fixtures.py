"""Small builders for real .docx test files: Word list numbering, numbered styles, tracked changes.

python-docx has no API for numbering definitions or tracked changes, so these helpers write the
WordprocessingML directly into a python-docx Document before it is saved. Reusable by any test
that needs a .docx whose 第X条 / （一） labels come from Word's automatic numbering.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Level:
    """One w:lvl of an abstract numbering definition."""

    ilvl: int
    fmt: str = "decimal"
    text: str | None = "%1."
    start: int | None = 1
    suff: str | None = None  # tab (Word's default) / space / nothing
    restart: int | None = None  # w:lvlRestart, 1-based; 0 = never
    is_lgl: bool = False
    p_style: str | None = None

    def xml(self) -> str:
        """The w:lvl element as XML text."""
        parts = [f'<w:lvl w:ilvl="{self.ilvl}">']
        if self.start is not None:
            parts.append(f'<w:start w:val="{self.start}"/>')
        parts.append(f'<w:numFmt w:val="{self.fmt}"/>')
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.p_style:
            parts.append(f"<w:pStyle w:val={quoteattr(self.p_style)}/>")
        if self.is_lgl:
            parts.append("<w:isLgl/>")
        if self.suff:
            parts.append(f'<w:suff w:val="{self.suff}"/>')
        if self.text is not None:
            parts.append(f"<w:lvlText w:val={quoteattr(self.text)}/>")
        parts.append('<w:lvlJc w:val="left"/></w:lvl>')
        return "".join(parts)


# 第%1条 (chineseCounting, space after), （%2） items restarting per article, %3. sub-items.
LEGAL_LEVELS = (
    Level(0, "chineseCounting", "第%1条", suff="space"),
    Level(1, "chineseCounting", "（%2）", suff="nothing"),
    Level(2, "decimal", "%3.", suff="nothing"),
)


def abstract_num(
    abstract_id: int,
    levels: Iterable[Level],
    num_style_link: str | None = None,
    style_link: str | None = None,
) -> str:
    """A w:abstractNum element as XML text."""
    parts = [f'<w:abstractNum w:abstractNumId="{abstract_id}">']
    parts.append('<w:multiLevelType w:val="multilevel"/>')
    if style_link:
        parts.append(f"<w:styleLink w:val={quoteattr(style_link)}/>")
    if num_style_link:
        parts.append(f"<w:numStyleLink w:val={quoteattr(num_style_link)}/>")
    parts.extend(level.xml() for level in levels)
    parts.append("</w:abstractNum>")
    return "".join(parts)


def num(num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> str:
    """A w:num element (a list instance) as XML text, with optional startOverride per level."""
    parts = [f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>']
    for ilvl, start in (start_overrides or {}).items():
        parts.append(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        )
    parts.append("</w:num>")
    return "".join(parts)


def numbering_xml(*elements: str) -> bytes:
    """A whole numbering.xml from abstract_num() elements first, then num() elements."""
    body = "".join(elements)
    return f'<w:numbering xmlns:w="{W_NS}">{body}</w:numbering>'.encode()


def legal_numbering_xml() -> bytes:
    """numbering.xml with LEGAL_LEVELS as abstractNum 0, used by num 1."""
    return numbering_xml(abstract_num(0, LEGAL_LEVELS), num(1, 0))


def set_numbering(document: DocxDocument, xml: bytes) -> None:
    """Replace the document's numbering part (python-docx's template has one) with xml."""
    document.part.numbering_part._element = parse_xml(xml)


def set_num_pr(paragraph: Paragraph, num_id: int | None, ilvl: int | None = None) -> None:
    """Give a paragraph w:numPr; num_id 0 switches numbering off, ilvl None leaves it out."""
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    if ilvl is not None:
        ilvl_el = OxmlElement("w:ilvl")
        ilvl_el.set(qn("w:val"), str(ilvl))
        num_pr.append(ilvl_el)
    if num_id is not None:
        num_id_el = OxmlElement("w:numId")
        num_id_el.set(qn("w:val"), str(num_id))
        num_pr.append(num_id_el)
    # numPr must come after pStyle/keepNext…; python-docx's pPr knows the schema order.
    p_pr._insert_numPr(num_pr)


def add_numbered_style(
    document: DocxDocument,
    name: str,
    num_id: int | None = None,
    ilvl: int | None = None,
    based_on: str | None = None,
) -> str:
    """Add a paragraph style carrying numPr (and/or basedOn); returns its style id."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based_on is not None:
        style.base_style = document.styles[based_on]
    if num_id is not None or ilvl is not None:
        p_pr = style.element.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        if ilvl is not None:
            ilvl_el = OxmlElement("w:ilvl")
            ilvl_el.set(qn("w:val"), str(ilvl))
            num_pr.append(ilvl_el)
        if num_id is not None:
            num_id_el = OxmlElement("w:numId")
            num_id_el.set(qn("w:val"), str(num_id))
            num_pr.append(num_id_el)
        p_pr._insert_numPr(num_pr)
    return str(style.style_id)


def add_tracked_run(paragraph: Paragraph, text: str, kind: str) -> None:
    """Append a tracked insertion (kind "ins") or deletion (kind "del") of text."""
    change = OxmlElement(f"w:{kind}")
    change.set(qn("w:id"), str(len(paragraph._p) + 100))
    change.set(qn("w:author"), "审校")
    change.set(qn("w:date"), "2026-01-01T00:00:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    change.append(run)
    paragraph._p.append(change)


def delete_paragraph_mark(paragraph: Paragraph) -> None:
    """Mark the paragraph's own mark as deleted (accepting joins it to the next paragraph)."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = OxmlElement("w:rPr")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "900")
    deleted.set(qn("w:author"), "审校")
    r_pr.append(deleted)
    p_pr.append(r_pr)


def make_numbered_docx(
    path: Path,
    paragraphs: Sequence[tuple[str, int | None, int]],
    numbering: bytes | None = None,
) -> Path:
    """Write a .docx of (text, num_id or None, ilvl) paragraphs; numbering defaults to legal."""
    document = docx.Document()
    set_numbering(document, numbering if numbering is not None else legal_numbering_xml())
    for text, num_id, ilvl in paragraphs:
        paragraph = document.add_paragraph(text)
        if num_id is not None:
            set_num_pr(paragraph, num_id, ilvl)
    document.save(str(path))
    return path
