"""Figures for the 保存冲突 merge on the 1,260-article 民法典: the base snapshot autosave takes
after every save, and a three-way merge with one conflicting unit.

    .venv/bin/python bench/conflict_merge.py
"""

from __future__ import annotations

import time
from pathlib import Path

from drafting.edit.conflict import Resolution, Snapshot, merge, resolve
from drafting.model.units import UnitKind
from drafting.read.files import read_draft

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def best(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    draft = read_draft(CORPUS / "large_civil_code_2020.md").draft
    units = sum(1 for _ in draft.walk())
    print(f"民法典：{len(draft.articles())} 条，{units} 个单元")
    print(f"基准快照 Snapshot.of：{best(lambda: Snapshot.of(draft)):.1f} ms")
    base = Snapshot.of(draft)
    mine, theirs = draft.clone(), draft.clone()
    paragraphs = [u for u in mine.walk() if u.kind is UnitKind.PARAGRAPH]
    paragraphs[100].text = "我改的。"
    [u for u in theirs.walk() if u.kind is UnitKind.PARAGRAPH][100].text = "对方改的。"
    [u for u in theirs.walk() if u.kind is UnitKind.PARAGRAPH][900].text = "对方另改的。"
    merged = merge(base, mine, theirs)
    print(
        f"三方合并 merge：{best(lambda: merge(base, mine, theirs)):.1f} ms，冲突 {len(merged.conflicts)} 处"
    )
    choice = {merged.conflicts[0].uid: Resolution("hand", "合并的。")}
    print(f"应用选择 resolve：{best(lambda: resolve(merged, choice)):.1f} ms")


if __name__ == "__main__":
    main()
