"""The PDF's text layer says what the page shows (issue 12 item 1): pdftotext gives the
characters of the text — no Kangxi/CJK radicals for ideographs sharing their glyph in Noto CJK."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter

from drafting.model.units import Draft
from drafting.read.parse import parse_file, parse_text
from drafting.write.pdf_unicode import repair_to_unicode
from drafting.write.plain_text import render_text
from ui.output.printing import PrintOptions, paint_draft, prepare_device, print_to_pdf

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils not installed (setup.sh --dev)"
)

RADICALS = re.compile("[\u2e80-\u2fdf]")
PAGE_NUMBER = re.compile(r"^— \d+ —$")


def _pages(pdf: Path) -> list[list[str]]:
    """pdftotext -raw (content order), as lines per page, page numbers dropped.

    A line ending exactly on a page boundary is also drawn, clipped away and invisible, at the
    top of the next page (QTextDocument.drawContents); it is in the text layer all the same.
    That duplicate is dropped here so the article text reads on — it is a layout matter, not
    a wrong character."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [
        [line for line in page.splitlines() if line.strip() and not PAGE_NUMBER.match(line)]
        for page in out.split("\f")
    ]
    for before, page in zip(pages, pages[1:], strict=False):
        if before and page and page[0] == before[-1]:
            del page[0]
    return pages


def _flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def _check(draft: Draft, pdf: Path) -> str:
    pages = _pages(pdf)
    text = "\n".join(line for page in pages for line in page)
    assert not RADICALS.findall(text)
    flat = _flat(text)
    missing = [line for line in render_text(draft).splitlines() if _flat(line) not in flat]
    assert missing == []
    return text


def test_small_text_comes_back_exactly(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = (
        "# 测试条例\n\n"
        "第一条　中华人民共和国人民民主，十分重要。\n\n"
        "第二条　长、见、龟、青、风、飞、食、马、鱼、鸟、麦、黄、黑、齐、龙、户、一二三十人。\n\n"
        "第三条　“引号”——破折号、第一条～第三条、甲／乙、〈书名〉。\n"
    )
    draft = parse_text(source).draft
    pdf = tmp_path / "small.pdf"
    print_to_pdf(draft, pdf, PrintOptions(stage_label="征求意见稿", mark="内部资料"))
    text = _check(draft, pdf)
    # Not folded by NFKC: the very code points of the text.
    for words in ("第一条", "中华人民共和国人民民主", "“引号”——破折号", "第一条～第三条", "甲／乙"):
        assert words in _flat(text), words
    assert "（征求意见稿）" in _flat(text) and "内部资料" in text
    # The PDF is still well-formed, its fonts embedded with a Unicode map.
    subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row and row.split()[-3] == "yes" for row in rows)


def test_civil_code_text_layer_is_exact(qapp, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = parse_file(corpus / "large_civil_code_2020.md").draft
    pdf = tmp_path / "civil.pdf"
    pages = print_to_pdf(draft, pdf)
    assert pages > 200
    text = _check(draft, pdf)  # every line of every article, none with a radical
    assert "第一条" in text and "中华人民共和国" in text


def test_repair_leaves_every_page_pixel_identical(qapp, corpus: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = parse_file(corpus / "local_rizhao_park_2021.md").draft
    raw, fixed = tmp_path / "qt.pdf", tmp_path / "fixed.pdf"
    writer = QPdfWriter(str(raw))  # Qt's own output, before any repair
    writer.setResolution(600)
    prepare_device(writer)
    pages = paint_draft(draft, writer)
    del writer
    fixed.write_bytes(raw.read_bytes())
    assert repair_to_unicode(fixed, render_text(draft)).entries > 0
    for pdf in (raw, fixed):
        subprocess.run(
            ["pdftoppm", "-r", "40", "-gray", str(pdf), str(tmp_path / pdf.stem)], check=True
        )
    before = sorted(tmp_path.glob("qt-*.pgm"))
    after = sorted(tmp_path.glob("fixed-*.pgm"))
    assert len(before) == len(after) == pages
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(before, after, strict=True))
