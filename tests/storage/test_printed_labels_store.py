"""Revision 0005: printed labels (number locks), a 款's table, preamble and appendices stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from drafting.model.numbering import compute_numbers
from drafting.read.parse import parse_text
from drafting.write.plain_text import render_text
from storage.library import Library
from tests.storage.old_library import library_at_revision


def test_a_library_at_0004_upgrades_and_then_keeps_printed_labels(tmp_path: Path) -> None:
    path = library_at_revision(tmp_path / "old.sqlite3", "0004")
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO regulation (id, title, kind, created, committee, status, note) "
                    "VALUES (1, '测试条例', '制定', '2026-01-01 00:00:00', '', '', '')")  # fmt: skip
        raw.execute("INSERT INTO version (id, regulation_id, label, stage, frozen, created, "
                    "modified, note, source, title, title_note, articles, revision) VALUES (1, 1, "
                    "'工作稿', '', 0, '2026-01-01 00:00:00', '2026-01-01 00:00:00', '', '', "
                    "'测试条例', '', 1, 0)")  # fmt: skip
        raw.execute("INSERT INTO unit (version_id, uid, parent_uid, position, kind, numbering, "
                    "heading, text) VALUES (1, 'a1', NULL, 0, 'article', 'regular', '', '')")  # fmt: skip
    raw.close()
    text = "条例\n\n序言\n\n前言。\n\n第二章　管理\n\n第五条　甲：\n| 甲 | 乙 |\n\n附件\n\n表\n\n| 丙 | 丁 |\n"
    with Library.open(path) as library:
        old = library.load_draft(1)
        assert [u.label for u in old.walk()] == [""]
        assert old.preamble is None and old.appendices == []
        draft = parse_text(text).draft
        draft.base_revision = old.base_revision
        library.save_draft(1, draft)
        loaded = library.load_draft(1)
    numbers = compute_numbers(loaded)
    assert [numbers[u.uid].label for u in loaded.walk() if u.label] == ["第二章", "第五条"]
    assert render_text(loaded) == render_text(draft)
