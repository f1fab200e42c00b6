"""Issue 14 item 5: comments assigned to a 处室/承办人, filtered by assignee and state, the 汇总表
per assignee — in the store (SQLite and PostgreSQL) and through app.main."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from consultation.audit import AuditAction, state_text
from consultation.decisions import checked_decision
from consultation.model import Comment, Disposition, Target
from storage.comments import CommentStore
from storage.library import Library
from tests.app_runner import run_app
from tests.consultation.drafts import sample_draft
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx


@pytest.fixture
def library(db_url: str):  # type: ignore[no-untyped-def]
    with Library.open(db_url) as lib:
        yield lib


def test_assign_filter_and_record(library: Library) -> None:
    version = library.import_draft(sample_draft())
    reg = version.regulation_id
    store = CommentStore(library)
    ids = store.add_comments(reg, [Comment(f"意见{i}", target=Target("a12")) for i in range(4)])
    assert store.assign(ids[:2], "城建处", "王五", by="赵六") == 2
    assert store.assign(ids[2:3], "法规处", by="赵六") == 1
    assert store.assign(ids[1:2], handler="", by="赵六") == 1  # 承办人 cleared, 处室 kept
    assert [c.id for c in store.comments(reg, assignee="城建处")] == ids[:2]
    assert [c.id for c in store.comments(reg, assignee="王五")] == ids[:1]
    assert store.assignees(reg) == ["城建处", "法规处", "王五"]
    first = store.comments(reg, ids=ids[:1])[0]
    assert (first.office, first.handler, first.assignee) == ("城建处", "王五", "城建处/王五")
    store.decide(ids[:1], checked_decision(Disposition.ADOPTED, "", "王五"))
    assert [c.id for c in store.comments(reg, assignee="城建处", decided=True)] == ids[:1]
    assert [c.id for c in store.comments(reg, assignee="城建处", undecided=True)] == ids[1:2]
    trail = store.history(reg, ids[1:2])[ids[1]]
    assert [e.action for e in trail] == [AuditAction.ASSIGN, AuditAction.ASSIGN]
    assert state_text(trail[0].before) == "未分派" and trail[0].after == "城建处/王五"
    assert trail[1].after == "城建处" and trail[1].by == "赵六"
    # An assignment is not a decision: undo reverts the decision, never the assignment.
    assert store.undo_last(reg, "王五") == 1
    assert store.comments(reg, ids=ids[:1])[0].office == "城建处"


def test_assignment_on_the_command_line(tmp_path: Path, corpus: Path) -> None:
    db = str(tmp_path / "lib.sqlite3")
    run_app("import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"))
    campaign = [[7 + n, "", "", "", "第十二条", "反对第十二条！", "", ""] for n in range(3)]
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS + campaign)
    reg = ["--db", db, "--regulation", "1"]
    assert run_app("comments", "import", *reg, str(sheet)).returncode == 0
    done = run_app("comments", "assign", *reg, "--article", "第十二条")
    assert done.returncode == 1 and "--office" in done.stderr
    done = run_app("comments", "assign", *reg, "--office", "城建处")
    assert done.returncode == 1 and "--all" in done.stderr
    # A whole group (the campaign) to one person, the rest of 第十二条 to a 处室.
    done = run_app("comments", "assign", *reg, "--cluster", "1", "--handler", "王五", "--json")
    assert json.loads(done.stdout) == {"assigned": 3, "office": None, "handler": "王五"}
    done = run_app("comments", "assign", *reg, "--article", "第十二条", "--office", "城建处")
    assert done.returncode == 0 and "已将5条意见分派给城建处" in done.stdout
    listed = json.loads(run_app("comments", "list", *reg, "--assignee", "王五", "--json").stdout)
    assert len(listed) == 3 and {r["handler"] for r in listed} == {"王五"}
    assert {r["office"] for r in listed} == {"城建处"}
    done = run_app(
        "comments", "decide", *reg, "--assignee", "王五", "--disposition", "未采纳",
        "--reason", "与上位法不一致。", "--by", "王五", "--json",
    )  # fmt: skip
    assert json.loads(done.stdout)["decided"] == 3
    pending = run_app(
        "comments", "list", *reg, "--assignee", "城建处", "--state", "pending", "--json"
    )
    assert len(json.loads(pending.stdout)) == 2
    done_ = run_app("comments", "list", *reg, "--assignee", "城建处", "--state", "done", "--json")
    assert len(json.loads(done_.stdout)) == 3
    everyone = json.loads(run_app("comments", "list", *reg, "--json").stdout)
    assert len(everyone) == 8 and sum(1 for r in everyone if r["office"] == "") == 3

    # The 汇总表 of one person's queue, .docx and .xlsx.
    out, xlsx = tmp_path / "王五.docx", tmp_path / "王五.xlsx"
    done = run_app(
        "comments", "summary", *reg, "--assignee", "王五", "--docx", str(out), "--xlsx",
        str(xlsx), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["total"] == 3 and summary["by_disposition"] == {"未采纳": 3}
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "王五" in text
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert any("反对第十二条" in c for c in cells) and not any("擅自" in c for c in cells)
    import openpyxl

    book = openpyxl.load_workbook(xlsx, read_only=True)
    values = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for v in row if v is not None]  # fmt: skip
    assert any("反对第十二条" in v for v in values) and not any("擅自" in v for v in values)
