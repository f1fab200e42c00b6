"""Importing a text the library holds already: refused (CLI) or asked (window), never silent."""

from __future__ import annotations

import json
from pathlib import Path

from drafting.read.parse import parse_text
from storage.library import Library
from tests.app_runner import run_app

TEXT = (
    "某市养犬管理条例\n第一条　为了规范养犬行为，制定本条例。\n"
    "第二条　本条例自2024年1月1日起施行。\n"
)


def test_find_same_text_finds_the_same_words_only(db_url: str) -> None:
    with Library.open(db_url, create=True) as library:
        assert library.find_same_text(parse_text(TEXT).draft) is None
        first = library.import_draft(parse_text(TEXT).draft)
        same = library.find_same_text(parse_text(TEXT).draft)
        assert same is not None and same.id == first.id
        # The same words under another title: the same text.
        renamed = parse_text(TEXT.replace("某市养犬管理条例", "某市养犬条例")).draft
        found = library.find_same_text(renamed)
        assert found is not None and found.id == first.id
        # One character differs: another text (a later version of the law).
        changed = parse_text(TEXT.replace("2024年", "2025年")).draft
        assert library.find_same_text(changed) is None


def test_cli_refuses_a_second_import_unless_allowed(tmp_path: Path) -> None:
    source = tmp_path / "养犬.txt"
    source.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "lib.sqlite3"
    first = run_app("import", str(source), "--db", str(db), "--json")
    assert first.returncode == 0, first.stderr
    again = run_app("import", str(source), "--db", str(db))
    assert again.returncode == 1
    assert "法规库中已有相同的文本：《某市养犬管理条例》" in again.stderr
    assert "--allow-duplicate" in again.stderr
    with Library.open(db) as library:
        assert len(library.regulations()) == 1
    allowed = run_app("import", str(source), "--db", str(db), "--allow-duplicate", "--json")
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["regulation"] != json.loads(first.stdout)["regulation"]
    with Library.open(db) as library:
        assert len(library.regulations()) == 2
    # Another text still imports without the flag.
    other = tmp_path / "其他.txt"
    other.write_text(TEXT.replace("养犬", "养猫"), encoding="utf-8")
    assert run_app("import", str(other), "--db", str(db)).returncode == 0
