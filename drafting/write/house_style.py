"""The house style as numbers: page, type area, line grid, fonts per role, paragraph shapes.

One Qt-free, python-docx-free spec (GB/T 9704-2012, the official document format) read by every
writer: the .docx house style (``house_docx``), printing and PDF (``ui/output/printing.py``),
the fonts of the screen (``ui/shell/fonts.py``) and the reading pane (``ui/text/house_document.py``).
Change a number here and all of them follow.

Units: millimetres for the page (``*_mm``), points for type (``*_pt``), twips (1/20 pt) where
Word counts in them, characters of 三号 body text for indents (``*_chars``) and line pitches for
vertical space (``*_lines``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from drafting.model.units import UnitKind

# ---- fonts (the government font names as Word and WPS know them) ------------------------------

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

#: What Word falls back on for each government font a .docx names (fontTable.xml): the
#: font to try instead (altName), its PANOSE class, family and pitch; all GB2312 (charset 86).
#: Without them a Windows machine lacking the _GB2312 fonts substitutes unpredictably.
FONT_FALLBACKS: dict[str, tuple[str, str, str, str]] = {
    FANGSONG: ("仿宋", "02010609030101010101", "modern", "fixed"),
    HEITI: ("SimHei", "02010609060101010101", "modern", "fixed"),
    KAITI: ("楷体", "02010609030101010101", "modern", "fixed"),
    XIAOBIAOSONG: ("宋体", "02000000000000000000", "auto", "variable"),
    SONGTI: ("SimSun", "02010600030101010101", "auto", "variable"),
}

#: The program's name, written as the application of every document it makes.
APPLICATION = "立法工作台"

#: Chinese type sizes in points.
ERHAO = 22.0  # 二号: the title
SANHAO = 16.0  # 三号: body, headings, 题注
SIHAO = 14.0  # 四号: page numbers


class FontRole(StrEnum):
    """The parts of a regulation text that the house style sets in their own font."""

    TITLE = "title"  # 方正小标宋简体 二号
    NOTE = "note"  # 稿次 and 题注, 目录 entries: 楷体_GB2312 三号
    HEADING = "heading"  # 编/章/节 and 目录: 黑体 三号
    ARTICLE_LABEL = "article_label"  # 第X条: 黑体
    BODY = "body"  # 仿宋_GB2312 三号


@dataclass(frozen=True)
class FontSpec:
    """A font of the house style: government font names, best first, and the size in print.

    ``names[0]`` is what a .docx names; the screen and printer take the first one installed,
    else a stand-in (``ui/shell/fonts.py``). ``heavy_standin``: a stand-in is set bold, since
    Noto Serif has no 小标宋 look and a 黑体 label must stand out from serif body text.
    """

    names: tuple[str, ...]
    size_pt: float
    bold: bool = False
    heavy_standin: bool = False

    @property
    def name(self) -> str:
        """The government font name written into a .docx."""
        return self.names[0]


#: Font role → the house font for it.
FONTS: dict[FontRole, FontSpec] = {
    FontRole.TITLE: FontSpec((XIAOBIAOSONG, "方正小标宋_GBK", "小标宋"), ERHAO, heavy_standin=True),
    FontRole.NOTE: FontSpec((KAITI, "楷体", "KaiTi"), SANHAO),
    FontRole.HEADING: FontSpec((HEITI, "SimHei"), SANHAO),
    FontRole.ARTICLE_LABEL: FontSpec((HEITI, "SimHei"), SANHAO, heavy_standin=True),
    FontRole.BODY: FontSpec((FANGSONG, "仿宋", "FangSong"), SANHAO),
}

#: "— n —" under the type area: 宋体 四号 (GB/T 9704 7.5).
PAGE_NUMBER_FONT = FontSpec((SONGTI, "SimSun"), SIHAO)
#: The mark of a review copy (内部资料　注意保存): 黑体 三号 (GB/T 9704 7.2.2 for 密级).
MARK_FONT = FontSpec((HEITI, "SimHei"), SANHAO)
#: Table cells (comparison table, comment summary): 仿宋 小四-ish 12 pt.
TABLE_FONT = FontSpec((FANGSONG, "仿宋", "FangSong"), 12.0)
#: Line numbers in the left margin of a printed review copy: 小四-ish (10.5 pt, 五号) Latin digits
#: in near-black, right-aligned 4 mm left of the type area, on each line's baseline — legible
#: on a photocopy (9 pt grey was not).
LINE_NUMBER_SIZE_PT = 10.5
LINE_NUMBER_GREY = 40  # 0 black … 255 white
LINE_NUMBER_GAP_MM = 4.0
WATERMARK_SIZE_PT = 60.0

# ---- page (GB/T 9704 5.2) ---------------------------------------------------------------------


@dataclass(frozen=True)
class PageSpec:
    """An A4 page and its margins in millimetres; the type area (版心) is what is left."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    header_distance_mm: float = 15.0
    #: The printed page number's top edge sits 7 mm below the type area (GB/T 9704 7.5).
    page_number_gap_mm: float = 7.0
    #: The page-number line is exactly one 四号 line high (so it never reaches into the 版心).
    page_number_line_pt: float = 14.0

    @property
    def margins_mm(self) -> tuple[float, float, float, float]:
        """(top, bottom, left, right) in millimetres."""
        return (self.top_mm, self.bottom_mm, self.left_mm, self.right_mm)

    @property
    def footer_distance_mm(self) -> float:
        """Word's footer distance (page edge to the footer's bottom) that puts the top of the
        page-number line ``page_number_gap_mm`` below the type area: 35 − 7 − 4.94 ≈ 23.06 mm.

        The old 28 mm with a 29 pt footer line reached 3 mm into the 版心, and Word and
        LibreOffice pushed the body up to 21 lines."""
        return self.bottom_mm - self.page_number_gap_mm - self.page_number_line_pt * 25.4 / 72

    @property
    def type_area_mm(self) -> tuple[float, float]:
        """The 版心, (width, height) in millimetres: 156 × 225 on the house page."""
        return (
            self.width_mm - self.left_mm - self.right_mm,
            self.height_mm - self.top_mm - self.bottom_mm,
        )


PAGE = PageSpec()
#: The right margin of a review copy with room for handwritten notes.
WIDE_RIGHT_MARGIN_MM = 66.0
#: A landscape page (wide tables) keeps the footer closer to the edge.
LANDSCAPE_FOOTER_DISTANCE_MM = 15.0

# ---- line grid (GB/T 9704 7.1) -----------------------------------------------------------------

#: 22 lines of 三号 text a page.
LINES_PER_PAGE = 22
#: 28 characters of 三号 text a line.
CHARS_PER_LINE = 28
#: Fixed line pitch: 22 lines in the 225 mm type area ≈ 28.95 pt, as Word counts it (twips).
#: Rounded down (579, not 580): 22 × 580 twips would be 0.5 mm taller than the type area
#: (12,756 twips) and the page would hold 21 lines.
LINE_PITCH_TWIPS = math.floor(PAGE.type_area_mm[1] / 25.4 * 1440 / LINES_PER_PAGE)
LINE_PITCH_PT = LINE_PITCH_TWIPS / 20
#: 28 三号 characters are 448 pt, wider than the 156 mm (442.2 pt) line, so text set on the
#: grid is condensed by 0.4 pt a character (a 15.6 pt advance; 28 × 15.6 = 436.8 pt, and a
#: 29th does not fit). A Word character grid (docGrid linesAndChars, charSpace −849) would
#: squeeze it in Word, but LibreOffice gives each 16 pt character two cells narrower than
#: itself (measured: 14 characters a line, the 民法典 on 330 pages), and Qt has no grid; the
#: condensed advance gives 28 in Word, LibreOffice, WPS and the printed PDF alike.
GRID_CHAR_SPACING_PT = -0.4
#: Table text keeps a single-line pitch suited to its smaller size (20 pt).
TABLE_LINE_PITCH_TWIPS = 400

# ---- paragraphs ---------------------------------------------------------------------------------

#: First-line indent of body text, in characters.
INDENT_CHARS = 2


class Align(StrEnum):
    """Paragraph alignment."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class ParagraphRole(StrEnum):
    """The paragraph shapes of the house style (a .docx names each as a paragraph style)."""

    TITLE = "title"
    STAGE = "stage"
    NOTE = "note"  # 题注
    TOC_HEADING = "toc_heading"  # 目　　录
    TOC = "toc"  # a 目录 entry
    HEADING = "heading"  # 编/分编/章/节
    BODY = "body"  # 条/款/项/目 lines
    PAGE_NUMBER = "page_number"
    TABLE_TEXT = "table_text"


@dataclass(frozen=True)
class ParagraphSpec:
    """One paragraph shape: font, alignment, indent (characters), space (line pitches)."""

    font: FontSpec
    align: Align
    first_line_chars: int = 0
    space_before_lines: float = 0.0
    space_after_lines: float = 0.0
    keep_with_next: bool = False
    line_pitch_twips: int = LINE_PITCH_TWIPS
    #: Set on the character grid (28 to a line). Off for type larger or smaller than 三号
    #: (the 二号 title would take two cells a character, table text would be spread out)
    #: and for the page number (Latin digits and dashes in their own widths).
    snap_to_grid: bool = True


PARAGRAPHS: dict[ParagraphRole, ParagraphSpec] = {
    ParagraphRole.TITLE: ParagraphSpec(
        FONTS[FontRole.TITLE], Align.CENTER, keep_with_next=True, snap_to_grid=False
    ),
    ParagraphRole.STAGE: ParagraphSpec(FONTS[FontRole.NOTE], Align.CENTER, keep_with_next=True),
    ParagraphRole.NOTE: ParagraphSpec(FONTS[FontRole.NOTE], Align.CENTER, keep_with_next=True),
    ParagraphRole.TOC_HEADING: ParagraphSpec(
        FONTS[FontRole.HEADING], Align.CENTER, space_before_lines=1, keep_with_next=True
    ),
    ParagraphRole.TOC: ParagraphSpec(
        FONTS[FontRole.NOTE], Align.LEFT, first_line_chars=INDENT_CHARS
    ),
    ParagraphRole.HEADING: ParagraphSpec(
        FONTS[FontRole.HEADING],
        Align.CENTER,
        space_before_lines=1,
        space_after_lines=1,
        keep_with_next=True,
    ),
    ParagraphRole.BODY: ParagraphSpec(
        FONTS[FontRole.BODY], Align.JUSTIFY, first_line_chars=INDENT_CHARS
    ),
    ParagraphRole.PAGE_NUMBER: ParagraphSpec(
        PAGE_NUMBER_FONT,
        Align.RIGHT,
        line_pitch_twips=round(PAGE.page_number_line_pt * 20),
        snap_to_grid=False,
    ),
    ParagraphRole.TABLE_TEXT: ParagraphSpec(
        TABLE_FONT, Align.JUSTIFY, line_pitch_twips=TABLE_LINE_PITCH_TWIPS, snap_to_grid=False
    ),
}

#: One blank line (a line pitch) after the title block (title, stage, 题注).
TITLE_BLOCK_SPACE_AFTER_LINES = 1.0

#: 目录 indent (in characters) per heading kind: 节 sits under its 章.
TOC_INDENT_CHARS: dict[UnitKind, int] = {
    UnitKind.PART: 0,
    UnitKind.SUBPART: 1,
    UnitKind.CHAPTER: 2,
    UnitKind.SECTION: 3,
}

#: Outline levels of headings (Word's navigation pane, PDF bookmarks).
OUTLINE_LEVEL: dict[UnitKind, int] = {
    UnitKind.PART: 0,
    UnitKind.SUBPART: 1,
    UnitKind.CHAPTER: 2,
    UnitKind.SECTION: 3,
}

# ---- screen (the reading pane) ------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenSpec:
    """The reading pane's looser layout: proportional lines, space in fractions of a line
    (the font's height), a margin in characters. The type size is the view's (a scale of
    the print size, see ``ui/text/reading_view.py``)."""

    line_height_percent: int = 150
    margin_chars: float = 1.5
    title_space_after_lines: float = 0.3
    heading_space_before_lines: float = 0.8
    heading_space_after_lines: float = 0.3


SCREEN = ScreenSpec()
