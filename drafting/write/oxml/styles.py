"""The styles and settings parts: document defaults and the theme font language."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from drafting.write.oxml.elements import get_or_add
from drafting.write.oxml.fonts import set_rfonts


def set_default_run(styles: BaseOxmlElement, *, east_asia: str, size_pt: float) -> None:
    """w:docDefaults/w:rPrDefault: the font ``east_asia`` on every slot, ``size_pt``, and an
    East Asian language of zh-CN (the template says en-US)."""
    rpr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = get_or_add(rpr_default, "w:rPr")
    set_rfonts(rpr, east_asia)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is not None:
            size.set(qn("w:val"), str(int(size_pt * 2)))


def set_default_paragraph_single(styles: BaseOxmlElement) -> None:
    """w:docDefaults/w:pPrDefault: no space after a paragraph, single line spacing.

    The template's 10 pt after every paragraph and 1.15 lines do not belong in an official
    document; the house styles set their own spacing."""
    ppr_default = styles.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault"))
    if ppr_default is None:
        return
    spacing = ppr_default.find(qn("w:pPr") + "/" + qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")


def set_theme_font_lang(settings: BaseOxmlElement, east_asia: str) -> None:
    """w:settings/w:themeFontLang/@w:eastAsia (zh-CN for Chinese documents)."""
    get_or_add(settings, "w:themeFontLang").set(qn("w:eastAsia"), east_asia)
