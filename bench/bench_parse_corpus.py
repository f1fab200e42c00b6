"""Parse figures: the 民法典 (target under 0.5 s) and a run over every corpus text.

Prints, per corpus file, the median parse time, articles, preamble/appendices found and the
number of warnings, then the total. Run: .venv/bin/python bench/bench_parse_corpus.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
CIVIL_CODE = CORPUS / "large_civil_code_2020.md"
TARGET_S = 0.5

from drafting.errors import ParseError  # noqa: E402
from drafting.read.parse import ParseResult, parse_file  # noqa: E402


def timed(path: Path, repeat: int) -> tuple[float, ParseResult | None]:
    """Median seconds over ``repeat`` parses, and the last result (None: not a regulation)."""
    times: list[float] = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            result = parse_file(path)
        except ParseError:
            result = None
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    civil_s, _ = timed(CIVIL_CODE, 5)
    verdict = "ok" if civil_s < TARGET_S else "TOO SLOW"
    print(f"民法典 parse: {civil_s:.3f} s (target < {TARGET_S} s) {verdict}")
    total = 0.0
    files = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.name != "README.md")
    for path in files:
        seconds, result = timed(path, 3)
        total += seconds
        if result is None:
            print(f"  {path.name:48s} {seconds:.3f} s  (not a regulation text)")
            continue
        draft = result.draft
        print(
            f"  {path.name:48s} {seconds:.3f} s  {len(draft.articles()):5d} 条"
            f"  序言 {'有' if draft.preamble else '无'}  附件 {len(draft.appendices)}"
            f"  警告 {len(result.warnings)}"
        )
    print(f"all {len(files)} corpus texts: {total:.3f} s")


if __name__ == "__main__":
    main()
