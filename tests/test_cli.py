"""The headless commands, run as a user's script would: real files, `app.main(argv)` in-process.

The no-Qt promise needs a fresh interpreter: one subprocess runs every headless subcommand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app_runner import NO_QT_SCRIPT, run_app
from tests.consultation.test_import import HEADERS, ROWS, write_xlsx

ROOT = Path(__file__).resolve().parent.parent


def test_parse_json_shape(corpus: Path) -> None:
    proc = run_app("parse", str(corpus / "local_hangzhou_park_2014.md"), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"] == "杭州市公园管理条例"
    assert data["counts"]["articles"] == 40
    assert data["counts"]["chapters"] == 5
    assert set(data["counts"]) >= {"chapters", "sections", "articles", "paragraphs", "items"}
    first = data["articles"][0]
    assert first["number"] == "第一条"
    assert first["chapter"] == "第一章"
    assert not first["text"].startswith("第一条")
    assert data["articles"][-1]["number"] == "第四十条"


def test_parse_without_chapters_gives_null_chapter(corpus: Path) -> None:
    proc = run_app("parse", str(corpus / "local_luoyang_ich_2016.md"), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["counts"]["chapters"] == 0
    assert data["counts"]["articles"] == 23
    assert all(a["chapter"] is None for a in data["articles"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("notes.txt", "今天开会。\n".encode()),
    ],
)
def test_parse_bad_input_exits_nonzero_with_one_line(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    proc = run_app("parse", str(path), "--json")
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")


def test_parse_missing_file(tmp_path: Path) -> None:
    proc = run_app("parse", str(tmp_path / "nope.txt"))
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1


def test_import_then_list(db_url: str, corpus: Path) -> None:
    db = db_url  # an SQLite file, then a PostgreSQL database
    proc = run_app("import", str(corpus / "local_rizhao_park_2021.md"), "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    imported = json.loads(proc.stdout)
    assert isinstance(imported["regulation"], int) and isinstance(imported["version"], int)

    proc = run_app("list", "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    listing = json.loads(proc.stdout)
    regs = {r["id"]: r for r in listing["regulations"]}
    reg = regs[imported["regulation"]]
    assert reg["title"] == "日照市公园条例"
    assert [v["id"] for v in reg["versions"]] == [imported["version"]]
    assert reg["versions"][0]["articles"] == 32


def test_headless_commands_do_not_import_qt(tmp_path: Path, corpus: Path) -> None:
    """Every headless job, run in one fresh interpreter, leaves PySide6 unimported.

    Text and Akoma Ntoso inputs, every output (对照表, 修改稿, 修改决定, .docx, .akn, 汇总表),
    every comments subcommand, and an error path (a clean one-line failure imports no Qt either).
    """
    old, new = corpus / "pair_changjiang_sand_2001.md", corpus / "pair_changjiang_sand_2023.md"
    db, out = str(tmp_path / "lib.sqlite3"), tmp_path
    akn = str(out / "clean.xml")
    sheet = str(write_xlsx(tmp_path / "c.xlsx", HEADERS, ROWS))
    reg = ["--db", db, "--regulation", "1"]
    commands = [
        [0, ["parse", str(new), "--json"]],
        [1, ["comments", "summary", *reg, "--json"]],  # no regulation 1 yet
        [0, ["import", str(new), "--db", db, "--json"]],
        [0, ["list", "--db", db, "--json"]],
        [0, ["compare", str(old), str(new), "--json", "--docx", str(out / "table.docx"),
             "--tracked-docx", str(out / "tracked.docx"), "--decision"]],
        [0, ["lint", str(new), "--json"]],
        [0, ["renumber", str(new), "--out", str(out / "renumbered.txt")]],
        [0, ["export", str(new), "--docx", str(out / "clean.docx"), "--akn", akn,
             "--stage", "征求意见稿"]],
        [0, ["parse", akn, "--json"]],
        [1, ["import", akn, "--db", db, "--json"]],  # the same text again: refused
        [0, ["import", akn, "--db", db, "--json", "--allow-duplicate"]],
        [0, ["compare", akn, akn, "--json"]],
        [0, ["lint", akn, "--json"]],
        [0, ["renumber", akn, "--out", str(out / "out.txt")]],
        [0, ["export", akn, "--docx", str(out / "akn.docx")]],
        [0, ["comments", "round", *reg, "--json"]],
        [0, ["comments", "import", *reg, sheet, "--json"]],
        [0, ["comments", "decide", *reg, "--article", "总体", "--disposition", "采纳", "--json"]],
        [0, ["comments", "list", *reg, "--json"]],
        [0, ["comments", "summary", *reg, "--docx", str(out / "s.docx"),
             "--xlsx", str(out / "s.xlsx"), "--json"]],
    ]  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-c", NO_QT_SCRIPT, json.dumps(commands)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("comments", "list", "--regulation", "1"),
        ("comments", "summary", "--regulation", "1"),
    ],
)
def test_reading_commands_do_not_create_a_missing_library(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "typo" / "x.sqlite"
    proc = run_app(*command, "--db", str(db))
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：找不到法规库") and str(db) in lines[0]
    assert not db.parent.exists()


def test_import_creates_the_library_it_is_given(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "new" / "lib.sqlite3"
    proc = run_app("import", str(corpus / "local_rizhao_park_2021.md"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert db.is_file()
