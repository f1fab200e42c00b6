"""Paragraphs and runs as XML: w:pPr children in schema order, w:p and w:r built directly.

Word rejects a w:pPr whose children are out of schema order, and python-docx has no API for
indents in characters, exact line pitch or outline levels; building w:p and w:r directly is
also far faster than python-docx's style lookups (see ``house_docx.append_paragraph``).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

#: Schema order of the w:pPr children (CT_PPrBase, then rPr, sectPr, pPrChange).
PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]


def get_or_add_ppr_child(ppr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The child ``tag`` ("w:ind") of a w:pPr, inserted in schema order when missing."""
    found = ppr.find(qn(tag))
    if found is not None:
        return found
    child = OxmlElement(tag)
    rank = PPR_ORDER.index(tag)
    for existing in ppr:
        local = existing.tag.split("}")[-1]
        name = f"w:{local}"
        if name in PPR_ORDER and PPR_ORDER.index(name) > rank:
            existing.addprevious(child)
            return child
    ppr.append(child)
    return child


def set_first_line_chars(ppr: BaseOxmlElement, chars: int, size_pt: float) -> None:
    """Indent the first line by ``chars`` characters of ``size_pt`` type (w:firstLineChars,
    with twips for readers that ignore character units)."""
    ind = get_or_add_ppr_child(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * size_pt * 20)))


def set_side_indent_chars(ppr: BaseOxmlElement, side: str, chars: int, size_pt: float) -> None:
    """Indent the ``side`` ("left" or "right") edge by ``chars`` characters of ``size_pt``."""
    if side not in ("left", "right"):
        raise ValueError(side)
    ind = get_or_add_ppr_child(ppr, "w:ind")
    ind.set(qn(f"w:{side}Chars"), str(chars * 100))
    ind.set(qn(f"w:{side}"), str(int(chars * size_pt * 20)))


def set_exact_line_spacing(ppr: BaseOxmlElement, twips: int) -> None:
    """Fixed line pitch of ``twips`` (w:spacing lineRule="exact"); space before and after
    kept, or 0."""
    spacing = get_or_add_ppr_child(ppr, "w:spacing")
    spacing.set(qn("w:line"), str(twips))
    spacing.set(qn("w:lineRule"), "exact")
    spacing.set(qn("w:before"), spacing.get(qn("w:before"), "0"))
    spacing.set(qn("w:after"), spacing.get(qn("w:after"), "0"))


def set_snap_to_grid(ppr: BaseOxmlElement, snap: bool) -> None:
    """Whether the paragraph follows the section's document grid (w:snapToGrid)."""
    get_or_add_ppr_child(ppr, "w:snapToGrid").set(qn("w:val"), "1" if snap else "0")


def set_auto_space(ppr: BaseOxmlElement, on: bool) -> None:
    """Whether Word adds space between Chinese and Latin letters (w:autoSpaceDE) and digits
    (w:autoSpaceDN); both on unless set."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        get_or_add_ppr_child(ppr, tag).set(qn("w:val"), "1" if on else "0")


def set_space_before_after(ppr: BaseOxmlElement, before_twips: int, after_twips: int) -> None:
    """Space before and after the paragraph, in twips."""
    spacing = get_or_add_ppr_child(ppr, "w:spacing")
    spacing.set(qn("w:before"), str(before_twips))
    spacing.set(qn("w:after"), str(after_twips))


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """The outline level (0 outermost) that Word's navigation pane lists a heading at."""
    get_or_add_ppr_child(ppr, "w:outlineLvl").set(qn("w:val"), str(level))


def run_element(text: str, char_style_id: str | None = None) -> BaseOxmlElement:
    """A w:r holding ``text`` (no tabs or breaks), in a character style when given."""
    r = OxmlElement("w:r")
    if char_style_id:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rStyle", {qn("w:val"): char_style_id}))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def paragraph_element(style_id: str) -> BaseOxmlElement:
    """An empty w:p in the paragraph style ``style_id``."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id}))
    p.append(ppr)
    return p
