"""The house style for every .docx the program writes (GB/T 9704-2012 official document format).

One place sets up the page, the paragraph styles (title, stage label, 题注, 目录, headings,
body), the East Asian fonts and the "— n —" page numbers (odd pages right, even pages left).
The numbers (page, margins, grid, fonts, sizes, indents) come from ``house_style``, which the
printer and the screen read too; the raw XML from ``oxml``. Every document also gets a font
table naming each government font's fallback (altName, GB2312 charset, PANOSE), its author and
dates in the core properties, 立法工作台 as application, and none of python-docx's template
leftovers (``oxml.package``). The clean text, the comparison
table and the comment summary all start from ``new_document``.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafting.write import house_style as spec
from drafting.write.house_style import (
    ERHAO,
    FANGSONG,
    HEITI,
    INDENT_CHARS,
    KAITI,
    SANHAO,
    SIHAO,
    SONGTI,
    XIAOBIAOSONG,
    Align,
    ParagraphRole,
)
from drafting.write.oxml import paragraph as oxml_p
from drafting.write.oxml.fields import field_runs
from drafting.write.oxml.fonts import (
    east_asian_font,
    set_char_spacing,
    set_rfonts,
    strip_theme_fonts,
)
from drafting.write.oxml.package import (
    FontFace,
    drop_stale_parts,
    set_application,
    set_core_properties,
    set_font_faces,
)
from drafting.write.oxml.section import set_line_grid
from drafting.write.oxml.styles import (
    set_default_paragraph_single,
    set_default_run,
    set_theme_font_lang,
)

__all__ = [
    "ERHAO",
    "FANGSONG",
    "FOOTER_DISTANCE",
    "HEADER_DISTANCE",
    "HEITI",
    "INDENT_CHARS",
    "KAITI",
    "MARGIN_BOTTOM",
    "MARGIN_LEFT",
    "MARGIN_RIGHT",
    "MARGIN_TOP",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "SANHAO",
    "SIHAO",
    "SONGTI",
    "STYLE_ARTICLE_LABEL",
    "STYLE_BODY",
    "STYLE_HEADING",
    "STYLE_NOTE",
    "STYLE_OF",
    "STYLE_PAGE_NUMBER",
    "STYLE_STAGE",
    "STYLE_TABLE_TEXT",
    "STYLE_TITLE",
    "STYLE_TOC",
    "STYLE_TOC_HEADING",
    "XIAOBIAOSONG",
    "add_lines",
    "add_page_number_field",
    "add_styled_paragraph",
    "append_paragraph",
    "default_author",
    "east_asian_font",
    "new_document",
    "set_outline_level",
    "set_rfonts",
    "set_run_font",
    "set_style_font",
    "strip_theme_fonts",
    "style_id",
]

# ---- page (GB/T 9704 5.2) ---------------------------------------------------------------------

PAGE_WIDTH = Mm(spec.PAGE.width_mm)
PAGE_HEIGHT = Mm(spec.PAGE.height_mm)
MARGIN_TOP = Mm(spec.PAGE.top_mm)
MARGIN_BOTTOM = Mm(spec.PAGE.bottom_mm)
MARGIN_LEFT = Mm(spec.PAGE.left_mm)
MARGIN_RIGHT = Mm(spec.PAGE.right_mm)
#: The page number's top edge sits 7 mm below the type area.
FOOTER_DISTANCE = Mm(spec.PAGE.footer_distance_mm)
HEADER_DISTANCE = Mm(spec.PAGE.header_distance_mm)

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

#: The paragraph style that carries each paragraph shape of the house style, in the order
#: they are added to the styles part.
STYLE_OF: dict[ParagraphRole, str] = {
    ParagraphRole.TITLE: STYLE_TITLE,
    ParagraphRole.STAGE: STYLE_STAGE,
    ParagraphRole.NOTE: STYLE_NOTE,
    ParagraphRole.TOC_HEADING: STYLE_TOC_HEADING,
    ParagraphRole.TOC: STYLE_TOC,
    ParagraphRole.HEADING: STYLE_HEADING,
    ParagraphRole.BODY: STYLE_BODY,
    ParagraphRole.PAGE_NUMBER: STYLE_PAGE_NUMBER,
    ParagraphRole.TABLE_TEXT: STYLE_TABLE_TEXT,
}

_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


# ---- fonts and paragraph properties on python-docx objects ------------------------------------


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


def set_outline_level(paragraph: Paragraph, level: int) -> None:
    """Give a heading paragraph an outline level so Word's navigation pane lists it."""
    oxml_p.set_outline_level(paragraph._p.get_or_add_pPr(), level)


# ---- document set-up ----------------------------------------------------------------------------


def default_author() -> str:
    """The name of the person at this computer (the OS login), or "" when it cannot be told."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def new_document(
    *, landscape: bool = False, author: str | None = None, title: str = ""
) -> Document:
    """A blank document in the house style: A4 (landscape for wide tables), GB/T 9704 margins,
    house styles, zh-CN East Asian language, no theme fonts, "— n —" page numbers; a font
    table with every government font and its fallback; ``author`` (default: the OS login)
    as creator, now as created/modified, 立法工作台 as application; no template leftovers."""
    document = docx.Document()
    _set_defaults(document)
    _add_house_styles(document)
    _set_up_page(document, landscape=landscape)
    _add_page_number_footers(document)
    set_font_faces(
        document,
        [FontFace(name, *fallback) for name, fallback in spec.FONT_FALLBACKS.items()],
    )
    set_core_properties(
        document, author=default_author() if author is None else author, title=title
    )
    set_application(document, spec.APPLICATION)
    drop_stale_parts(document)
    return document


def _set_defaults(document: Document) -> None:
    """Document defaults: 仿宋 三号, zh-CN, no theme fonts anywhere in the styles part."""
    styles_element = document.styles.element
    strip_theme_fonts(styles_element)
    body = spec.FONTS[spec.FontRole.BODY]
    set_default_run(styles_element, east_asia=body.name, size_pt=body.size_pt)
    set_default_paragraph_single(styles_element)
    normal = document.styles["Normal"]
    set_style_font(normal, east_asia=body.name, size_pt=body.size_pt)
    # The template's theme-bound heading styles keep Latin theme fonts; give them ours.
    for style in document.styles:
        rpr = style.element.rPr
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None and style.name != "Normal":
            east = east_asian_font(rpr) or HEITI
            set_rfonts(rpr, east)
    # Chinese documents: kinsoku line breaking is Word's default; set the theme font language.
    set_theme_font_lang(document.settings.element, "zh-CN")


def _paragraph_style(document: Document, name: str, shape: spec.ParagraphSpec) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = _STYLE_IDS[name]
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    set_style_font(style, east_asia=shape.font.name, size_pt=shape.font.size_pt)
    pf = style.paragraph_format
    pf.alignment = _ALIGN[shape.align]
    pf.widow_control = True
    if shape.keep_with_next:
        pf.keep_with_next = True
    ppr = style.element.get_or_add_pPr()
    # No extra space between Chinese and digits or Latin letters: it would push lines off
    # the 28-character measure (a 题注 with four dates wraps) and the printer adds none.
    oxml_p.set_auto_space(ppr, False)
    # Closing punctuation may hang past the 28th character (w:overflowPunct, Word's default;
    # LibreOffice hangs it whatever the setting), and the printer hangs it the same way.
    oxml_p.set_exact_line_spacing(ppr, spec.LINE_PITCH_TWIPS)
    oxml_p.set_space_before_after(
        ppr,
        int(shape.space_before_lines * spec.LINE_PITCH_TWIPS),
        int(shape.space_after_lines * spec.LINE_PITCH_TWIPS),
    )
    if shape.first_line_chars:
        oxml_p.set_first_line_chars(ppr, shape.first_line_chars, shape.font.size_pt)
    if shape.line_pitch_twips != spec.LINE_PITCH_TWIPS:
        oxml_p.set_exact_line_spacing(ppr, shape.line_pitch_twips)
    if not shape.snap_to_grid:
        oxml_p.set_snap_to_grid(ppr, False)
    else:
        set_char_spacing(style.element.get_or_add_rPr(), spec.GRID_CHAR_SPACING_PT)
    return style


def _add_house_styles(document: Document) -> None:
    for role, name in STYLE_OF.items():
        _paragraph_style(document, name, spec.PARAGRAPHS[role])
    label = document.styles.add_style(STYLE_ARTICLE_LABEL, WD_STYLE_TYPE.CHARACTER)
    label.style_id = _STYLE_IDS[STYLE_ARTICLE_LABEL]
    set_style_font(label, east_asia=spec.FONTS[spec.FontRole.ARTICLE_LABEL].name)


def _set_up_page(document: Document, *, landscape: bool) -> None:
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        # Rotated: the binding edge (left margin) becomes the top.
        section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.footer_distance = Mm(spec.LANDSCAPE_FOOTER_DISTANCE_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.footer_distance = FOOTER_DISTANCE
        # The GB/T 9704 grid: 22 lines a page; the 28 characters a line come from the
        # condensed advance of the house styles (``house_style.GRID_CHAR_SPACING_PT``).
        set_line_grid(section._sectPr, spec.LINE_PITCH_TWIPS)
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
        side = "right" if align is WD_ALIGN_PARAGRAPH.RIGHT else "left"
        oxml_p.set_side_indent_chars(
            paragraph._p.get_or_add_pPr(), side, 1, spec.PAGE_NUMBER_FONT.size_pt
        )
        add_page_number_field(paragraph)


def add_page_number_field(paragraph: Paragraph) -> None:
    """Append "— {PAGE} —" to ``paragraph`` as a complex field (Word and WPS both update it)."""
    for r in field_runs("PAGE", "1", east_asia=spec.PAGE_NUMBER_FONT.name, before="— ", after=" —"):
        paragraph._p.append(r)


# ---- writing paragraphs -------------------------------------------------------------------------


def style_id(document: Document, style: str) -> str:
    """The w:styleId of a style name (house styles without a lookup)."""
    if style in _STYLE_IDS:
        return _STYLE_IDS[style]
    return document.styles[style].style_id


def append_paragraph(
    document: Document, runs: Iterable[tuple[str, str | None]], style: str
) -> Paragraph:
    """Append a paragraph in ``style`` made of (text, character style name or None) runs.

    Built as XML directly: python-docx's style lookups cost ~2 ms per paragraph (it scans every
    style for the default each time), too slow for 民法典's 3,600 paragraphs.
    """
    p = oxml_p.paragraph_element(style_id(document, style))
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
        p.append(oxml_p.run_element(text, style_id(document, char_style) if char_style else None))
    _append_to_body(document.element.body, p)
    return paragraph


def _append_to_body(body: BaseOxmlElement, element: BaseOxmlElement) -> None:
    """Append ``element`` to w:body, before its closing w:sectPr.

    ``body[-1]`` is found from the end in constant time; ``body.sectPr`` scans every child,
    which made long exports quadratic (exponent 1.6–1.9, issue 12)."""
    try:
        last = body[-1]
    except IndexError:
        body.append(element)
        return
    if last.tag == _SECT_PR:
        last.addprevious(element)
    else:
        body.append(element)


_SECT_PR = qn("w:sectPr")


def add_styled_paragraph(document: Document, text: str, style: str) -> Paragraph:
    """A paragraph of ``text`` in one of the house styles (STYLE_TITLE, STYLE_BODY …)."""
    return append_paragraph(document, [(text, None)], style)


def add_lines(document: Document, lines: Iterable[str], style: str) -> list[Paragraph]:
    """One paragraph per line in the same house style."""
    return [add_styled_paragraph(document, line, style) for line in lines]
