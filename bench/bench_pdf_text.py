"""Bench: the ToUnicode repair of the 民法典's PDF (issue 12 item 1).

Prints the time Qt takes to write the PDF and the time the repair adds (pikepdf reads the
file, rewrites the fonts' ToUnicode maps, saves it again).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_pdf_text.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from drafting.read.parse import parse_file  # noqa: E402
from drafting.write.pdf_unicode import repair_to_unicode  # noqa: E402
from drafting.write.plain_text import render_text  # noqa: E402
from ui.output import printing  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large_civil_code_2020.md"


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    draft = parse_file(SOURCE).draft
    folder = Path(tempfile.mkdtemp(prefix="bench_pdf_text_"))
    raw, fixed = folder / "qt.pdf", folder / "fixed.pdf"
    # Qt alone: the hook switched off for this one write.
    hook = printing.repair_to_unicode
    printing.repair_to_unicode = lambda *args, **kwargs: None  # type: ignore[assignment]
    t = time.perf_counter()
    pages = printing.print_to_pdf(draft, raw)
    qt_s = time.perf_counter() - t
    printing.repair_to_unicode = hook
    shutil.copy(raw, fixed)
    text = render_text(draft)
    t = time.perf_counter()
    result = repair_to_unicode(fixed, text)
    repair_s = time.perf_counter() - t
    print(
        f"民法典 PDF by Qt        {qt_s:6.2f} s  ({pages} pages, {raw.stat().st_size // 1024} KB)"
    )
    print(
        f"ToUnicode repair        {repair_s:6.2f} s  ({result.maps} maps, {result.entries} entries;"
        f" {fixed.stat().st_size // 1024} KB)"
    )
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
