"""Headless `import` says what the reader repaired or set aside, as `parse` does (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.app_runner import run_app
from tests.drafting.docx_fixtures import add_tracked_run


def test_import_prints_and_returns_the_parse_warnings(tmp_path: Path) -> None:
    source = tmp_path / "条例.txt"
    source.write_text(
        "某某条例\n第一条　甲。\n第三条　乙。\n某某市人民代表大会常务委员会\n2024年3月1日\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "lib.sqlite")
    parsed = json.loads(run_app("parse", str(source), "--json").stdout)
    done = run_app("import", str(source), "--db", db, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["warnings"] == parsed["warnings"] and data["warnings"]
    assert data["notes"] == ["某某市人民代表大会常务委员会", "2024年3月1日"]
    text = run_app("import", str(source), "--db", db, "--allow-duplicate")
    assert "条文编号不连续：第一条之后为第三条" in text.stdout
    assert "2 行注记（落款、脚注等）不是条文，已作为注记存入法规库" in text.stdout


def test_import_of_a_docx_with_pending_revisions_says_how_it_was_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("条例")
    paragraph = document.add_paragraph("第一条　本条例自")
    add_tracked_run(paragraph, "2020年", "del")
    add_tracked_run(paragraph, "2021年", "ins")
    paragraph.add_run("起施行。")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    db = str(tmp_path / "lib.sqlite")
    done = run_app("import", str(path), "--db", db)
    assert done.returncode == 0, done.stderr
    assert "2 处未处理的修订" in done.stdout and "--revisions original" in done.stdout
    original = json.loads(
        run_app("import", str(path), "--db", db, "--revisions", "original", "--json").stdout
    )
    assert any("原文（修订前）" in w["message"] for w in original["warnings"])
