"""Printing: real PDFs written through Qt, read back with poppler (pdftoppm, pdftotext)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QPdfWriter

from drafting.read.parse import parse_file
from tests.drafting.export_drafts import small_draft
from ui.output.print_dialog import DraftPrintPreview, ReviewOptionsDialog
from ui.output.printing import (
    PrintOptions,
    build_print_document,
    line_baselines,
    prepare_device,
    print_to_pdf,
)

ROOT = Path(__file__).resolve().parents[3]
# scripts/setup.sh --dev installs poppler-utils; only a hand-made environment may lack it, and
# CI must never skip these silently.
pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext") and shutil.which("pdfinfo"))
    and not os.environ.get("CI"),
    reason="poppler-utils (pdftoppm, pdftotext, pdfinfo) not installed",
)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match
    return int(match.group(1))


def _text(pdf: Path, page: int, box: tuple[int, int, int, int] | None = None) -> str:
    """pdftotext of one page (optionally of a box x, y, w, h in points), NFKC-normalised.

    Qt's PDF writer maps some CJK glyphs back to Kangxi radicals (⼀ for 一) in the ToUnicode
    table — the glyph is shared in Noto CJK; NFKC folds them back for comparison.
    """
    args = ["pdftotext", "-f", str(page), "-l", str(page), "-r", "72"]
    if box:
        x, y, w, h = box
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return _norm(out.stdout)


def _norm(text: str) -> str:
    """NFKC (folds radicals and full-width forms alike), spaces kept."""
    return unicodedata.normalize("NFKC", text)


def _has(text: str, words: str) -> bool:
    """``words`` (normalised) appear in ``text`` once spaces and line breaks are ignored."""
    return re.sub(r"\s", "", _norm(words)) in re.sub(r"\s", "", text)


@pytest.fixture
def rizhao(corpus: Path):  # type: ignore[no-untyped-def]
    return parse_file(corpus / "local_rizhao_park_2021.md").draft


def test_pdf_has_pages_and_real_glyphs(qapp, rizhao, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "rizhao.pdf"
    pages = print_to_pdf(rizhao, pdf, PrintOptions(stage_label="征求意见稿"))
    assert pages == _pages(pdf) >= 3
    # The first page rendered: plenty of ink inside the type area (glyphs, not blank boxes).
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    assert image.width() == round(210 / 25.4 * 50) or abs(image.width() - 413) <= 2
    per_mm = 50 / 25.4
    x0, x1 = int(28 * per_mm), int((210 - 26) * per_mm)
    y0, y1 = int(37 * per_mm), int((297 - 35) * per_mm)
    dark = sum(
        1
        for y in range(y0, y1, 2)
        for x in range(x0, x1, 2)
        if image.pixelColor(x, y).lightness() < 160
    )
    sampled = ((x1 - x0) // 2) * ((y1 - y0) // 2)
    assert dark / sampled > 0.03
    # Nothing printed in the margins except the page number (bottom).
    left_margin_ink = sum(
        1
        for y in range(y0, y1)
        for x in range(0, x0 - 3)
        if image.pixelColor(x, y).lightness() < 160
    )
    assert left_margin_ink == 0
    text = _text(pdf, 1)
    assert _has(text, rizhao.title)
    assert _has(text, "（征求意见稿）")
    assert _has(text + _text(pdf, 2), "第一条")


def test_page_numbers_odd_right_even_left(qapp, rizhao, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "n.pdf"
    print_to_pdf(rizhao, pdf)
    bottom = 842 - 100  # the last 100 pt of an A4 page (595 × 842 pt)
    right, left = (298, bottom, 297, 100), (0, bottom, 297, 100)
    assert _has(_text(pdf, 1, right), "—1—") and "1" not in _text(pdf, 1, left)
    assert _has(_text(pdf, 2, left), "—2—") and "2" not in _text(pdf, 2, right)
    assert _has(_text(pdf, 3, right), "—3—")


def test_line_numbers_restart_per_page_at_most_22_lines(qapp, corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = parse_file(corpus / "local_jinan_historic_city_2020.md").draft
    pdf = tmp_path / "lines.pdf"
    pages = print_to_pdf(draft, pdf, PrintOptions(line_numbers=True))
    margin = (0, 0, int(28 / 25.4 * 72) - 2, 842)
    maxima = []
    for page in range(1, min(pages, 6) + 1):
        numbers = [int(n) for n in _text(pdf, page, margin).split()]
        assert numbers[0] == 1 and numbers == list(range(1, len(numbers) + 1))
        maxima.append(numbers[-1])
    assert max(maxima) == 22  # GB/T 9704: 22 lines a page
    every_fifth = tmp_path / "five.pdf"
    print_to_pdf(draft, every_fifth, PrintOptions(line_numbers=True, line_number_step=5))
    numbers = [int(n) for n in _text(every_fifth, 2, margin).split()]
    assert numbers and all(n % 5 == 0 for n in numbers)


def test_mark_watermark_and_wide_margin(qapp, rizhao, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = tmp_path / "plain.pdf"
    plain_pages = print_to_pdf(rizhao, plain)
    review = tmp_path / "review.pdf"
    options = PrintOptions(mark="内部资料\u3000注意保存", watermark="征求意见稿", wide_margin=True)
    pages = print_to_pdf(rizhao, review, options)
    assert pages > plain_pages  # a narrower type area
    top_left = (0, 0, 300, int(37 / 25.4 * 72))
    assert _has(_text(review, 1, top_left), "内部资料")
    assert "内部资料" not in _text(review, 2, top_left)
    every = tmp_path / "every.pdf"
    print_to_pdf(rizhao, every, PrintOptions(mark="内部资料", mark_every_page=True))
    assert "内部资料" in _text(every, 2, top_left)
    # The wide margin leaves the right 66 mm free of text on body pages.
    right_strip = (int((210 - 60) / 25.4 * 72), 110, int(60 / 25.4 * 72), 620)
    assert _text(review, 2, right_strip).strip() in ("", "稿", "征求意见稿")  # watermark only


def test_full_width_space_survives_layout(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    prepare_device(writer)
    document = build_print_document(small_draft(), PrintOptions(), 1200.0, writer)
    text = document.toPlainText()
    assert "第一条\u3000为了加强公园管理" in text
    assert "目\u3000\u3000录" in text
    assert "（征求意见稿）" not in text
    baselines = line_baselines(document)
    assert len(baselines) == len(text.split("\n"))  # one line per block in this short draft


def test_review_options_dialog_returns_options(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReviewOptionsDialog(None, PrintOptions(stage_label="草案", line_numbers=True))
    qtbot.addWidget(dialog)
    assert dialog.options() == PrintOptions(stage_label="草案", line_numbers=True)
    dialog.mark.setCurrentText("内部资料\u3000注意保存")
    dialog.wide_margin.setChecked(True)
    dialog.line_step.setCurrentIndex(1)
    dialog.watermark.setText("征求意见稿")
    dialog.line_numbers.setChecked(False)
    assert not dialog.line_step.isEnabled()
    options = dialog.options()
    assert options.mark == "内部资料\u3000注意保存"
    assert options.wide_margin and not options.line_numbers
    assert options.watermark == "征求意见稿" and options.stage_label == "草案"


def test_print_preview_paints_pages_and_follows_options(qtbot, rizhao) -> None:  # type: ignore[no-untyped-def]
    preview = DraftPrintPreview(None, rizhao, PrintOptions())
    qtbot.addWidget(preview)
    widget = preview.preview_widget()
    assert widget is not None
    widget.updatePreview()
    assert preview.pages == widget.pageCount() >= 3
    before = preview.pages
    preview.set_options(PrintOptions(wide_margin=True))
    assert preview.pages == widget.pageCount() > before
    assert preview.options_action.text() == "打印选项…"


def test_cli_export_pdf_headless(rizhao, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    pdf = tmp_path / "out.pdf"
    source = ROOT.parent / "shared" / "corpus" / "local_rizhao_park_2021.md"
    result = subprocess.run(
        [sys.executable, "app.py", "export", str(source), "--pdf", str(pdf), "--stage", "草案",
         "--line-numbers", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pages"] == _pages(pdf) and data["articles"] == 32
    assert _has(_text(pdf, 1), "（草案）")
