"""Bench: in 民法典 (1,260 articles), insert an article before 第一条, renumber and rewrite every
reference, then undo; also delete and move. Target: under 50 ms for each edit and each undo.

    .venv/bin/python bench/bench_edit.py [FILE]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.checks import run_checks  # noqa: E402
from drafting.editing import DeleteUnit, EditSession, insert_before, move_down, new_unit  # noqa: E402
from drafting.model import UnitKind  # noqa: E402
from drafting.numbering import compute_numbers  # noqa: E402
from drafting.parse import parse_file  # noqa: E402
from drafting.references import ReferenceIndex  # noqa: E402
from drafting.render import render_text  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "large_civil_code_2020.md"
RUNS = 7


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    t = time.perf_counter()
    draft = parse_file(path).draft
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    index = ReferenceIndex.build(draft)
    build_s = time.perf_counter() - t
    refs = index.references()
    units = sum(1 for _ in draft.walk())
    print(f"{path.name}: {len(draft.articles())} 条, {units} units, {len(refs)} references")
    print(f"parse {_ms(parse_s)}; reference index {_ms(build_s)}")
    session = EditSession(draft, index)
    original = render_text(draft)
    first = draft.articles()[0].uid
    articles = draft.articles()
    middle = articles[len(articles) // 2].uid
    middle_label = compute_numbers(draft)[middle].label

    cases = {
        "insert before 第一条": lambda: insert_before(
            draft, first, new_unit(UnitKind.ARTICLE, "新增条文。")
        ),
        f"delete {middle_label}": lambda: DeleteUnit(middle),
        f"move {middle_label} down": lambda: move_down(draft, middle),
    }
    worst = 0.0
    for name, make in cases.items():
        apply_times, undo_times, redo_times = [], [], []
        rewritten = 0
        for _ in range(RUNS):
            op = make()
            t = time.perf_counter()
            result = session.apply(op)
            apply_times.append(time.perf_counter() - t)
            rewritten = len(result.changes)
            t = time.perf_counter()
            session.undo()
            undo_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            session.redo()
            redo_times.append(time.perf_counter() - t)
            session.undo()
        assert render_text(draft) == original, "undo did not restore the text"
        a, u, r = (
            sorted(apply_times)[RUNS // 2],
            sorted(undo_times)[RUNS // 2],
            sorted(redo_times)[RUNS // 2],
        )
        worst = max(worst, a, u, r)
        print(
            f"{name}: apply {_ms(a)} ({rewritten} texts rewritten), undo {_ms(u)}, redo {_ms(r)} (median of {RUNS})"
        )
    print(f"target 50 ms: {'met' if worst < 0.05 else 'MISSED'} (worst median {_ms(worst)})")
    t = time.perf_counter()
    findings = run_checks(draft, index=session.index)
    print(f"drafting checks: {len(findings)} findings in {_ms(time.perf_counter() - t)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
