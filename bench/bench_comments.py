"""Bench: comments (70% near-duplicates) → .xlsx → import → group → summary → table → decide.

Issue 14 targets at 100,000 comments on this 2-core machine: import from .xlsx under 20 s with
peak memory under 400 MB, grouping under 15 s, summary .docx under 30 s, the comments table open
under 2 s, a decision on a whole group (5,000+ comments) under 1 s.

Run: .venv/bin/python bench/bench_comments.py [--counts 10000 100000] [--keep DIR]
Each size runs in its own process (so peak memory is its own) through the library, as both
doors do; the closing table gives the sizes side by side and the growth exponent
log(t_big / t_small) / log(n_big / n_small) (1 = linear, 2 = quadratic).
The old single-size run of the pure functions: --count N --functions.

Measured 2026-12-01 03:10 UTC on this machine while ~7 other jobs ran (load average 6.3 on 2
cores, so every figure is inflated 2-3 times; s = seconds):

                                        10,000     100,000    growth  target
    import .xlsx → library (s)            4.90       40.95      0.92   < 20  (12.6 at load ~3)
      peak memory after import (MB)      92.64      108.41             < 400
    group near-duplicates (s)             2.31       25.06      1.03   < 15  (7.4 at load ~3)
    summary .docx (s)                     2.39       17.02      0.85   < 30
    summary .xlsx (s)                     5.90       40.08      0.83   < 30  (23.5 at load ~4)
    comments table open (s)               0.21        0.55      0.41   < 2
      a filter (article/search/state)     0.11        0.12      0.04   < 1
      scroll step, median (s)             0.04        0.02             < 0.1
      scroll step, worst (s)              0.10        0.13
    decide the largest group (s)          0.14        0.71      0.70   < 1   (7,002 comments)
    decide 5,000 + audit rows (s)         0.24        0.21             < 1
      undo that decision (s)              0.58        0.30             < 1
    peak memory, whole run (MB)         162        691

The table keeps only ids (storage.comment_view.CommentView, one pass in id order at open) and
reads a page of 200 rows by primary key when first shown; before (all comments turned into
rows at open) it took 2.0-3.1 s at 100k.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consultation.decisions import cluster_comments, decide_cluster, make_decision  # noqa: E402
from consultation.importing import import_comments  # noqa: E402
from consultation.model import Disposition  # noqa: E402
from consultation.summary import summarize, summary_rows  # noqa: E402
from consultation.summary_docx import write_summary_docx  # noqa: E402
from consultation.summary_xlsx import write_summary_xlsx  # noqa: E402
from drafting.model.numerals import to_chinese  # noqa: E402
from drafting.model.units import Draft, Unit, UnitKind  # noqa: E402

CAMPAIGNS = [
    "建议将古城内机动车限行时间由早七点至晚九点调整为早八点至晚八点，方便居民出行和经营。",
    "强烈要求保留古城墙下的早市，早市是老百姓生活的一部分，取消后买菜很不方便。",
    "建议对古城内的历史建筑修缮给予财政补贴，个人承担费用过高，无力修缮。",
    "第十二条禁止在古城内新建高层建筑，建议明确高层的具体高度标准，避免执法随意。",
    "建议增加对古城内居民停车问题的规定，划定居民专用停车位，解决停车难。",
    "希望在条例中明确古城保护资金的来源和使用监督，定期向社会公开资金使用情况。",
    "反对拆除南门外的老街区，老街区承载了几代人的记忆，应当整体保护而不是拆迁重建。",
    "建议把游客承载量控制写入条例，旅游旺季实行预约入城，保护古城环境和居民生活。",
    "建议明确古树名木的保护责任主体，对损害古树名木的行为加大处罚力度。",
    "关于商铺招牌的规定过于严格，建议允许保留具有历史特色的老字号招牌样式。",
]
TOPICS = [
    "垃圾分类",
    "公共厕所",
    "消防通道",
    "夜间噪声",
    "排水管网",
    "电动车充电",
    "无障碍设施",
    "导览标识",
    "文物普查",
    "非遗传承",
    "社区养老",
    "学校周边",
    "绿化养护",
    "照明设施",
    "街巷命名",
    "房屋租赁",
    "民宿管理",
    "摊贩管理",
    "宠物管理",
    "外墙色彩",
]
ASKS = ["建议增加", "建议明确", "建议删除", "建议修改", "希望细化", "请考虑补充", "应当规定"]
DETAILS = [
    "责任部门和办理时限",
    "具体标准和检查办法",
    "违规行为的罚款幅度",
    "居民参与的途径",
    "专项资金的保障方式",
    "定期评估和公开的要求",
    "与相关规划的衔接",
    "志愿者参与的激励措施",
    "执法程序和救济途径",
    "对困难家庭的扶持办法",
    "第三方评估的规则",
    "信息公开的范围",
]
PUNCT = "，。；、！？"


def variant(text: str, rng: random.Random) -> str:
    """A near-duplicate: punctuation/space/width changes and a few characters edited."""
    chars = list(text)
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[i] = rng.choice("的了和在对是也都很")
        elif op < 0.7:
            chars.insert(i, rng.choice("我们都非常"))
        elif len(chars) > 10:
            del chars[i]
    out = "".join(chars)
    if rng.random() < 0.3:
        out = out.replace("，", ",").replace("。", ".")
    if rng.random() < 0.3:
        out = " ".join(out[i : i + 7] for i in range(0, len(out), 7))
    if rng.random() < 0.2:
        out = rng.choice(["我认为", "本人", "个人意见："]) + out
    if rng.random() < 0.2:
        out += rng.choice(["谢谢！", "望采纳。", "!!!"])
    return out


def distinct(n: int, rng: random.Random) -> str:
    """A comment that is its own: a topic, an ask and details in a fresh combination."""
    topic = rng.choice(TOPICS)
    parts = [f"关于{topic}问题，{rng.choice(ASKS)}{rng.choice(DETAILS)}"]
    for _ in range(rng.randint(1, 3)):
        parts.append(f"{rng.choice(ASKS)}{rng.choice(TOPICS)}的{rng.choice(DETAILS)}")
    return "，".join(parts) + f"（意见编号{n}）" + rng.choice(PUNCT)


def bench_draft(articles: int = 80) -> Draft:
    """An 80-article draft in four chapters."""
    chapters = [Unit(UnitKind.CHAPTER, heading=h) for h in ("总则", "保护", "利用", "附则")]
    for n in range(1, articles + 1):
        article = Unit(UnitKind.ARTICLE)
        article.children.append(Unit(UnitKind.PARAGRAPH, text=f"第{n}条的规定内容。"))
        chapters[min(3, (n - 1) * 4 // articles)].children.append(article)
    return Draft(title="某市古城保护条例（征求意见稿）", units=chapters)


def write_sheet(path: Path, count: int, rng: random.Random) -> None:
    """A portal-style export: 序号 | 姓名 | 身份 | 条款 | 意见内容 | 提交时间 | 联系方式."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("意见")
    sheet.append(["序号", "姓名", "身份", "条款", "意见内容", "提交时间", "联系方式"])
    duplicates = int(count * 0.7)
    for n in range(1, count + 1):
        if n <= duplicates:
            c = rng.randrange(len(CAMPAIGNS))
            text, target = variant(CAMPAIGNS[c], rng), f"第{to_chinese(c * 7 + 3)}条"
        else:
            text = distinct(n, rng)
            target = rng.choice(
                ["总体意见", "", f"第{rng.randint(1, 80)}条", f"{rng.randint(1, 80)}"]
            )
        name = rng.choice(["", "", "张三", "李四", "王五", f"市民{n}"])
        source = rng.choice(["社会公众"] * 8 + ["人大代表", "专家学者"])
        sheet.append([n, name, source, target, text, f"2024-05-{rng.randint(1, 30):02d} 10:00", ""])
    workbook.save(str(path))


def bench_storage(folder: Path, sheet: Path, draft: Draft) -> tuple[float, float, float]:
    """The same file through the library (SQLite): import and store, recluster, load."""
    from storage.comments import CommentStore
    from storage.library import Library

    path = folder / "library.sqlite3"
    path.unlink(missing_ok=True)
    with Library.open(path) as library:
        version = library.import_draft(draft)
        store = CommentStore(library)
        t = time.perf_counter()
        store.import_file(version.regulation_id, sheet)
        t_import = time.perf_counter() - t
        t = time.perf_counter()
        store.recluster(version.regulation_id, draft)
        t_cluster = time.perf_counter() - t
        t = time.perf_counter()
        store.comments(version.regulation_id)
        t_load = time.perf_counter() - t
    return t_import, t_cluster, t_load


def bench_gui(folder: Path) -> None:
    """The 意见 table over the stored comments: load into the panel model, then scroll through
    (the model asked for every row page by page, and a real table view scrolled offscreen)."""

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from consultation.draft_index import DraftIndex
    from storage.comments import CommentStore
    from storage.library import Library
    from ui.comments.panel import CommentsPanel
    from ui.comments.table_model import build_rows

    app = QApplication.instance() or QApplication([])
    with Library.open(folder / "library.sqlite3") as library:
        regulation = library.regulations()[0]
        version = regulation.versions[0]
        draft = library.load_draft(version.id)
        t = time.perf_counter()
        comments = CommentStore(library).comments(regulation.id)
        rows = build_rows(comments, DraftIndex(draft))
        panel = CommentsPanel()
        panel.model.set_rows(rows)
        t_load = time.perf_counter() - t
    model = panel.model
    t = time.perf_counter()
    page = 40
    for start in range(0, model.rowCount(), page):
        for row in range(start, min(start + page, model.rowCount())):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                model.data(index, Qt.ItemDataRole.DisplayRole)
                model.data(index, Qt.ItemDataRole.ToolTipRole)
    t_data = time.perf_counter() - t
    panel.resize(560, 900)
    panel.show()
    app.processEvents()
    bar = panel.table.verticalScrollBar()
    pages = 0
    t = time.perf_counter()
    worst = 0.0
    for value in range(0, bar.maximum() + bar.pageStep(), bar.pageStep()):
        step = time.perf_counter()
        bar.setValue(value)
        panel.table.viewport().repaint()
        worst = max(worst, time.perf_counter() - step)
        pages += 1
    t_scroll = time.perf_counter() - t
    print(
        f"GUI: load {len(rows)} comments into the 意见 table {t_load:.2f} s; data for every row "
        f"{t_data:.2f} s; scroll {pages} pages in a table view {t_scroll:.2f} s "
        f"({t_scroll / max(pages, 1) * 1000:.1f} ms a page, worst {worst * 1000:.1f} ms)"
    )
    panel.close()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(count: int, folder: Path) -> dict[str, float]:
    """One size through the library, in this process: the figures as a dict (seconds, MB)."""

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from storage.comments import CommentStore
    from storage.library import Library

    sheet = folder / f"comments_{count}.xlsx"
    if not sheet.exists():
        write_sheet(sheet, count, random.Random(4))
    draft = bench_draft()
    figures: dict[str, float] = {"count": count}
    db = folder / f"library_{count}.sqlite3"
    db.unlink(missing_ok=True)
    with Library.open(db) as library:
        version = library.import_draft(draft)
        regulation = version.regulation_id
        store = CommentStore(library)
        before = _peak_mb()
        t = time.perf_counter()
        made = store.import_file(regulation, sheet)
        figures["import"] = time.perf_counter() - t
        figures["import_peak_mb"] = _peak_mb()
        figures["import_rss_added_mb"] = _peak_mb() - before
        t = time.perf_counter()
        clusters = store.recluster(regulation, draft)
        figures["cluster"] = time.perf_counter() - t
        figures["groups"] = len(clusters)
        figures["largest_group"] = clusters[0].count if clusters else 0
        assert made.report.imported == count, made.report.text()

        t = time.perf_counter()
        stored = store.summary(regulation, version.id)
        out = write_summary_docx(
            folder / f"summary_{count}.docx", stored.summary, stored.rows, title=stored.title
        )
        figures["summary_docx"] = time.perf_counter() - t
        figures["summary_rows"] = len(stored.rows)
        t = time.perf_counter()
        stored = store.summary(regulation, version.id)
        write_summary_xlsx(
            folder / f"summary_{count}.xlsx", stored.summary, stored.rows, title=stored.title
        )
        figures["summary_xlsx"] = time.perf_counter() - t
        del stored, out

        from PySide6.QtWidgets import QApplication

        from consultation.comment_rows import RowFilter
        from storage.comment_view import CommentView
        from ui.comments.panel import CommentsPanel

        app = QApplication.instance() or QApplication([])
        panel = CommentsPanel()
        panel.resize(900, 700)
        panel.show()
        app.processEvents()
        # What CommentsController.reload does: ids, distinct targets anchored, group sizes,
        # the assignee list and the outline's counts; the first page drawn.
        t = time.perf_counter()
        view = CommentView(store, regulation, version.id, draft).load()
        view.assignees()
        view.article_counts()
        panel.model.set_filter(RowFilter(), view)
        app.processEvents()
        panel.table.viewport().repaint()
        figures["table_open"] = time.perf_counter() - t
        t = time.perf_counter()
        panel.model.set_filter(RowFilter(article_keys=frozenset({draft.units[0].children[2].uid})))
        panel.model.set_filter(RowFilter(text="早市"))
        panel.model.set_filter(RowFilter(pending=True))
        panel.table.viewport().repaint()
        figures["table_filters"] = (time.perf_counter() - t) / 3
        bar = panel.table.verticalScrollBar()
        steps: list[float] = []
        # 50 jumps through the table: each lands on rows never read (a page read by id).
        for value in range(0, bar.maximum() + 1, max(bar.maximum() // 50, 1)):
            step = time.perf_counter()
            bar.setValue(value)
            panel.table.viewport().repaint()
            steps.append(time.perf_counter() - step)
        steps.sort()
        figures["scroll_median_page"] = steps[len(steps) // 2]
        figures["scroll_worst_page"] = steps[-1]
        panel.close()

        group = clusters[0].member_ids if clusters else []
        # As the window does it: the group's mates found by id, decided in one audited
        # transaction, the counts read again and the table's disposition column redrawn.
        t = time.perf_counter()
        mates = view.with_cluster_mates(group[:1])
        store.decide(
            sorted(mates), make_decision(Disposition.NOT_ADOPTED, "与上位法规定不一致", "法工委")
        )
        view.reload_counts()
        panel.model.set_dispositions(mates, Disposition.NOT_ADOPTED)
        panel.table.viewport().repaint()
        figures["group_decision"] = time.perf_counter() - t
        assert len(mates) == len(group)
        figures["group_size"] = len(group)
        # Issue 14 item 4: a decision on a 5,000-comment group with its 5,000 audit rows, and
        # the undo of that batch (5,000 comments restored, 5,000 more audit rows).
        five = list(range(1, min(count, 5000) + 1))
        t = time.perf_counter()
        store.decide(five, make_decision(Disposition.PARTLY_ADOPTED, "已吸收合理部分", "法工委"))
        figures["decision_5000_audited"] = time.perf_counter() - t
        t = time.perf_counter()
        store.undo_last(regulation, "法工委")
        figures["undo_5000"] = time.perf_counter() - t
    figures["peak_mb"] = _peak_mb()
    return figures


ROWS = (
    ("import", "import .xlsx → library (s)", 20.0),
    ("import_peak_mb", "  peak memory after import (MB)", 400.0),
    ("cluster", "group near-duplicates (s)", 15.0),
    ("summary_docx", "summary .docx (s)", 30.0),
    ("summary_xlsx", "summary .xlsx (s)", 30.0),
    ("table_open", "comments table open (s)", 2.0),
    ("table_filters", "  a filter (article/search/state) (s)", 1.0),
    ("scroll_median_page", "  scroll step, median (s)", 0.1),
    ("scroll_worst_page", "  scroll step, worst (s)", 0.0),
    ("group_decision", "decide the largest group (s)", 1.0),
    ("decision_5000_audited", "decide 5,000 + audit rows (s)", 1.0),
    ("undo_5000", "  undo that decision (s)", 1.0),
    ("peak_mb", "peak memory, whole run (MB)", 0.0),
)


def side_by_side(results: list[dict[str, float]]) -> bool:
    """Print the sizes side by side with the growth exponent; True when every target is met
    at the largest size."""
    head = "".join(f"{int(r['count']):>12,}" for r in results)
    print(f"\n{'':34}{head}    growth  target")
    ok = True
    for key, label, target in ROWS:
        values = [r[key] for r in results]
        cells = "".join(f"{v:>12.2f}" for v in values)
        growth = ""
        if len(results) > 1 and values[0] > 0:
            ratio = results[-1]["count"] / results[0]["count"]
            growth = f"{math.log(max(values[-1], 1e-6) / values[0]) / math.log(ratio):8.2f}"
        met = target == 0 or values[-1] < target
        ok &= met
        print(
            f"{label:34}{cells}  {growth:>8}  {('< ' + str(target)) if target else '':>7}"
            f"{'' if met else '  MISSED'}"
        )
    last = results[-1]
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"groups {int(last['groups'])}, largest {int(last['largest_group'])}; decided group of "
        f"{int(last['group_size'])}; summary rows {int(last['summary_rows'])}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--functions", action="store_true", help="the old pure-function run")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--write", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_comments_"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.write:
        write_sheet(folder / f"comments_{args.write}.xlsx", args.write, random.Random(4))
        return 0
    if args.one:
        print(json.dumps(measure_one(args.one, folder)))
        return 0
    if args.functions:
        return functions(args.count, folder, bool(args.keep))
    results = []
    for count in args.counts:
        if not (folder / f"comments_{count}.xlsx").exists():
            # Written in a process of its own: the measuring process's peak memory is its own.
            subprocess.run(
                [sys.executable, __file__, "--write", str(count), "--keep", str(folder)], check=True
            )
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(count), "--keep", str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stdout, done.stderr)
            return 1
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{count:,} comments measured in {time.perf_counter() - t:.0f} s")
        results.append(figures)
    ok = side_by_side(results)
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


def functions(count: int, folder: Path, keep: bool) -> int:
    """The pure functions at one size (no library): import, cluster, summary .docx and .xlsx."""
    rng = random.Random(4)
    sheet = folder / "comments.xlsx"
    draft = bench_draft()
    t = time.perf_counter()
    write_sheet(sheet, count, rng)
    print(f"write .xlsx ({count} rows): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    report = import_comments(sheet, draft)
    print(f"import: {time.perf_counter() - t:.2f} s — {report.text()}")
    comments = report.comments
    t = time.perf_counter()
    clusters = cluster_comments(comments, draft)
    print(f"cluster: {time.perf_counter() - t:.2f} s — {len(clusters)} clusters")
    for number in range(min(5, len(clusters))):
        decide_cluster(
            comments, number, make_decision(Disposition.NOT_ADOPTED, "与上位法规定不一致", "法工委")
        )
    t = time.perf_counter()
    summary = summarize(comments, draft, recluster=False)
    rows = summary_rows(comments, draft, summary)
    write_summary_docx(folder / "summary.docx", summary, rows, title=draft.title)
    print(f"summary .docx ({len(rows)} rows): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    write_summary_xlsx(folder / "summary.xlsx", summary, rows, title=draft.title)
    print(f"summary .xlsx: {time.perf_counter() - t:.2f} s")
    bench_gui_ready = folder / "library.sqlite3"
    if bench_gui_ready.exists():
        bench_gui(folder)
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
