"""Bench: 民法典 (1,260 articles) → .docx, PDF, Akoma Ntoso, and each read back.

Targets (issue 5): .docx under 5 s, PDF under 10 s.
Run: .venv/bin/python bench/bench_export.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafting.exchange.akoma_ntoso import from_akn, to_akn  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from drafting.write.text_docx import export_docx  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCE = CORPUS / "large_civil_code_2020.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="keep the exported files in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_export_"))
    folder.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    draft = parse_file(SOURCE).draft
    print(
        f"parse source            {time.perf_counter() - t:6.2f} s  ({draft.counts().articles} 条)"
    )

    out = folder / "civil_code.docx"
    t = time.perf_counter()
    export_docx(draft, out, stage_label="征求意见稿")
    docx_s = time.perf_counter() - t
    print(
        f"export .docx            {docx_s:6.2f} s  target < 5 s   {out.stat().st_size // 1024} KB"
    )

    t = time.perf_counter()
    back = parse_file(out).draft
    print(
        f"read .docx back         {time.perf_counter() - t:6.2f} s  ({back.counts().articles} 条)"
    )

    t = time.perf_counter()
    data = to_akn(draft)
    akn_s = time.perf_counter() - t
    t = time.perf_counter()
    from_akn(data)
    print(f"Akoma Ntoso out / in    {akn_s:6.2f} s / {time.perf_counter() - t:.2f} s")

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t = time.perf_counter()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    from ui.output.printing import PrintOptions, print_to_pdf

    start_s = time.perf_counter() - t
    pdf = folder / "civil_code.pdf"
    t = time.perf_counter()
    pages = print_to_pdf(draft, pdf, PrintOptions(stage_label="征求意见稿"))
    pdf_s = time.perf_counter() - t
    print(f"Qt start-up             {start_s:6.2f} s")
    print(f"export PDF              {pdf_s:6.2f} s  target < 10 s  {pages} pages")
    t = time.perf_counter()
    print_to_pdf(
        draft,
        folder / "civil_code_review.pdf",
        PrintOptions(line_numbers=True, watermark="征求意见稿"),
    )
    print(f"PDF with line numbers   {time.perf_counter() - t:6.2f} s")
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
