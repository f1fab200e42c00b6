"""Time docx_lines on a 1,260-article draft (~6,000 paragraphs) numbered by Word list numbering.

Run from the project root: .venv/bin/python bench/bench_docx_reader.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafting.read.docx_lines import docx_lines  # noqa: E402
from tests.drafting.docx_fixtures import make_numbered_docx  # noqa: E402

ARTICLES = 1260


def build(path: Path) -> Path:
    """Chapters typed, articles and items from numbering, blank lines between articles."""
    paragraphs: list[tuple[str, int | None, int]] = []
    for i in range(ARTICLES):
        if i % 60 == 0:
            paragraphs += [(f"第{i // 60 + 1}章　章名", None, 0), ("", None, 0)]
        paragraphs.append(("有下列情形之一的，由有关部门依照本条例的规定予以处理：", 1, 0))
        paragraphs += [("违反本条例规定擅自占用公园绿地的；", 1, 1)] * 2
        paragraphs.append(("其他违反本条例规定的行为。", 1, 1))
        paragraphs.append(("", None, 0))
    return make_numbered_docx(path, paragraphs)


def make_heavy(source: Path, target: Path) -> Path:
    """Split each paragraph's text into 6 runs with Word-like run properties (fonts, size,
    language, proofing marks), as drafts edited in Word look: several times the XML."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            blob = old.read(info.filename)
            if info.filename == "word/document.xml":
                blob = re.sub(rb"<w:r>(<w:t[^>]*>)([^<]*)</w:t></w:r>", _split_run, blob)
            new.writestr(info, blob)
    return target


_RPR = (
    '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/>'
    '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:eastAsia="zh-CN"/></w:rPr>'
)


def _split_run(match: re.Match[bytes]) -> bytes:
    text = match.group(2).decode()
    step = max(1, len(text) // 6)
    pieces = [text[i : i + step] for i in range(0, len(text), step)] or [""]
    runs = "".join(
        f'<w:proofErr w:type="gramStart"/><w:r>{_RPR}<w:t xml:space="preserve">{piece}</w:t></w:r>'
        for piece in pieces
    )
    return runs.encode()


def measure(label: str, path: Path) -> None:
    size = path.stat().st_size
    best = float("inf")
    lines: list[str] = []
    for _ in range(5):
        started = time.perf_counter()
        lines = docx_lines(path)
        best = min(best, time.perf_counter() - started)
    print(
        f"{label}: {len(lines)} lines, file {size / 1024:.0f} KiB, best of 5: {best * 1000:.0f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder) / "large.docx")
        heavy = make_heavy(path, Path(folder) / "heavy.docx")
        print(f"{ARTICLES} articles with items, numbered by Word list numbering")
        measure("plain runs      ", path)
        measure("6 runs+rPr/para ", heavy)
        lines = docx_lines(heavy)
        print("last article:", next(line for line in reversed(lines) if line.startswith("第")))


if __name__ == "__main__":
    main()
