"""A .docx rendered the way a reader sees it: LibreOffice headless → PDF → poppler.

LibreOffice lays the .docx out with the house fonts' free stand-ins (resources/fonts/
house-fonts.conf, the ones our own PDF uses). ``needs_soffice`` skips only outside CI when
LibreOffice or poppler is missing (``scripts/setup.sh --dev`` installs both); in CI it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FONTS_CONF = ROOT / "resources" / "fonts" / "house-fonts.conf"

_MISSING = [t for t in ("soffice", "pdftotext", "pdfinfo", "pdftoppm") if not shutil.which(t)]
needs_soffice = pytest.mark.skipif(
    bool(_MISSING) and not os.environ.get("CI"),
    reason=f"LibreOffice/poppler not installed ({', '.join(_MISSING)}): "
    "bash scripts/setup.sh --dev installs libreoffice-writer-nogui and poppler-utils",
)


def docx_to_pdf(docx: Path, folder: Path) -> Path:
    """``docx`` converted by LibreOffice headless into ``folder``; the PDF's path."""
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    profile = folder / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    pdf = folder / (docx.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {docx.name}"
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    assert match
    return int(match.group(1))


_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$")


def page_lines(pdf: Path) -> list[list[str]]:
    """``pdftotext -layout``: per page, its non-empty text lines (page number left out),
    NFKC-normalised (Kangxi radicals folded), leading spaces kept (they show the indent)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = unicodedata.normalize("NFKC", out).split("\f")
    return [
        [line.rstrip() for line in page.split("\n") if line.strip() and not _NUMBER.match(line)]
        for page in pages
        if page.strip()
    ]


def cells(line: str) -> float:
    """Width of ``line`` in 三号 character cells: a CJK or full-width character is one, a
    digit or Latin letter half (spaces between characters, which -layout adds, ignored)."""
    text = re.sub(r"\s", "", line)
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


@dataclass(frozen=True)
class Word:
    """A word of ``pdftotext -bbox`` in points from the page's top-left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(pdf: Path) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found: list[Word] = []
    for page, chunk in enumerate(out.split("<page ")[1:], start=1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            chunk,
        ):
            found.append(Word(page, float(x0), float(y0), float(x1), float(y1), text))
    return found
