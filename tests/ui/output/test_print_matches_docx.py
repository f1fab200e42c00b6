"""The printed PDF and the .docx as LibreOffice lays it out: the same pages, 22 lines each.

Also the line numbers of a review copy, looked at as a reader would (a rendered page).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from drafting.read.parse import parse_file
from drafting.write import house_style as spec
from drafting.write.text_docx import export_docx
from tests.drafting.write.rendered import docx_to_pdf, needs_soffice, page_count, page_lines
from ui.output.printing import PrintOptions, print_to_pdf


@needs_soffice
@pytest.mark.parametrize("name", ["lifafa_2023_flk.txt", "local_jinan_historic_city_2020.md"])
def test_pdf_and_docx_pages_agree(qapp, corpus: Path, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    draft = parse_file(corpus / name).draft
    docx_out = tmp_path / "text.docx"
    export_docx(draft, docx_out)
    office = docx_to_pdf(docx_out, tmp_path)
    printed = tmp_path / "printed.pdf"
    pages = print_to_pdf(draft, printed)
    assert abs(pages - page_count(office)) <= 1, (pages, page_count(office))
    # The printed pages hold 22 lines at most, and most full pages exactly 22.
    counts = [len(page) for page in page_lines(printed)]
    assert max(counts) <= spec.LINES_PER_PAGE
    # Every line is printed once: no line of one page repeated at the top of the next.
    lines = [line.strip() for page in page_lines(printed) for line in page]
    tops = [page[0].strip() for page in page_lines(printed)[1:]]
    bottoms = [page[-1].strip() for page in page_lines(printed)[:-1]]
    assert not [t for t, b in zip(tops, bottoms, strict=True) if t == b and len(t) > 10]
    assert len(lines) >= 22


def test_line_numbers_are_dark_and_readable(qapp, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    draft = parse_file(corpus / "local_rizhao_park_2021.md").draft
    pdf = tmp_path / "review.pdf"
    print_to_pdf(draft, pdf, PrintOptions(line_numbers=True))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    per_mm = 150 / 25.4
    # The strip left of the type area where the numbers go (not the page edge).
    x0, x1 = int(10 * per_mm), int((spec.PAGE.left_mm - 1) * per_mm)
    y0, y1 = int(spec.PAGE.top_mm * per_mm), int((297 - spec.PAGE.bottom_mm) * per_mm)
    dark = [
        (x, y)
        for y in range(y0, y1)
        for x in range(x0, x1)
        if image.pixelColor(x, y).lightness() < 100
    ]
    assert dark, "no line numbers in the left margin"
    # Near-black ink (not the old pale grey), and digits about 五号 tall (2.5 mm cap height).
    darkest = min(image.pixelColor(x, y).lightness() for x, y in dark)
    assert darkest < 80
    rows = sorted({y for _, y in dark})
    first_run = [y for y in rows if y - rows[0] < 6 * per_mm]
    assert (max(first_run) - min(first_run)) / per_mm >= 2.0
    # They end 4 mm left of the type area.
    right = max(x for x, _ in dark) / per_mm
    assert spec.PAGE.left_mm - spec.LINE_NUMBER_GAP_MM - 1.0 <= right <= spec.PAGE.left_mm - 3
