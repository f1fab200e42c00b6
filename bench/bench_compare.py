"""Time the comparison on 民法典 (1,260 articles) against a copy with 5% of its articles changed.

The copy (seed 6, deterministic): of 63 touched articles, 35 reworded, 10 deleted, 10 added and
8 moved; every article after an insertion or deletion is renumbered. Figures printed:

- compare_drafts in-process, content alignment (two files: no shared uids) and uid alignment
  (two versions of one regulation) — target under 0.25 s, alignment and all word diffs;
- the whole ``app.py compare OLD NEW --json`` process on two files in a temp folder — under 1 s;
- the 修改对照表 .docx (changed rows, and all 1,260 rows) — under 10 s;
- the tracked-changes 修改稿 .docx and the 修改决定 text, for the record;
- the whole ``app.py compare OLD NEW --json --decision-text OUT.txt`` process (comparison and
  修改决定) — under 1 s; and ``app.py amend OLD DECISION --out NEW.md --json`` (reading the
  decision and applying it to 民法典) — under 1 s, checked to give the new text's words.

Run from the project root: .venv/bin/python bench/bench_compare.py
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.compare.articles import compare_drafts  # noqa: E402
from drafting.compare.decision import amendment_decision  # noqa: E402
from drafting.model.numbering import article_body  # noqa: E402
from drafting.model.units import Draft, Unit, UnitKind, new_uid  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from drafting.write.comparison_docx import comparison_table_docx, tracked_draft_docx  # noqa: E402
from drafting.write.plain_text import render_text  # noqa: E402

CIVIL_CODE = ROOT.parent / "shared" / "corpus" / "large_civil_code_2020.md"
SEED = 6
WORDS = ["依法", "及时", "有关部门", "但是法律另有规定的除外", "应当", "书面"]


def edited_copy(code: Draft, *, keep_uids: bool) -> tuple[Draft, dict[str, int]]:
    """A copy of ``code`` with 5% of its articles reworded, deleted, added or moved."""
    rng = random.Random(SEED)
    new = code.clone()
    if not keep_uids:
        for unit in new.walk():
            unit.uid = new_uid()
    parents = {u.uid: p for u, p in new.walk_with_parents()}
    arts = new.articles()
    touched = rng.sample(range(len(arts)), 63)
    counts = {"reworded": 35, "deleted": 10, "added": 10, "moved": 8}
    plan = ["reworded"] * 35 + ["deleted"] * 10 + ["added"] * 10 + ["moved"] * 8

    def siblings(unit: Unit) -> list[Unit]:
        parent = parents[unit.uid]
        return new.units if parent is None else parent.children

    for index, action in zip(touched, plan, strict=True):
        unit = arts[index]
        if action == "reworded":
            para = unit.children[0]
            cut = rng.randrange(1, max(2, len(para.text) - 1))
            para.text = para.text[:cut] + rng.choice(WORDS) + para.text[cut + 2 :]
        elif action == "deleted":
            siblings(unit).remove(unit)
        elif action == "added":
            added = Unit(
                UnitKind.ARTICLE,
                children=[
                    Unit(
                        UnitKind.PARAGRAPH,
                        text=f"新增第{index}号条文：有关部门应当依法履行监督管理职责。",
                    )
                ],
            )
            sibs = siblings(unit)
            sibs.insert(sibs.index(unit) + 1, added)
            parents[added.uid] = parents[unit.uid]
        else:
            target = arts[(index + rng.randrange(20, 200)) % len(arts)]
            if target is unit or target not in siblings(target):
                continue
            siblings(unit).remove(unit)
            sibs = siblings(target)
            sibs.insert(sibs.index(target) + 1, unit)
            parents[unit.uid] = parents[target.uid]
    return new, counts


def words(draft: Draft) -> list[str]:
    """The headings and every article word for word (punctuation as printed), in order."""
    return [
        u.heading if u.kind.is_heading else article_body(u)
        for u in draft.walk()
        if u.kind.is_heading or u.kind is UnitKind.ARTICLE
    ]


def best_of(n: int, job: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of ``n`` runs (seconds) and the last result."""
    best = float("inf")
    result = None
    for _ in range(n):
        start = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    code = parse_file(CIVIL_CODE).draft
    print(f"民法典: {len(code.articles())} 条")
    for keep_uids in (False, True):
        new, counts = edited_copy(code, keep_uids=keep_uids)
        seconds, comparison = best_of(5, partial(compare_drafts, code, new))
        mode = "by uid    " if keep_uids else "by content"
        found = {k: v for k, v in comparison.summary.items() if v}
        print(f"compare_drafts {mode}: {seconds * 1000:7.1f} ms (target < 250 ms)  {found}")
    print(f"  edits made: {counts} (a move next to another edit may read as modified)")

    new, _ = edited_copy(code, keep_uids=False)
    comparison = compare_drafts(code, new)
    with tempfile.TemporaryDirectory() as tmp:
        old_file, new_file = Path(tmp) / "old.txt", Path(tmp) / "new.txt"
        old_file.write_text(render_text(code), encoding="utf-8")
        new_file.write_text(render_text(new), encoding="utf-8")
        command = [
            sys.executable,
            str(ROOT / "app.py"),
            "compare",
            str(old_file),
            str(new_file),
            "--json",
        ]
        seconds, result = best_of(
            3, lambda: subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        )
        data = json.loads(result.stdout)
        print(
            f"app.py compare process: {seconds * 1000:7.1f} ms (target < 1000 ms), {len(data['pairs'])} pairs"
        )

        out = Path(tmp) / "table.docx"
        seconds, _ = best_of(3, lambda: comparison_table_docx(comparison, out))
        print(
            f"修改对照表 .docx, changed rows ({len(comparison.changes)}): {seconds * 1000:7.1f} ms (target < 10 s)"
        )
        seconds, _ = best_of(
            1,
            lambda: comparison_table_docx(
                comparison, out, include_renumbered=True, include_unchanged=True
            ),
        )
        print(
            f"修改对照表 .docx, all {len(comparison.pairs)} rows: {seconds * 1000:7.1f} ms (target < 10 s)"
        )
        seconds, _ = best_of(
            1, lambda: tracked_draft_docx(comparison, new, Path(tmp) / "tracked.docx")
        )
        print(f"修改稿 .docx with tracked changes: {seconds * 1000:7.1f} ms")
        seconds, text = best_of(3, lambda: amendment_decision(comparison))
        print(f"修改决定 text: {seconds * 1000:7.1f} ms, {len(text.splitlines())} lines")

        decision = Path(tmp) / "decision.txt"
        command = [*command, "--decision-text", str(decision)]
        seconds, result = best_of(
            3, lambda: subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        )
        print(
            f"app.py compare --decision-text process: {seconds * 1000:7.1f} ms (target < 1000 ms), "
            f"{len(decision.read_text(encoding='utf-8').splitlines())} lines"
        )
        amended = Path(tmp) / "amended.md"
        amend = [
            sys.executable,
            str(ROOT / "app.py"),
            "amend",
            str(old_file),
            str(decision),
            "--out",
            str(amended),
            "--json",
        ]
        seconds, result = best_of(
            3, lambda: subprocess.run(amend, capture_output=True, cwd=ROOT, check=True)
        )
        data = json.loads(result.stdout)
        same = words(parse_file(amended).draft) == words(new)
        print(
            f"app.py amend process: {seconds * 1000:7.1f} ms (target < 1000 ms), "
            f"{len(data['applied'])} applied, {len(data['failed'])} failed, "
            f"gives the new text: {same}"
        )


if __name__ == "__main__":
    main()
