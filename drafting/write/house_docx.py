"""The house style for every .docx the program writes (GB/T 9704-2012 official document format).

One place sets up the page (A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), the
paragraph styles (title, stage label, 题注, 目录, headings, body), the East Asian fonts and the
"— n —" page numbers (odd pages right, even pages left). The clean text, the comparison table
and the comment summary all start from ``new_document``.

python-docx has no API for East Asian fonts, theme fonts, even/odd footers' field codes or
exact line spacing in character units; the small helpers below wrap that XML once.
"""

from __future__ import annotations

from collections.abc import Iterable

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# ---- fonts and sizes (the government font names as Word and WPS know them) -------------------

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

#: Chinese type sizes in points.
ERHAO = 22.0  # 二号: the title
SANHAO = 16.0  # 三号: body, headings, 题注
SIHAO = 14.0  # 四号: page numbers

#: Fixed line pitch: 22 lines in the 225 mm type area (GB/T 9704 7.1) ≈ 28.95 pt.
LINE_PITCH = Twips(579)
#: First-line indent of two characters of 三号 body text.
INDENT_CHARS = 2

# ---- page (GB/T 9704 5.2) ---------------------------------------------------------------------

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)
MARGIN_BOTTOM = Mm(35)
MARGIN_LEFT = Mm(28)
MARGIN_RIGHT = Mm(26)
#: The page number sits about 7 mm below the type area.
FOOTER_DISTANCE = Mm(28)
HEADER_DISTANCE = Mm(15)

# ---- style names (Chinese names show in Word's style list; ASCII ids keep the XML tidy) ------

STYLE_TITLE = "法规标题"
STYLE_STAGE = "稿次标注"
STYLE_NOTE = "题注"
STYLE_TOC_HEADING = "目录标题"
STYLE_TOC = "目录条目"
STYLE_HEADING = "章节标题"
STYLE_BODY = "条文"
STYLE_PAGE_NUMBER = "页码"
STYLE_ARTICLE_LABEL = "条号"  # character style for 第X条
STYLE_TABLE_TEXT = "表格文字"

_STYLE_IDS = {
    STYLE_TITLE: "LfTitle",
    STYLE_STAGE: "LfStage",
    STYLE_NOTE: "LfTitleNote",
    STYLE_TOC_HEADING: "LfTocHeading",
    STYLE_TOC: "LfToc",
    STYLE_HEADING: "LfHeading",
    STYLE_BODY: "LfBody",
    STYLE_PAGE_NUMBER: "LfPageNumber",
    STYLE_ARTICLE_LABEL: "LfArticleLabel",
    STYLE_TABLE_TEXT: "LfTableText",
}

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# ---- XML helpers --------------------------------------------------------------------------------


def _get_or_add(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The first child ``tag`` of ``parent``, created at the end if missing."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    return child


def set_rfonts(rpr: BaseOxmlElement, east_asia: str, latin: str | None = None) -> None:
    """Put ``east_asia`` on the East Asian slot of a w:rPr (and ``latin`` on ascii/hAnsi).

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
    for attr in _THEME_ATTRS:
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
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)


def set_run_font(
    run: Run, *, east_asia: str, size_pt: float | None = None, bold: bool = False
) -> None:
    """Set a run's font on the ascii/hAnsi/eastAsia slots (no theme fonts), size and weight."""
    set_rfonts(run._r.get_or_add_rPr(), east_asia)
    if size_pt is not None:
        run.font.size = Pt(size_pt)
    if bold:
        run.font.bold = True


def set_style_font(style: BaseStyle, *, east_asia: str, size_pt: float | None = None) -> None:
    """Set a style's East Asian font (and Latin slots) and size."""
    set_rfonts(style.element.get_or_add_rPr(), east_asia)
    if size_pt is not None:
        style.font.size = Pt(size_pt)  # type: ignore[attr-defined]


def set_first_line_chars(
    paragraph_format_element: BaseOxmlElement, chars: int, size_pt: float
) -> None:
    """Indent the first line by ``chars`` characters (w:firstLineChars, with twips for old readers)."""
    ind = _get_or_add_ppr_child(paragraph_format_element, "w:ind")
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * size_pt * 20)))


def set_exact_line_spacing(ppr: BaseOxmlElement, twips: int = int(LINE_PITCH.twips)) -> None:
    """Fixed line spacing (w:spacing lineRule="exact"), no space before or after."""
    spacing = _get_or_add_ppr_child(ppr, "w:spacing")
    spacing.set(qn("w:line"), str(twips))
    spacing.set(qn("w:lineRule"), "exact")
    spacing.set(qn("w:before"), spacing.get(qn("w:before"), "0"))
    spacing.set(qn("w:after"), spacing.get(qn("w:after"), "0"))


def set_outline_level(paragraph: Paragraph, level: int) -> None:
    """Give a heading paragraph an outline level so Word's navigation pane lists it."""
    ppr = paragraph._p.get_or_add_pPr()
    _get_or_add_ppr_child(ppr, "w:outlineLvl").set(qn("w:val"), str(level))


# Schema order of the w:pPr children we touch (CT_PPrBase).
_PPR_ORDER = [
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


def _get_or_add_ppr_child(ppr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """A child of w:pPr, inserted in schema order (Word rejects misordered pPr children)."""
    found = ppr.find(qn(tag))
    if found is not None:
        return found
    child = OxmlElement(tag)
    rank = _PPR_ORDER.index(tag)
    for existing in ppr:
        local = existing.tag.split("}")[-1]
        name = f"w:{local}"
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            existing.addprevious(child)
            return child
    ppr.append(child)
    return child


# ---- document set-up ----------------------------------------------------------------------------


def new_document(*, landscape: bool = False) -> Document:
    """A blank document in the house style: A4 (landscape for wide tables), GB/T 9704 margins,
    house styles, zh-CN East Asian language, no theme fonts, "— n —" page numbers."""
    document = docx.Document()
    _set_defaults(document)
    _add_house_styles(document)
    _set_up_page(document, landscape=landscape)
    _add_page_number_footers(document)
    return document


def _set_defaults(document: Document) -> None:
    """Document defaults: 仿宋 三号, zh-CN, no theme fonts anywhere in the styles part."""
    styles_element = document.styles.element
    strip_theme_fonts(styles_element)
    rpr_default = styles_element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    if rpr_default is not None:
        rpr = _get_or_add(rpr_default, "w:rPr")
        set_rfonts(rpr, FANGSONG)
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
                size.set(qn("w:val"), str(int(SANHAO * 2)))
    # The template's default of 10 pt after every paragraph and 1.15 lines does not belong in
    # an official document; the house styles set their own spacing.
    ppr_default = styles_element.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault"))
    if ppr_default is not None:
        spacing = ppr_default.find(qn("w:pPr") + "/" + qn("w:spacing"))
        if spacing is not None:
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")
    normal = document.styles["Normal"]
    set_style_font(normal, east_asia=FANGSONG, size_pt=SANHAO)
    # The template's theme-bound heading styles keep Latin theme fonts; give them ours.
    for style in document.styles:
        rpr = style.element.rPr
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None and style.name != "Normal":
            east = east_asian_font(rpr) or HEITI
            set_rfonts(rpr, east)
    settings = document.settings.element
    # Chinese documents: kinsoku line breaking is Word's default; set the theme font language.
    theme_lang = _get_or_add(settings, "w:themeFontLang")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _paragraph_style(
    document: Document,
    name: str,
    *,
    font: str,
    size_pt: float,
    align: WD_ALIGN_PARAGRAPH,
    first_line_chars: int = 0,
    left_chars: int = 0,
    space_before_lines: float = 0,
    space_after_lines: float = 0,
    keep_with_next: bool = False,
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = _STYLE_IDS[name]
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    set_style_font(style, east_asia=font, size_pt=size_pt)
    pf = style.paragraph_format
    pf.alignment = align
    pf.widow_control = True
    if keep_with_next:
        pf.keep_with_next = True
    ppr = style.element.get_or_add_pPr()
    set_exact_line_spacing(ppr)
    spacing = _get_or_add_ppr_child(ppr, "w:spacing")
    spacing.set(qn("w:before"), str(int(space_before_lines * LINE_PITCH.twips)))
    spacing.set(qn("w:after"), str(int(space_after_lines * LINE_PITCH.twips)))
    if first_line_chars or left_chars:
        ind = _get_or_add_ppr_child(ppr, "w:ind")
        if first_line_chars:
            ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
            ind.set(qn("w:firstLine"), str(int(first_line_chars * size_pt * 20)))
        if left_chars:
            ind.set(qn("w:leftChars"), str(left_chars * 100))
            ind.set(qn("w:left"), str(int(left_chars * size_pt * 20)))
    return style


def _add_house_styles(document: Document) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph_style(
        document, STYLE_TITLE, font=XIAOBIAOSONG, size_pt=ERHAO, align=center, keep_with_next=True
    )
    _paragraph_style(
        document, STYLE_STAGE, font=KAITI, size_pt=SANHAO, align=center, keep_with_next=True
    )
    _paragraph_style(
        document, STYLE_NOTE, font=KAITI, size_pt=SANHAO, align=center, keep_with_next=True
    )
    _paragraph_style(
        document,
        STYLE_TOC_HEADING,
        font=HEITI,
        size_pt=SANHAO,
        align=center,
        space_before_lines=1,
        keep_with_next=True,
    )
    _paragraph_style(
        document,
        STYLE_TOC,
        font=KAITI,
        size_pt=SANHAO,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first_line_chars=INDENT_CHARS,
    )
    _paragraph_style(
        document,
        STYLE_HEADING,
        font=HEITI,
        size_pt=SANHAO,
        align=center,
        space_before_lines=1,
        space_after_lines=1,
        keep_with_next=True,
    )
    _paragraph_style(
        document,
        STYLE_BODY,
        font=FANGSONG,
        size_pt=SANHAO,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        first_line_chars=INDENT_CHARS,
    )
    _paragraph_style(
        document, STYLE_PAGE_NUMBER, font=SONGTI, size_pt=SIHAO, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    _paragraph_style(
        document, STYLE_TABLE_TEXT, font=FANGSONG, size_pt=12.0, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    )
    # Table text keeps a single-line pitch suited to its smaller size.
    table_ppr = document.styles[STYLE_TABLE_TEXT].element.get_or_add_pPr()
    set_exact_line_spacing(table_ppr, twips=400)
    label = document.styles.add_style(STYLE_ARTICLE_LABEL, WD_STYLE_TYPE.CHARACTER)
    label.style_id = _STYLE_IDS[STYLE_ARTICLE_LABEL]
    set_style_font(label, east_asia=HEITI)


def _set_up_page(document: Document, *, landscape: bool) -> None:
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        # Rotated: the binding edge (left margin) becomes the top.
        section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.footer_distance = Mm(15)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.footer_distance = FOOTER_DISTANCE
        # A line grid of 22 lines a page. No character grid (type linesAndChars): it makes
        # LibreOffice and WPS spread 二号 titles and Latin digits over two grid cells.
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.attrib.pop(qn("w:charSpace"), None)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(int(LINE_PITCH.twips)))
    section.header_distance = HEADER_DISTANCE
    section.gutter = Mm(0)


def _add_page_number_footers(document: Document) -> None:
    """ "— n —" in 宋体 四号: odd pages on the right, even pages on the left, one character
    in from the edge of the type area (GB/T 9704 7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.style = document.styles[STYLE_PAGE_NUMBER]
        paragraph.alignment = align
        ind = _get_or_add_ppr_child(paragraph._p.get_or_add_pPr(), "w:ind")
        side = "w:right" if align is WD_ALIGN_PARAGRAPH.RIGHT else "w:left"
        ind.set(qn(side + "Chars"), "100")
        ind.set(qn(side), str(int(SIHAO * 20)))
        add_page_number_field(paragraph)


def add_page_number_field(paragraph: Paragraph) -> None:
    """Append "— {PAGE} —" to ``paragraph`` as a complex field (Word and WPS both update it)."""
    _text_run(paragraph, "— ")
    _field_char(paragraph, "begin")
    instr = paragraph.add_run()._r
    instr_text = OxmlElement("w:instrText")
    instr_text.set(qn("xml:space"), "preserve")
    instr_text.text = " PAGE "
    instr.append(instr_text)
    _style_run(instr)
    _field_char(paragraph, "separate")
    _text_run(paragraph, "1")
    _field_char(paragraph, "end")
    _text_run(paragraph, " —")


def _style_run(r: BaseOxmlElement) -> None:
    rpr = r.get_or_add_rPr()
    set_rfonts(rpr, SONGTI)


def _text_run(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    _style_run(run._r)


def _field_char(paragraph: Paragraph, kind: str) -> None:
    r = paragraph.add_run()._r
    _style_run(r)
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    r.append(fld)


# ---- writing paragraphs -------------------------------------------------------------------------


def style_id(document: Document, style: str) -> str:
    """The w:styleId of a style name (house styles without a lookup)."""
    if style in _STYLE_IDS:
        return _STYLE_IDS[style]
    return document.styles[style].style_id


def _run_element(text: str, char_style_id: str | None = None) -> BaseOxmlElement:
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


def append_paragraph(
    document: Document, runs: Iterable[tuple[str, str | None]], style: str
) -> Paragraph:
    """Append a paragraph in ``style`` made of (text, character style name or None) runs.

    Built as XML directly: python-docx's style lookups cost ~2 ms per paragraph (it scans every
    style for the default each time), too slow for 民法典's 3,600 paragraphs.
    """
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(OxmlElement("w:pStyle", {qn("w:val"): style_id(document, style)}))
    p.append(ppr)
    paragraph = Paragraph(p, document._body)
    for text, char_style in runs:
        if not text:
            continue
        if any(ch in text for ch in "\t\n\r"):
            # Tabs and breaks need python-docx's run text handling (w:tab, w:br).
            run = paragraph.add_run(text)
            if char_style:
                run._r.get_or_add_rPr().style = style_id(document, char_style)
            continue
        p.append(_run_element(text, style_id(document, char_style) if char_style else None))
    body = document.element.body
    sect_pr = body.sectPr
    if sect_pr is not None:
        sect_pr.addprevious(p)
    else:
        body.append(p)
    return paragraph


def add_styled_paragraph(document: Document, text: str, style: str) -> Paragraph:
    """A paragraph of ``text`` in one of the house styles (STYLE_TITLE, STYLE_BODY …)."""
    return append_paragraph(document, [(text, None)], style)


def add_article_paragraph(document: Document, label: str, body: str) -> Paragraph:
    """The first paragraph of an article: 第X条 in 黑体, a full-width space, the body in 仿宋."""
    if not label:
        return append_paragraph(document, [(body, None)], STYLE_BODY)
    return append_paragraph(
        document, [(label, STYLE_ARTICLE_LABEL), ("\u3000" + body, None)], STYLE_BODY
    )


def add_lines(document: Document, lines: Iterable[str], style: str) -> list[Paragraph]:
    """One paragraph per line in the same house style."""
    return [add_styled_paragraph(document, line, style) for line in lines]
