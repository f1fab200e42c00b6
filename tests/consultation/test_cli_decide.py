"""`comments decide/undo/list --history` (issue 14 item 4) through app.main in-process."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from tests.app_runner import run_app
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx


def _library(tmp_path: Path, corpus: Path) -> list[str]:
    db = str(tmp_path / "lib.sqlite3")
    run_app("import", "--db", db, str(corpus / "local_jinan_historic_city_2020.md"))
    sheet = write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS)
    done = run_app("comments", "import", "--db", db, "--regulation", "1", str(sheet))
    assert done.returncode == 0, done.stderr
    return ["--db", db, "--regulation", "1"]


def _listed(reg: list[str]) -> list[dict[str, object]]:
    done = run_app("comments", "list", *reg, "--history", "--json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_reason_pending_undo_and_history(tmp_path: Path, corpus: Path) -> None:
    reg = _library(tmp_path, corpus)
    done = run_app("comments", "decide", *reg, "--article", "第十二条", "--disposition", "未采纳")
    assert done.returncode == 1 and "“未采纳”须写明理由" in done.stderr
    done = run_app(
        "comments", "decide", *reg, "--article", "第十二条", "--disposition", "部分采纳",
        "--reason", " ",
    )  # fmt: skip
    assert done.returncode == 1 and "“部分采纳”须写明理由" in done.stderr
    done = run_app("comments", "decide", *reg, "--article", "第十二条")
    assert done.returncode == 1 and "--pending" in done.stderr
    assert all(r["history"] == [] for r in _listed(reg))  # nothing was written

    done = run_app(
        "comments", "decide", *reg, "--article", "第十二条", "--disposition", "部分采纳",
        "--reason", "已吸收其合理部分。", "--by", "王五", "--json",
    )  # fmt: skip
    assert json.loads(done.stdout) == {"decided": 2, "disposition": "部分采纳"}
    # Without --by the login name signs, as the audit shows.
    done = run_app("comments", "decide", *reg, "--article", "总体", "--disposition", "采纳")
    assert done.returncode == 0 and f"处理人：{getpass.getuser()}" in done.stdout
    rows = _listed(reg)
    on_12 = [r for r in rows if r["disposition"] == "部分采纳"]
    assert len(on_12) == 2 and on_12[0]["decided_by"] == "王五"
    history = on_12[0]["history"]
    assert isinstance(history, list) and len(history) == 1
    assert history[0]["action"] == "处理" and history[0]["by"] == "王五"
    assert (
        history[0]["before"] == "待处理" and history[0]["after"] == "部分采纳（已吸收其合理部分。）"
    )
    assert history[0]["at"]
    summary = json.loads(run_app("comments", "summary", *reg, "--json").stdout)
    assert summary["by_disposition"]["部分采纳"] == 2 and summary["by_disposition"]["采纳"] == 1

    # Undo the 总体 batch, then set 第十二条 back to 待处理.
    done = run_app("comments", "undo", *reg, "--by", "王五", "--json")
    assert json.loads(done.stdout) == {"undone": 1, "action": "处理", "by": "王五"}
    done = run_app(
        "comments", "decide", *reg, "--article", "第十二条", "--pending", "--by", "王五", "--json"
    )
    assert json.loads(done.stdout) == {"decided": 2, "disposition": "待处理"}
    rows = _listed(reg)
    assert all(r["disposition"] == "未处理" for r in rows)
    actions = [h["action"] for r in rows for h in r["history"]]  # type: ignore[attr-defined]
    assert sorted(actions) == sorted(["处理", "改回待处理"] * 2 + ["处理", "撤销"])
    # Without --history the shape is as before.
    plain = json.loads(run_app("comments", "list", *reg, "--json").stdout)
    assert "history" not in plain[0]
    done = run_app("comments", "undo", *reg)  # the 待处理 batch
    assert done.returncode == 0 and "改回待处理" in done.stdout
    done = run_app("comments", "undo", *reg)
    done = run_app("comments", "undo", *reg)
    assert done.returncode == 1 and "没有可以撤销的处理" in done.stderr
