"""GB/T 9704 measured on rendered pages: the .docx through LibreOffice, read with poppler.

22 lines of 28 characters in the 156 mm × 225 mm type area, the page number "— n —" 7 mm
below it (odd pages right, even pages left). A line of 28 characters may carry one closing
punctuation mark past its end (Word and LibreOffice hang it, w:overflowPunct), so a full line
counts 28 cells, or 29 when its last is a hanging 。/，.
"""

from __future__ import annotations

import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafting.read.parse import parse_file
from drafting.write import house_style as spec
from drafting.write.text_docx import export_docx
from tests.drafting.write.rendered import (
    cells,
    docx_to_pdf,
    needs_soffice,
    page_count,
    page_lines,
    words,
)

PT_PER_MM = 72 / 25.4
TYPE_TOP = spec.PAGE.top_mm * PT_PER_MM
TYPE_BOTTOM = (spec.PAGE.height_mm - spec.PAGE.bottom_mm) * PT_PER_MM
TYPE_LEFT = spec.PAGE.left_mm * PT_PER_MM
TYPE_RIGHT = (spec.PAGE.width_mm - spec.PAGE.right_mm) * PT_PER_MM
PITCH = spec.LINE_PITCH_PT


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """青岛市河道管理条例 (15 pages, 题注 over six lines) as .docx, rendered by LibreOffice."""
    folder = tmp_path_factory.mktemp("gbt")
    out = folder / "qingdao.docx"
    export_docx(parse_file(corpus / "local_qingdao_river_2020.md").draft, out)
    return docx_to_pdf(out, folder)


def _slots(pdf: Path) -> dict[int, set[int]]:
    """Per page, the line slots (0 = the type area's first line) that hold text."""
    slots: dict[int, set[int]] = {}
    for word in words(pdf):
        if word.y0 < TYPE_BOTTOM:
            slots.setdefault(word.page, set()).add(int((word.y0 - TYPE_TOP) // PITCH))
    return slots


@needs_soffice
def test_22_lines_a_page(rendered: Path) -> None:
    slots = _slots(rendered)
    # No text above or below the 22 lines of the type area, and body pages use all 22
    # (a page ends early only before a heading kept with its article, or for a widow).
    assert all(0 <= s < spec.LINES_PER_PAGE for page in slots.values() for s in page)
    full = [page for page, used in slots.items() if max(used) == spec.LINES_PER_PAGE - 1]
    # This text has many short articles under headings: about a third of its pages end
    # early (measured 6 of 15); none holds a 23rd line.
    assert len(full) >= len(slots) // 3, {p: max(u) for p, u in slots.items()}


@needs_soffice
def test_28_characters_a_line(rendered: Path) -> None:
    lines = [line for page in page_lines(rendered) for line in page]
    # Continuation lines (no indent) of pure Chinese text: full ones hold 28 characters.
    chinese = [
        line
        for line in lines
        if not line.startswith(" ")
        and all(unicodedata.east_asian_width(ch) in "WF" for ch in line.replace(" ", ""))
    ]
    counts = Counter(cells(line) for line in chinese)
    assert counts.most_common(1)[0][0] == spec.CHARS_PER_LINE, counts
    assert max(counts) <= spec.CHARS_PER_LINE + 1, counts  # + a hanging 。
    # First lines: two characters of indent, then at most 26 (+ a hanging mark).
    indented = [cells(line) for line in lines if line.startswith("  ") and len(line) > 20]
    assert indented and max(indented) <= spec.CHARS_PER_LINE - 2 + 1


@needs_soffice
def test_page_number_7_mm_below_the_type_area_odd_right_even_left(rendered: Path) -> None:
    numbers: dict[int, list[float]] = {}
    for word in words(rendered):
        if word.y0 > TYPE_BOTTOM and word.text in ("—", str(word.page)):
            numbers.setdefault(word.page, []).extend([word.x0, word.x1, word.y0])
    assert len(numbers) == page_count(rendered) >= 3
    for page, box in numbers.items():
        x0, x1 = min(box[0::3]), max(box[1::3])
        gap_mm = (min(box[2::3]) - TYPE_BOTTOM) / PT_PER_MM
        assert 6.0 <= gap_mm <= 8.0, (page, gap_mm)  # the font box's top edge
        inset = spec.SIHAO  # one 四号 character in from the type area's edge
        if page % 2:
            assert abs(TYPE_RIGHT - inset - x1) < 4, (page, x1)
        else:
            assert abs(x0 - (TYPE_LEFT + inset)) < 4, (page, x0)


@needs_soffice
def test_title_note_is_one_bracketed_block(rendered: Path) -> None:
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(rendered), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    # Kangxi radicals folded one by one (NFKC would fold the full-width brackets too).
    text = "".join(
        unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch
        for ch in first_page
        if ch not in " \n"
    )
    start, end = text.index("（2010年6月25日"), text.index("第二次修正）")
    note = text[start : end + len("第二次修正）")]
    assert note.count("（") - note.count("）") == 0
    assert note.count("《") == note.count("》") == 2
    assert "会议通过2010年7月30日" in note  # the U+3000 between events comes out as a space
    docx_note = docx.Document(str(rendered.with_suffix(".docx"))).paragraphs[1].text
    assert docx_note.startswith("（2010年6月25日青岛市") and docx_note.endswith("第二次修正）")
    assert "会议通过\u30002010年7月30日" in docx_note and " " not in docx_note


def test_docx_sets_the_grid_and_the_footer_clear_of_the_type_area(tmp_path: Path) -> None:
    from tests.drafting.export_drafts import small_draft

    out = tmp_path / "small.docx"
    export_docx(small_draft(), out)
    with zipfile.ZipFile(out) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        styles = z.read("word/styles.xml").decode()
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = document.find(f".//{w}sectPr/{w}docGrid")
    assert grid is not None and grid.get(f"{w}linePitch") == str(spec.LINE_PITCH_TWIPS)
    margins = document.find(f".//{w}sectPr/{w}pgMar")
    assert margins is not None
    footer_mm = int(margins.get(f"{w}footer")) / 1440 * 25.4
    # The footer line (14 pt) ends above the page edge by the footer distance and starts
    # 7 mm below the type area: it never reaches into it.
    top_of_number = spec.PAGE.height_mm - footer_mm - spec.PAGE.page_number_line_pt / PT_PER_MM
    assert abs(top_of_number - (spec.PAGE.height_mm - spec.PAGE.bottom_mm + 7)) < 0.2
    # 22 × the pitch fits the type area; 28 condensed 三号 characters fit a line, 29 do not.
    assert spec.LINES_PER_PAGE * spec.LINE_PITCH_TWIPS <= 225 / 25.4 * 1440
    advance = spec.SANHAO + spec.GRID_CHAR_SPACING_PT
    assert 28 * advance <= 156 * PT_PER_MM < 29 * advance
    assert '<w:spacing w:val="-8"/>' in styles
