"""Bench: the summary .xlsx (意见汇总表, 意见明细, 统计 with charts) at 10,000 and 100,000 comments.

Comments as a national consultation brings them (70% near-duplicates of ten campaigns, grouped
as stored after import; some decided), against an 80-article draft. Prints, per size, the time
to make the summary and rows (``stored_summary``, what both doors call) and to write the .xlsx,
wall and CPU, then the growth exponent of the .xlsx write (1.0 is linear).

Target (issue 14): the summary .xlsx for 100,000 comments under 30 s on a 2-core machine.
Run: .venv/bin/python bench/bench_summary_xlsx.py [--sizes 10000 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_comments import CAMPAIGNS, bench_draft, distinct, variant  # noqa: E402

from consultation.draft_index import DraftIndex  # noqa: E402
from consultation.model import (  # noqa: E402
    Channel,
    Comment,
    Decision,
    Disposition,
    Source,
    Submitter,
    Target,
)
from consultation.summary import stored_summary  # noqa: E402
from consultation.summary_xlsx import write_summary_xlsx  # noqa: E402

TARGET_S = 30.0


def make_comments(count: int, index: DraftIndex, rng: random.Random) -> list[Comment]:
    """``count`` comments: 70% campaign variants (one stored group per campaign), the rest
    distinct; a tenth decided; a few formula-like texts among them."""
    articles = [a.uid for a in index.articles]
    comments: list[Comment] = []
    duplicates = int(count * 0.7)
    for n in range(1, count + 1):
        if n <= duplicates:
            c = rng.randrange(len(CAMPAIGNS))
            text, uid, cluster = variant(CAMPAIGNS[c], rng), articles[c * 7 + 2], c + 1
        else:
            text, uid, cluster = distinct(n, rng), rng.choice([None, *articles]), None
        if n % 997 == 0:
            text = '=HYPERLINK("http://example.invalid","' + text + '")'
        decision = (
            Decision(rng.choice(list(Disposition)), "与上位法规定不一致", "法工委")
            if n % 10 == 0
            else None
        )
        comments.append(
            Comment(
                content=text,
                source=rng.choice([Source.PUBLIC] * 8 + [Source.DEPUTY, Source.EXPERT]),
                submitter=Submitter(rng.choice(["", "", "张三", "李四", f"市民{n}"])),
                channel=Channel.WEBSITE,
                date=dt.date(2024, 5, rng.randint(1, 30)),
                target=Target(uid),
                cluster_id=cluster,
                decision=decision,
                origin=f"comments.xlsx 第{n + 1}行",
                id=n,
            )
        )
    return comments


def run(count: int, folder: Path) -> tuple[float, float]:
    """Print and return (wall, cpu) seconds of the .xlsx write for ``count`` comments."""
    draft = bench_draft()
    comments = make_comments(count, DraftIndex(draft), random.Random(count))
    wall, cpu = time.perf_counter(), time.process_time()
    summary, rows = stored_summary(comments, draft)
    made = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    out = write_summary_xlsx(folder / f"summary_{count}.xlsx", summary, rows, title=draft.title)
    wrote = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{count:>7} comments: summary + rows + lines {made[0]:.2f} s (cpu {made[1]:.2f} s); "
        f"summary .xlsx ({len(rows)} 汇总表 rows, {len(summary.lines)} 明细 rows, "
        f"{out.stat().st_size / 1e6:.1f} MB) {wrote[0]:.2f} s (cpu {wrote[1]:.2f} s)"
    )
    return wrote


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_xlsx_"))
    folder.mkdir(parents=True, exist_ok=True)
    times = {n: run(n, folder) for n in args.sizes}
    sizes = sorted(times)
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for kind, i in (("wall", 0), ("cpu", 1)):
            exponent = math.log(times[large][i] / times[small][i]) / math.log(large / small)
            print(f"growth exponent ({kind}) {small} → {large}: {exponent:.2f}")
    largest = times[sizes[-1]][0]
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    ok = largest < TARGET_S or sizes[-1] < 100_000
    print(f"summary .xlsx at {sizes[-1]}: {largest:.1f} s  [target < {TARGET_S:.0f} s at 100,000]")
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
