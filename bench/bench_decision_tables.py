"""Time the 修改决定 and ``amend`` on 民法典 when articles hold tables that change.

The 民法典 (1,260 articles) given a table in 60 articles (seed 11: 3-6 rows, 2-4 columns, some
merged cells), then the 5% edits of ``bench_compare`` (seed 6) and, in 40 of the tables, cells
changed, rows added or deleted, a column added or cells merged. Figures printed:

- ``amendment_decision`` in-process, and how many table clauses it drafted;
- ``apply_decision`` in-process on the decision read back, checked to give the new text with
  every table and span;
- the whole ``app.py compare OLD NEW --json --decision-text OUT.txt`` and ``app.py amend OLD
  DECISION --out NEW.md --json`` processes on .txt files (tables as | a | b | lines; spans are
  not kept by a plain text file, so the files carry tables without merged cells) — each under
  1 s, the target of ``bench_compare``.

Run from the project root: .venv/bin/python bench/bench_decision_tables.py
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_compare import CIVIL_CODE, best_of, edited_copy  # noqa: E402

from drafting.amend.apply import apply_decision  # noqa: E402
from drafting.amend.instructions import TABLE_ACTIONS  # noqa: E402
from drafting.amend.read import read_decision  # noqa: E402
from drafting.compare.articles import compare_drafts  # noqa: E402
from drafting.compare.decision import amendment_decision  # noqa: E402
from drafting.compare.decision_tables import quoted_body  # noqa: E402
from drafting.model.matter import Cell, Table  # noqa: E402
from drafting.model.units import Draft, UnitKind  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from drafting.write.plain_text import render_text  # noqa: E402

WORDS = ["门票", "100元", "年票", "300元", "每人每次", "免费", "儿童", "成人", "暂定", "标准"]


def _table(rng: random.Random, spans: bool) -> Table:
    width = rng.randint(2, 4)
    rows = [[Cell(rng.choice(WORDS)) for _ in range(width)] for _ in range(rng.randint(3, 6))]
    if spans:
        rows[0][:2] = [Cell(rows[0][0].text, col_span=2)]
    return Table(rows)


def with_tables(code: Draft, spans: bool) -> Draft:
    rng = random.Random(11)
    out = code.clone()
    for a in rng.sample(out.articles(), 60):
        last = a.children[-1]
        if not last.children and last.table is None:
            last.table = _table(rng, spans)
    return out


def edit_tables(new: Draft, spans: bool) -> None:
    rng = random.Random(12)
    held = [p for a in new.articles() for p in a.children if p.table is not None]
    for p in rng.sample(held, min(40, len(held))):
        assert p.table is not None
        rows = [list(r) for r in p.table.rows]
        op = rng.choice(("cell", "cell", "add", "delete", "column", "merge" if spans else "cell"))
        if op == "cell":
            r = rng.randrange(1, len(rows))
            rows[r][-1] = Cell(rows[r][-1].text + "以上")
        elif op == "add":
            rows.insert(rng.randint(1, len(rows)), [Cell(rng.choice(WORDS)) for _ in rows[-1]])
        elif op == "delete":
            del rows[rng.randrange(1, len(rows))]
        elif op == "column":
            rows = [[*r, Cell(rng.choice(WORDS))] for r in rows]
        else:
            rows[-1][:2] = [Cell(rows[-1][0].text, col_span=2)]
        p.table = Table(rows)


def state(d: Draft) -> list[object]:
    return [
        (quoted_body(u), [p.table for p in u.children])
        for u in d.walk()
        if u.kind is UnitKind.ARTICLE
    ]


def main() -> None:
    code = parse_file(CIVIL_CODE).draft
    old = with_tables(code, spans=True)
    new, _ = edited_copy(old, keep_uids=False)
    edit_tables(new, spans=True)
    comparison = compare_drafts(old, new)
    seconds, text = best_of(3, lambda: amendment_decision(comparison))
    read = read_decision(text)
    tables = sum(1 for i in read.instructions if i.action in TABLE_ACTIONS)
    print(
        f"修改决定 text (民法典, 60 tables, 40 changed): {seconds * 1000:7.1f} ms, "
        f"{len(text.splitlines())} lines, {tables} table clauses, {len(read.unread)} unread"
    )
    seconds, result = best_of(3, lambda: apply_decision(old, read))
    same = state(result.draft) == state(new)
    print(
        f"apply_decision: {seconds * 1000:7.1f} ms, {len(result.applied)} applied, "
        f"{len(result.failed)} failed, gives the new text with its tables and spans: {same}"
    )

    plain_old = with_tables(code, spans=False)
    plain_new, _ = edited_copy(plain_old, keep_uids=False)
    edit_tables(plain_new, spans=False)
    with tempfile.TemporaryDirectory() as tmp:
        old_file, new_file = Path(tmp) / "old.txt", Path(tmp) / "new.txt"
        old_file.write_text(render_text(plain_old), encoding="utf-8")
        new_file.write_text(render_text(plain_new), encoding="utf-8")
        decision = Path(tmp) / "decision.txt"
        app = [sys.executable, str(ROOT / "app.py")]
        compare = [*app, "compare", str(old_file), str(new_file), "--json"]
        compare += ["--decision-text", str(decision)]
        seconds, result = best_of(
            3, lambda: subprocess.run(compare, capture_output=True, cwd=ROOT, check=True)
        )
        warnings = json.loads(result.stdout).get("warnings", [])
        print(
            f"app.py compare --decision-text process: {seconds * 1000:7.1f} ms (target < 1000 ms), "
            f"{len(warnings)} warnings"
        )
        amended = Path(tmp) / "amended.md"
        amend = [*app, "amend", str(old_file), str(decision), "--out", str(amended), "--json"]
        seconds, result = best_of(
            3, lambda: subprocess.run(amend, capture_output=True, cwd=ROOT, check=True)
        )
        data = json.loads(result.stdout)
        table_items = sum(1 for a in data["applied"] if "表格" in a)
        same = state(parse_file(amended).draft) == state(parse_file(new_file).draft)
        print(
            f"app.py amend process: {seconds * 1000:7.1f} ms (target < 1000 ms), "
            f"{len(data['applied'])} applied ({table_items} table clauses), "
            f"{len(data['failed'])} failed, gives the new text: {same}"
        )


if __name__ == "__main__":
    main()
