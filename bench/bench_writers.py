"""Bench: do the writers grow linearly? (issue 12 item 7)

The 民法典 and a text four times its size (its articles four times over) exported to .docx
(build + save) and to PDF (the printer), and the all-rows 修改对照表 of the 民法典 against an
edited copy; prints both sizes and the growth exponent log(t4 / t1) / log 4.
With LibreOffice installed, also the page counts of the PDF and of the .docx as LibreOffice
lays it out (they should agree within a page).

Targets: exponent ≤ 1.1; 对照表 of the 民法典 < 0.4 s in-process.
Run: .venv/bin/python bench/bench_writers.py [--no-pdf] [--no-office]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_compare import edited_copy  # noqa: E402

from drafting.compare.articles import compare_drafts  # noqa: E402
from drafting.model.units import Draft  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from drafting.write.comparison_docx import comparison_table_docx  # noqa: E402
from drafting.write.text_docx import export_docx  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SOURCE = CORPUS / "large_civil_code_2020.md"


def best_of(n: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        job()
        times.append(time.perf_counter() - t)
    return min(times)


def exponent(t1: float, t4: float) -> float:
    return math.log(t4 / t1) / math.log(4)


def row(what: str, t1: float, t4: float) -> None:
    print(f"{what:<22} {t1:6.2f} s  ×4: {t4:6.2f} s  exponent {exponent(t1, t4):4.2f} (≤ 1.1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF export")
    parser.add_argument("--no-office", action="store_true", help="skip LibreOffice")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench_writers_"))

    code = parse_file(SOURCE).draft
    big = Draft(title=code.title, title_note=code.title_note, units=code.units * 4)
    print(f"民法典: {code.counts().articles} 条; ×4: {big.counts().articles} 条")

    one, four = folder / "civil.docx", folder / "civil4.docx"
    row(
        ".docx",
        best_of(3, lambda: export_docx(code, one)),
        best_of(2, lambda: export_docx(big, four)),
    )

    new, _ = edited_copy(code, keep_uids=False)
    comparison = compare_drafts(code, new)
    table_s = best_of(
        3,
        lambda: comparison_table_docx(comparison, include_renumbered=True, include_unchanged=True),
    )
    print(
        f"对照表 (all rows)       {table_s:6.2f} s  target < 0.4 s  ({len(comparison.pairs)} rows)"
    )

    pdf_pages = None
    if not args.no_pdf:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
        from ui.output.printing import print_to_pdf

        pdf, pdf4 = folder / "civil_printed.pdf", folder / "civil4_printed.pdf"
        counts: dict[Path, int] = {}

        def printed(draft: Draft, out: Path) -> None:
            counts[out] = print_to_pdf(draft, out)

        row("PDF", best_of(1, lambda: printed(code, pdf)), best_of(1, lambda: printed(big, pdf4)))
        pdf_pages = counts[pdf]
        print(f"PDF pages              {counts[pdf]} / ×4: {counts[pdf4]}")

    if not args.no_office and shutil.which("soffice") and pdf_pages is not None:
        env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "resources/fonts/house-fonts.conf"))
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder), str(one)],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        info = subprocess.run(
            ["pdfinfo", str(folder / "civil.pdf")], capture_output=True, text=True, check=True
        ).stdout
        office = int(
            next(line.split()[1] for line in info.splitlines() if line.startswith("Pages"))
        )
        print(f"pages: printed PDF {pdf_pages}, LibreOffice of the .docx {office} (within 1)")


if __name__ == "__main__":
    main()
