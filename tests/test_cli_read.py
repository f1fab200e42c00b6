"""The headless commands read Akoma Ntoso (.akn/.xml) as they read text: `app.main` in-process.

That reading Akoma Ntoso imports no Qt is part of the one no-Qt test in tests/test_cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.app_runner import run_app


def _akn(corpus: Path, tmp_path: Path, name: str, stage: str = "") -> Path:
    out = tmp_path / name
    args = ["export", str(corpus / "pair_changjiang_sand_2023.md"), "--akn", str(out)]
    proc = run_app(*args, *(["--stage", stage] if stage else []))
    assert proc.returncode == 0, proc.stderr
    return out


def test_import_compare_lint_parse_read_akoma_ntoso(corpus: Path, tmp_path: Path) -> None:
    akn = _akn(corpus, tmp_path, "采砂.akn", "征求意见稿")
    db = str(tmp_path / "lib.sqlite3")

    proc = run_app("import", str(akn), "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    imported = json.loads(proc.stdout)
    assert imported["label"] == "征求意见稿" and imported["articles"] == 27

    proc = run_app("parse", str(akn), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["stage"] == "征求意见稿"

    proc = run_app("compare", str(corpus / "pair_changjiang_sand_2001.md"), str(akn), "--json")
    assert proc.returncode == 0, proc.stderr
    text_proc = run_app(
        "compare",
        str(corpus / "pair_changjiang_sand_2001.md"),
        str(corpus / "pair_changjiang_sand_2023.md"),
        "--json",
    )
    assert json.loads(proc.stdout)["summary"] == json.loads(text_proc.stdout)["summary"]

    proc = run_app("lint", str(akn), "--json")
    assert proc.returncode == 0, proc.stderr
    from_text = run_app("lint", str(corpus / "pair_changjiang_sand_2023.md"), "--json")
    rules = sorted(f["rule"] for f in json.loads(proc.stdout))
    assert rules == sorted(f["rule"] for f in json.loads(from_text.stdout))


def test_xml_that_is_not_akoma_ntoso_fails_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "其他.xml"
    path.write_text("<?xml version='1.0'?><root/>", encoding="utf-8")
    for command in (
        ["import", str(path), "--db", str(tmp_path / "l.sqlite3")],
        ["lint", str(path)],
    ):
        proc = run_app(*command)
        assert proc.returncode != 0
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "Akoma Ntoso" in lines[0]
