"""What the input caps cost on real-sized files, and how long the hostile files take to refuse.

Prints: the zip check (drafting.read.limits.check_package) on a 1,260-article .docx (heavy
Word-style runs) and on an .xlsx of 10,000 comments, next to reading them; deleted paragraph
marks at 15,000/30,000/60,000 paragraphs (linear since the reader carries a list); the time to
refuse each bomb. Run from the project root: .venv/bin/python bench/bench_hostile.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_docx_reader import build, make_heavy  # noqa: E402
from consultation.tabular import read_table  # noqa: E402
from drafting.errors import ParseError  # noqa: E402
from drafting.read.docx_lines import docx_lines  # noqa: E402
from drafting.read.files import read_draft  # noqa: E402
from drafting.read.limits import EXCEL, WORD, check_package  # noqa: E402
from tests.hostile_files import (  # noqa: E402
    base_docx,
    base_xlsx,
    document_xml,
    lie_about_size,
    numbered_docx,
    rewrite_zip,
)

DELETED = (
    '<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    "</w:pPr><w:r><w:t>第一条　这是一段被删除段落标记的文字，共计约三十个字符。</w:t></w:r></w:p>"
)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    try:
        action()
    except ParseError:
        pass
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        docx = make_heavy(build(tmp / "light.docx"), tmp / "heavy.docx")
        print(f"1,260-article .docx ({docx.stat().st_size / 1e6:.1f} MB):")
        print(f"  check_package       {timed(lambda: check_package(docx, WORD)):.3f} s")
        print(f"  docx_lines          {timed(lambda: docx_lines(docx)):.3f} s")
        rows = [["序号", "条款", "意见内容"]] + [
            [str(n), f"第{n % 90 + 1}条", f"建议修改第{n}处表述，使之更加明确具体。" * 4]
            for n in range(10_000)
        ]
        xlsx = base_xlsx(tmp / "comments.xlsx", rows)
        print(f".xlsx of 10,000 comments ({xlsx.stat().st_size / 1e6:.1f} MB):")
        print(f"  check_package       {timed(lambda: check_package(xlsx, EXCEL)):.3f} s")
        print(f"  read_table (incl.)  {timed(lambda: read_table(xlsx)):.3f} s")

        print("deleted paragraph marks (one joined paragraph):")
        base = base_docx(tmp / "b.docx")
        for n in (15_000, 30_000, 60_000):
            body = DELETED * n + "<w:p><w:r><w:t>结尾。</w:t></w:r></w:p>"
            path = rewrite_zip(
                base, tmp / f"del{n}.docx", {"word/document.xml": document_xml(body)}
            )
            print(f"  {n:>6} paragraphs   {timed(lambda p=path: docx_lines(p)):.3f} s")

        print("refusals (read_draft / read_table until the one-line message):")
        bomb = numbered_docx(tmp / "letters.docx", "upperLetter", 100_000_000, items=200)
        print(f"  w:start=100000000   {timed(lambda: read_draft(bomb)):.3f} s")
        head = document_xml("<w:p/>")[: document_xml("<w:p/>").index(b"<w:p/>")]
        chunks = [head] + [b"<w:p/>" + b" " * (1 << 20)] * 70 + [b"</w:body></w:document>"]
        big = rewrite_zip(base, tmp / "big.docx", {"word/document.xml": iter(chunks)})
        print(f"  70 MB document.xml  {timed(lambda: read_draft(big)):.3f} s")
        liar = rewrite_zip(base_xlsx(tmp / "x.xlsx"), tmp / "liar.xlsx", {})
        lie_about_size(liar, "xl/sharedStrings.xml", 1 << 30)
        print(f"  sharedStrings 1 GB  {timed(lambda: _table(liar)):.3f} s")


def _table(path: Path) -> None:
    from consultation.tabular import CommentImportError

    try:
        read_table(path)
    except CommentImportError:
        pass


if __name__ == "__main__":
    main()
