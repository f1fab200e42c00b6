"""`app.py comments import/summary/round/decide/list` on a real library and real files, in-process.

That these commands import no Qt is part of the one no-Qt test in tests/test_cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.app_runner import run_app
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx


def test_import_then_summary(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    proc = run_app(
        "import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    regulation = str(json.loads(proc.stdout)["regulation"])
    campaign = [[7 + n, "", "", "", "第十二条", "反对第十二条！", "", ""] for n in range(3)]
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS + campaign)
    proc = run_app(
        "comments", "import", "--db", db, "--regulation", regulation, str(sheet), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["imported"] == 8 and data["skipped"] == [{"row": 6, "reason": "意见内容为空"}]
    assert data["clusters"] == 1
    again = run_app(
        "comments", "import", "--db", db, "--regulation", regulation, str(sheet), "--json"
    )
    assert json.loads(again.stdout)["imported"] == 0
    out = tmp_path / "汇总表.docx"
    proc = run_app(
        "comments",
        "summary",
        "--db",
        db,
        "--regulation",
        regulation,
        "--docx",
        str(out),
        "--xlsx",
        str(tmp_path / "汇总表.xlsx"),
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {
        "total": 8,
        "by_source": {"社会公众": 6, "人大代表": 1, "政府部门": 1},
        "by_disposition": {"未处理": 8},
        "clusters": 1,
        "by_article": {"总体": 1, "第五条": 1, "第十二条": 5, "第三十条": 1},
    }
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[1].cells][1] == "总体"
    assert (tmp_path / "汇总表.xlsx").stat().st_size > 0


def test_mapping_and_errors(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    run_app("import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"))
    sheet = write_xlsx(
        tmp_path / "odd.xlsx", ["编号", "位置", "正文"], [[1, "第三条", "建议修改。"]]
    )
    proc = run_app("comments", "import", "--db", db, "--regulation", "1", str(sheet))
    assert proc.returncode == 1 and proc.stderr.startswith("错误：未能识别意见内容所在的列")
    proc = run_app(
        "comments",
        "import",
        "--db",
        db,
        "--regulation",
        "1",
        str(sheet),
        "--map",
        "意见=正文,条款=位置",
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["imported"] == 1
    proc = run_app(
        "comments", "import", "--db", db, "--regulation", "99", str(sheet), "--map", "意见=正文"
    )
    assert proc.returncode == 1 and "99" in proc.stderr and "Traceback" not in proc.stderr
    bad = tmp_path / "old.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    proc = run_app("comments", "import", "--db", db, "--regulation", "1", str(bad))
    assert proc.returncode == 1 and "旧版 Excel" in proc.stderr


def test_summary_of_a_missing_regulation_is_one_clean_error(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    proc = run_app("comments", "summary", "--db", str(db), "--regulation", "1", "--json")
    # No regulation 1 in an empty library: a clean error.
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("错误：找不到")


def test_round_and_bulk_decisions(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    run_app("import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"))
    proc = run_app(
        "comments",
        "round",
        "--db",
        db,
        "--regulation",
        "1",
        "--audience",
        "社会公众",
        "--title",
        "公开征求意见",
        "--start",
        "2024-05-01",
        "--end",
        "2024-05-31",
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    round_id = json.loads(proc.stdout)["id"]
    campaign = [[7 + n, "", "", "", "第十二条", "反对第十二条！", "", ""] for n in range(3)]
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS + campaign)
    proc = run_app(
        "comments", "import", "--db", db, "--regulation", "1", "--round", str(round_id), str(sheet)
    )
    assert proc.returncode == 0, proc.stderr
    proc = run_app(
        "comments",
        "decide",
        "--db",
        db,
        "--regulation",
        "1",
        "--cluster",
        "1",  # the group number the 汇总表 prints (第1组)
        "--disposition",
        "未采纳",
        "--reason",
        "与上位法不一致",
        "--by",
        "法工委",
        "--json",
    )
    assert json.loads(proc.stdout) == {"decided": 3, "disposition": "未采纳"}
    proc = run_app(
        "comments",
        "decide",
        "--db",
        db,
        "--regulation",
        "1",
        "--article",
        "第十二条",
        "--undecided",
        "--disposition",
        "部分采纳",
        "--reason",
        "已吸收其合理部分",
        "--json",
    )
    assert json.loads(proc.stdout)["decided"] == 2  # 张三 on 第十二条, 李四 on its 第二款
    proc = run_app(
        "comments",
        "decide",
        "--db",
        db,
        "--regulation",
        "1",
        "--article",
        "总体",
        "--disposition",
        "采纳",
        "--json",
    )
    assert json.loads(proc.stdout)["decided"] == 1
    proc = run_app(
        "comments", "summary", "--db", db, "--regulation", "1", "--round", str(round_id), "--json"
    )
    assert json.loads(proc.stdout)["by_disposition"] == {
        "采纳": 1,
        "部分采纳": 2,
        "未采纳": 3,
        "未处理": 2,
    }
    proc = run_app("comments", "decide", "--db", db, "--regulation", "1", "--disposition", "随便")
    assert proc.returncode == 1 and "可选：采纳" in proc.stderr
    # Without a filter nothing is decided unless --all says so: earlier decisions stay.
    proc = run_app("comments", "decide", "--db", db, "--regulation", "1", "--disposition", "采纳")
    assert proc.returncode == 1 and "--all" in proc.stderr
    proc = run_app(
        "comments", "summary", "--db", db, "--regulation", "1", "--round", str(round_id), "--json"
    )
    assert json.loads(proc.stdout)["by_disposition"]["未采纳"] == 3
    proc = run_app(
        "comments", "decide", "--db", db, "--regulation", "1", "--article", "第九十九条",
        "--disposition", "采纳",
    )  # fmt: skip
    assert proc.returncode == 1 and "没有“第九十九条”" in proc.stderr


def test_list_shows_anchor_states_in_a_later_version(tmp_path: Path, corpus: Path) -> None:
    from storage.library import Library

    db = tmp_path / "lib.sqlite3"
    run_app("import", "--db", str(db), str(corpus / "local_jinan_historic_city_2020.md"))
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS)
    assert (
        run_app("comments", "import", "--db", str(db), "--regulation", "1", str(sheet)).returncode
        == 0
    )
    with Library.open(db) as library:
        later = library.new_working_draft(1)
        draft = library.load_draft(later.id)
        fifth = draft.articles()[4]
        for chapter in draft.units:  # delete 第五条 in the later version
            if fifth in chapter.children:
                chapter.children.remove(fifth)
        library.save_draft(later.id, draft)
    proc = run_app(
        "comments",
        "list",
        "--db",
        str(db),
        "--regulation",
        "1",
        "--version",
        str(later.id),
        "--json",
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["anchor"] for r in rows] == ["已对应", "已对应", "已对应", "已对应", "条文已删除"]
    assert rows[0]["target"] == "第十一条"  # 第十二条 renumbered after the deletion
    assert rows[4]["anchor_note"] == "意见所针对的条文在本稿中已删除"
