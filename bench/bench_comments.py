"""Bench: 10,000 comments (70% near-duplicates) → .xlsx → import → cluster → summary .docx.

Targets (issue 4): import under 10 s, clustering under 5 s, summary .docx under 20 s.
Run: .venv/bin/python bench/bench_comments.py [--count N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consultation.decisions import cluster_comments, decide_cluster, make_decision  # noqa: E402
from consultation.importing import import_comments  # noqa: E402
from consultation.model import Disposition  # noqa: E402
from consultation.summary import comment_lines, summarize, summary_rows  # noqa: E402
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
    import os

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    args = parser.parse_args()
    rng = random.Random(4)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_comments_"))
    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder / "comments.xlsx"
    draft = bench_draft()

    t = time.perf_counter()
    write_sheet(sheet, args.count, rng)
    print(
        f"write .xlsx ({args.count} rows, {sheet.stat().st_size / 1e6:.1f} MB): {time.perf_counter() - t:.2f} s"
    )

    t = time.perf_counter()
    report = import_comments(sheet, draft)
    t_import = time.perf_counter() - t
    print(f"import: {t_import:.2f} s — {report.text()}  [target < 10 s]")
    comments = report.comments

    t = time.perf_counter()
    again = import_comments(sheet, draft, known_fingerprints={c.fingerprint for c in comments})
    print(
        f"re-import (all known): {time.perf_counter() - t:.2f} s — {again.imported} new, {len(again.skipped)} skipped"
    )

    t = time.perf_counter()
    clusters = cluster_comments(comments, draft)
    t_cluster = time.perf_counter() - t
    clustered = sum(c.count for c in clusters)
    print(
        f"cluster: {t_cluster:.2f} s — {len(clusters)} clusters holding {clustered} comments; "
        f"largest {[c.count for c in clusters[:10]]}  [target < 5 s]"
    )

    for number in range(min(5, len(clusters))):
        decide_cluster(
            comments, number, make_decision(Disposition.NOT_ADOPTED, "与上位法规定不一致", "法工委")
        )

    t = time.perf_counter()
    summary = summarize(comments, draft, recluster=False)
    rows = summary_rows(comments, draft, summary)
    out = write_summary_docx(folder / "summary.docx", summary, rows, title=draft.title)
    t_docx = time.perf_counter() - t
    print(
        f"summary .docx ({len(rows)} rows, {out.stat().st_size / 1e6:.1f} MB): {t_docx:.2f} s  [target < 20 s]"
    )

    t = time.perf_counter()
    lines = comment_lines(comments, draft, summary, rows)
    write_summary_xlsx(folder / "summary.xlsx", summary, rows, title=draft.title, lines=lines)
    print(
        f"summary .xlsx ({len(rows)} 汇总表 rows, {len(lines)} 明细 rows): "
        f"{time.perf_counter() - t:.2f} s  [bench_summary_xlsx.py: 10k and 100k, exponent]"
    )
    t = time.perf_counter()
    stored = bench_storage(folder, sheet, draft)
    print(
        f"library: import + store {stored[0]:.2f} s, recluster + store {stored[1]:.2f} s, load all {stored[2]:.2f} s"
    )
    bench_gui(folder)
    if args.keep:
        print(f"files in {folder}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    ok = t_import < 10 and t_cluster < 5 and t_docx < 20
    print("all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
