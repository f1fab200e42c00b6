"""Notes after the last article (落款, 注：…) are kept with the text: stored, shown, exported."""

from __future__ import annotations

import json
from pathlib import Path

from drafting.read.files import read_draft
from drafting.read.parse import parse_text
from drafting.write.layout import BlockRole, house_layout
from drafting.write.plain_text import render_text
from drafting.write.text_docx import export_docx
from storage.library import Library
from tests.app_runner import run_app

SIGNED = (
    "某某市文明行为促进条例\n第一条　为了促进文明行为，制定本条例。\n"
    "第二条　本条例自2025年1月1日起施行。\n"
    "某某市人民代表大会常务委员会\n2023年3月1日\n"
)
FOOTNOTED = (
    "中华人民共和国刑法（节选）\n第一条　为了惩罚犯罪，保护人民，制定本法。\n"
    "第二条　本法自1997年10月1日起施行。\n"
    "注：这部法律的施行日期以各修正案规定的日期为准。\n"
)
NOTES = ["某某市人民代表大会常务委员会", "2023年3月1日"]


def test_notes_are_kept_in_the_draft_and_warned() -> None:
    result = parse_text(SIGNED)
    assert result.draft.notes == NOTES
    assert any("已作为注记保留" in w.message for w in result.warnings)
    footnoted = parse_text(FOOTNOTED)
    assert footnoted.draft.notes == ["注：这部法律的施行日期以各修正案规定的日期为准。"]
    assert footnoted.draft.articles()[-1].children[0].text == "本法自1997年10月1日起施行。"
    # No notes: nothing invented.
    assert parse_text("条例\n第一条　甲。\n第二条　乙。\n").draft.notes == []


def test_notes_are_laid_out_after_the_articles_and_read_back_from_plain_text() -> None:
    draft = parse_text(SIGNED).draft
    blocks = list(house_layout(draft))
    notes = [b.text for b in blocks if b.role is BlockRole.NOTE]
    assert notes == NOTES
    assert blocks[-1].role is BlockRole.NOTE  # after the last article
    text = render_text(draft)
    assert text.rstrip().endswith("某某市人民代表大会常务委员会\n\n2023年3月1日")
    assert parse_text(text).draft.notes == NOTES
    assert draft.clone().notes == NOTES


def test_notes_are_stored_in_the_library(db_url: str) -> None:
    draft = parse_text(FOOTNOTED).draft
    with Library.open(db_url, create=True) as library:
        version = library.import_draft(draft)
        loaded = library.load_draft(version.id)
        assert loaded.notes == draft.notes
        working = library.new_working_draft(version.id)
        assert library.load_draft(working.id).notes == draft.notes
        plain = library.import_draft(parse_text("条例\n第一条　甲。\n").draft)
        assert library.load_draft(plain.id).notes == []


def test_notes_survive_a_docx_export_and_re_import(tmp_path: Path) -> None:
    draft = parse_text(SIGNED).draft
    out = tmp_path / "signed.docx"
    export_docx(draft, out)
    again = read_draft(out)
    assert again.draft.notes == NOTES
    assert len(again.draft.articles()) == 2
    md = tmp_path / "signed.md"
    md.write_text(render_text(draft), encoding="utf-8")
    assert read_draft(md).draft.notes == NOTES


def test_parse_json_and_import_show_the_notes(tmp_path: Path) -> None:
    source = tmp_path / "signed.txt"
    source.write_text(SIGNED, encoding="utf-8")
    proc = run_app("parse", str(source), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["notes"] == NOTES
    db = tmp_path / "lib.sqlite3"
    proc = run_app("import", str(source), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "2 行注记（落款、脚注等）不是条文，已作为注记存入法规库" in proc.stdout
    proc = run_app("import", str(source), "--db", str(db), "--json", "--allow-duplicate")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["notes"] == NOTES
    with Library.open(db) as library:
        assert library.load_draft(data["version"]).notes == NOTES
