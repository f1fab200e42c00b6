"""East Asian fonts on w:rPr: python-docx sets only the Latin slots and keeps theme fonts."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

#: The w:rFonts attributes that name a theme font; Word prefers them over a named font.
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_rfonts(rpr: BaseOxmlElement, east_asia: str, latin: str | None = None) -> None:
    """Put ``east_asia`` on the East Asian slot of a w:rPr (and ``latin`` on ascii/hAnsi/cs,
    ``east_asia`` when not given).

    The *Theme attributes are dropped: Word prefers a theme font over a named one.
    """
    latin = latin or east_asia
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        # w:rFonts comes first in w:rPr (schema order: rStyle, rFonts, b, …).
        rstyle = rpr.find(qn("w:rStyle"))
        if rstyle is not None:
            rstyle.addnext(rfonts)
        else:
            rpr.insert(0, rfonts)
    for attr in THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    # Quotes “” and ‘’ are ambiguous; the hint sends them to the East Asian font too.
    rfonts.set(qn("w:hint"), "eastAsia")


def east_asian_font(rpr: BaseOxmlElement | None) -> str | None:
    """The w:rFonts/@w:eastAsia of a w:rPr, or None."""
    if rpr is None:
        return None
    rfonts = rpr.find(qn("w:rFonts"))
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


def strip_theme_fonts(element: BaseOxmlElement) -> None:
    """Remove every theme-font attribute below ``element`` (styles part or document body)."""
    for rfonts in element.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)


def set_char_spacing(rpr: BaseOxmlElement, points: float) -> None:
    """Condense (negative) or expand every character by ``points`` (w:spacing, in 1/20 pt).

    Placed before w:w/w:kern/w:position/w:sz (schema order of w:rPr)."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        after = None
        for tag in (
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ):
            after = rpr.find(qn(tag))
            if after is not None:
                break
        if after is not None:
            after.addprevious(spacing)
        else:
            rpr.append(spacing)
    spacing.set(qn("w:val"), str(round(points * 20)))
