"""Bench: the layout stream and its three consumers on the 民法典 (1,260 articles).

Prints the best of several runs: the stream alone, the reading pane's document built whole,
one article laid out again in place (``HouseDocument.replace_article``), the pane rebuilt and
laid out by Qt against ``HouseDocument.sync`` after an insert (all later articles renumbered)
and after rewording one 款, the print document and the .docx.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_layout.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPdfWriter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from drafting.model.numbering import compute_numbers  # noqa: E402
from drafting.model.units import Unit, UnitKind  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from drafting.write.layout import house_layout  # noqa: E402
from drafting.write.text_docx import build_docx  # noqa: E402
from ui.output.printing import PrintOptions, build_print_document, prepare_device  # noqa: E402
from ui.shell.fonts import install_fonts  # noqa: E402
from ui.text.house_document import build_house_document  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large_civil_code_2020.md"
SCREEN_SCALE = 0.8


def best_ms(job: Callable[[], object], runs: int = 5) -> float:
    """The fastest of ``runs`` runs, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    app = QApplication([])
    install_fonts(app)
    draft = parse_file(SOURCE).draft
    numbers = compute_numbers(draft)
    blocks = list(house_layout(draft, numbers=numbers))
    print(f"blocks                      {len(blocks):7d}")
    print(
        f"layout stream            {best_ms(lambda: list(house_layout(draft, numbers=numbers))):7.1f} ms"
    )
    print(
        "reading pane, whole text "
        f"{best_ms(lambda: build_house_document(draft, '', SCREEN_SCALE, None, None, numbers)):7.1f} ms"
    )
    house = build_house_document(draft, "", SCREEN_SCALE, None, None, numbers)
    article = draft.articles()[600]

    def add_and_replace() -> None:
        article.children.append(Unit(UnitKind.PARAGRAPH, text="新增的一款。"))
        house.replace_article(article, numbers[article.uid])

    print(f"reading pane, one article {best_ms(add_and_replace):6.1f} ms")

    # Laid out by Qt too (a set width, the document's size asked for), as a view would.
    def laid_out(doc: QTextDocument) -> None:
        doc.setTextWidth(800)
        doc.documentLayout().documentSize()

    def rebuild() -> None:
        laid_out(build_house_document(draft, "", SCREEN_SCALE, None, None, numbers).document)

    print(f"reading pane rebuilt and laid out   {best_ms(rebuild, 3):7.1f} ms")
    house = build_house_document(draft, "", SCREEN_SCALE, None, None, numbers)
    laid_out(house.document)
    chapter = draft.units[0].children[0]  # 第一编 → 第一章

    def insert_and_sync() -> None:
        chapter.children.insert(1, Unit(UnitKind.ARTICLE, children=[
            Unit(UnitKind.PARAGRAPH, text="新增的条文。")]))  # fmt: skip
        house.sync(draft, "", compute_numbers(draft))
        laid_out(house.document)

    print(f"insert 第二条, sync, laid out        {best_ms(insert_and_sync, 3):7.1f} ms")
    paragraph = draft.articles()[600].children[0]

    def reword_and_sync() -> None:
        paragraph.text += "又"
        house.sync(draft, "", numbers)
        laid_out(house.document)

    numbers = compute_numbers(draft)
    print(f"reword one 款, sync, laid out        {best_ms(reword_and_sync, 3):7.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        writer = QPdfWriter(str(Path(folder) / "x.pdf"))
        prepare_device(writer)
        print(
            "print document           "
            f"{best_ms(lambda: build_print_document(draft, PrintOptions(), 1200.0, writer), 3):7.1f} ms"
        )
    print(f".docx (in memory)        {best_ms(lambda: build_docx(draft), 3):7.1f} ms")


if __name__ == "__main__":
    main()
