"""Tester C's consultation faults, each as a kind: portal name columns, contact details never
shown, near-duplicates with different numbers or targets kept apart, group numbers, targets."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.app_runner import run_app
from tests.consultation.drafts import sample_draft
from tests.consultation.test_import import write_xlsx


def _library(tmp_path: Path, corpus: Path) -> str:
    db = str(tmp_path / "lib.sqlite3")
    proc = run_app("import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"))
    assert proc.returncode == 0, proc.stderr
    return db


def _summary_texts(tmp_path: Path, db: str) -> tuple[str, str]:
    out = tmp_path / "汇总表.docx"
    xlsx = tmp_path / "汇总表.xlsx"
    proc = run_app(
        "comments", "summary", "--db", db, "--regulation", "1",
        "--docx", str(out), "--xlsx", str(xlsx),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(str(out))
    words = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ) + "\n".join(p.text for p in document.paragraphs)
    book = openpyxl.load_workbook(xlsx, read_only=True)
    cells = "\n".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        if v is not None
    )
    return words, cells


def test_portal_submitter_column_is_the_name_and_phones_never_reach_the_summary(
    tmp_path: Path, corpus: Path
) -> None:
    db = _library(tmp_path, corpus)
    headers = ["序号", "提交人", "联系方式", "条款", "意见内容", "提交时间"]
    rows = [
        [1, "王小明", "13800000001", "第五条", "建议第五条增加公众参与的规定。", "2024-05-01"],
        [2, "李红", "13800000002", "第三条", "第三条表述不清，建议细化。", "2024-05-02"],
    ]
    sheet = write_xlsx(tmp_path / "portal.xlsx", headers, rows)
    proc = run_app(
        "comments", "import", "--db", db, "--regulation", "1", str(sheet), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["columns"]["name"] == "提交人"
    words, cells = _summary_texts(tmp_path, db)
    assert "王小明" in words and "李红" in cells
    assert "1380000000" not in words and "1380000000" not in cells


def test_without_a_name_column_the_submitter_is_unsigned_never_a_phone(
    tmp_path: Path, corpus: Path
) -> None:
    db = _library(tmp_path, corpus)
    headers = ["序号", "联系人电话", "电子邮箱", "条款", "意见内容"]
    rows = [
        [1, "13800000001", "a@b.cn", "第五条", "建议第五条增加公众参与的规定。"],
        [2, "13800000002", "c@d.cn", "第三条", "第三条表述不清，建议细化。"],
    ]
    sheet = write_xlsx(tmp_path / "noname.xlsx", headers, rows)
    proc = run_app(
        "comments", "import", "--db", db, "--regulation", "1", str(sheet), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert "name" not in json.loads(proc.stdout)["columns"]
    words, cells = _summary_texts(tmp_path, db)
    for text in (words, cells):
        assert "1380000000" not in text and "a@b.cn" not in text
    assert "未署名" in cells


def test_near_duplicates_with_different_figures_are_not_grouped() -> None:
    from consultation.clustering import find_clusters, similar

    widths = [
        "建议将护堤地宽度由30米改为50米，更好地保护河道。",
        "建议将护堤地宽度由30米改为100米，更好地保护河道。",
        "建议将护堤地宽度由30米改为20米，更好地保护河道。",
        "建议将护堤地宽度由三十米改为五十米，更好地保护河道。",
    ]
    fines = [
        "建议罚款数额改为一千元以上一万元以下，加大处罚力度。",
        "建议罚款数额改为一百元以上一千元以下，加大处罚力度。",
    ]
    clusters = find_clusters(widths + fines)
    # Only the two 30→50 wordings (digits and Chinese numerals) say the same thing.
    assert [c.member_ids for c in clusters] == [[0, 3]]
    assert not similar(fines[0], fines[1]) and not similar(widths[0], widths[1])
    # Reworded campaign copies with the same figures still group.
    campaign = [
        "护堤地宽度太窄了，建议由30米改为50米。",
        "大沽河护堤地的宽度太窄，建议由30米改为50米！",
        "护堤地的宽度太窄了，建议由三十米改为五十米。",
    ]
    assert [c.member_ids for c in find_clusters(campaign)] == [[0, 1, 2]]


def test_comments_on_different_target_sets_are_not_grouped(
    tmp_path: Path, corpus: Path
) -> None:
    db = _library(tmp_path, corpus)
    text = "建议本条增加对违法行为的处罚规定，加大执法力度。"
    headers = ["序号", "姓名", "条款", "意见内容"]
    rows = [
        [1, "甲", "第十二条", text],
        [2, "乙", "第十二条", text],
        [3, "丙", "第十二条至第十四条", text],
        [4, "丁", "第十二条第一款、第二款", text],
        [5, "戊", "第十二条、第十三条", text],
        [6, "己", "第十二、十三条", text],
    ]
    sheet = write_xlsx(tmp_path / "targets.xlsx", headers, rows)
    proc = run_app(
        "comments", "import", "--db", db, "--regulation", "1", str(sheet), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_app("comments", "list", "--db", db, "--regulation", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    rows_of = listed if isinstance(listed, list) else listed["comments"]
    clusters = [r["cluster"] for r in rows_of]
    # 甲乙 on 第十二条, 戊己 on 第十二、十三条 (written two ways): two groups; 丙 and 丁 alone.
    assert clusters[0] is not None and clusters[0] == clusters[1]
    assert clusters[4] is not None and clusters[4] == clusters[5]
    assert clusters[0] != clusters[4]
    assert clusters[2] is None and clusters[3] is None
    words, _ = _summary_texts(tmp_path, db)
    assert "第十二、十三条" in words or "第十二条、第十三条" in words


def _four_paragraph_library(tmp_path: Path) -> str:
    """A 20-article draft whose 第十五条 has four 款 (as in tester C's reg.txt)."""
    lines = ["测试河道保护条例（征求意见稿）", "", "第一章　总则", ""]
    numbers = "一二三四五六七八九十"
    for n in range(1, 21):
        name = numbers[n - 1] if n <= 10 else "十" + (numbers[n - 11] if n > 10 else "")
        name = "二十" if n == 20 else name
        if n == 15:
            lines += [
                "第十五条　护堤地管理应当遵守下列规定：",
                "护堤地宽度由市人民政府确定。",
                "护堤地内禁止建设建筑物。",
                "违反前款规定的，由水行政主管部门责令改正。",
            ]
        else:
            lines.append(f"第{name}条　这是第{name}条的内容，规定河道保护的有关事项。")
    path = tmp_path / "reg.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "lib.sqlite3")
    proc = run_app("import", "--db", db, str(path))
    assert proc.returncode == 0, proc.stderr
    return db


def _decide(db: str, *selection: str) -> int:
    proc = run_app(
        "comments", "decide", "--db", db, "--regulation", "1", *selection,
        "--disposition", "采纳", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return int(json.loads(proc.stdout)["decided"])


def test_selection_by_paragraph_further_targets_missing_articles_ids_and_groups(
    tmp_path: Path,
) -> None:
    db = _four_paragraph_library(tmp_path)
    campaign = "建议护堤地宽度由市人民政府确定改为由区人民政府确定，便于管理。"
    rows = [
        [1, "甲", "第十二、十三条", "第十二条和第十三条重复，建议合并。"],
        [2, "乙", "第十五条第三款", "第三款表述过严，建议修改。"],
        [3, "丙", "第十五条第二款", "建议删除第二款。"],
        [4, "丁", "第十五条", "第十五条整体需要完善。"],
        [5, "戊", "第六十条", "建议增加第六十条规定法律责任。"],
        [6, "己", "第十五条第二款", campaign],
        [7, "庚", "第十五条第二款", campaign],
        [8, "辛", "第十五条第二款", campaign],
    ]
    sheet = write_xlsx(tmp_path / "c.xlsx", ["序号", "姓名", "条款", "意见内容"], rows)
    proc = run_app("comments", "import", "--db", db, "--regulation", "1", str(sheet))
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(
        run_app("comments", "list", "--db", db, "--regulation", "1", "--json").stdout
    )
    ids = [r["id"] for r in listed]
    # Group numbers: list --json "group" is the 汇总表's 第1组, and --cluster takes it.
    assert [r["group"] for r in listed] == [None] * 5 + [1, 1, 1]
    assert "cluster" in listed[0]  # the stored id stays, as before
    assert _decide(db, "--cluster", "1") == 3
    bad = run_app(
        "comments", "decide", "--db", db, "--regulation", "1", "--cluster", "2",
        "--disposition", "采纳",
    )  # fmt: skip
    assert bad.returncode == 1 and "第2组" in bad.stderr
    # --article 第十五条第三款: exactly the comments on that 款, not the whole 条.
    assert _decide(db, "--article", "第十五条第三款") == 1
    # --article 第十三条 also finds a comment naming it among further targets.
    assert _decide(db, "--article", "第十三条") == 1
    # A missing article that a comment names can be selected; --id picks by number.
    assert _decide(db, "--article", "第六十条") == 1
    assert _decide(db, "--id", f"{ids[2]},{ids[3]}") == 2
    bad = run_app(
        "comments", "assign", "--db", db, "--regulation", "1", "--id", "x", "--office", "甲处"
    )
    assert bad.returncode == 1 and "--id" in bad.stderr
    proc = run_app(
        "comments", "assign", "--db", db, "--regulation", "1", "--id", str(ids[1]),
        "--handler", "李四", "--json",
    )  # fmt: skip
    assert json.loads(proc.stdout)["assigned"] == 1


def test_a_sheet_past_the_row_cap_is_refused_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from consultation import tabular
    from consultation.importing import CommentImportError, import_comments
    from consultation.xlsx_stream import count_rows

    rows = [[n, "第一条", f"意见{n}"] for n in range(1, 31)]
    sheet = write_xlsx(tmp_path / "rows.xlsx", ["序号", "条款", "意见内容"], rows)
    assert count_rows(sheet, 1000) == 31 and count_rows(sheet, 10) > 10
    monkeypatch.setattr(tabular, "MAX_ROWS", 20)
    with pytest.raises(CommentImportError, match="超过 20 行的上限"):
        import_comments(sheet, sample_draft())
    monkeypatch.setattr(tabular, "MAX_ROWS", 31)
    assert import_comments(sheet, sample_draft()).imported == 30


def test_an_unwritable_xlsx_path_is_one_clean_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = str(tmp_path / "lib.sqlite3")
    reg = tmp_path / "reg.txt"
    reg.write_text("测试条例\n\n第一条　内容。\n第二条　内容。\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    app = [sys.executable, str(root / "app.py")]
    assert subprocess.run([*app, "import", "--db", db, str(reg)], check=False).returncode == 0
    # A real process: the tracebacks came from generators collected at interpreter exit.
    proc = subprocess.run(
        [*app, "comments", "summary", "--db", db, "--regulation", "1",
         "--xlsx", str(tmp_path / "no_such_dir" / "a.xlsx")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 1 and proc.stderr.startswith("错误：无法写出文件")
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
