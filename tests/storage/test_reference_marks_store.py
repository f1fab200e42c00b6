"""Revision 0010: references kept marked as broken are stored with the version's text,
copied into versions made from it, and read back; a library at 0008 upgrades to hold them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from drafting.edit.operations import DeleteUnit, EditSession
from drafting.read.parse import parse_text
from storage.library import Library
from tests.storage.old_library import library_at_revision

TEXT = "测试条例\n第一条 甲。\n第二条 乙。\n第三条 依照本条例第二条处理。\n第四条 丁。\n"


def _broken(session: EditSession) -> list[tuple[str, str]]:
    return [
        (r.text, r.detail) for r in session.index.references(session.draft) if r.status == "broken"
    ]


def test_marks_round_trip_and_follow_a_snapshot(db_url: str) -> None:
    with Library.open(db_url, create=True) as library:
        version = library.import_draft(parse_text(TEXT).draft)
        draft = library.load_draft(version.id)
        assert draft.reference_marks == ()
        session = EditSession(draft)
        session.apply(DeleteUnit(draft.articles()[1].uid))  # 第二条 goes; 第三条 is now 第二条
        draft.reference_marks = session.index.marks(draft)
        assert [m.text for m in draft.reference_marks] == ["本条例第二条"]
        library.save_draft(version.id, draft, changed={draft.articles()[0].uid})
        loaded = library.load_draft(version.id)
        assert loaded.reference_marks == draft.reference_marks
        reopened = EditSession(loaded)
        assert [t for t, _ in _broken(reopened)] == ["本条例第二条"]
        # Without the mark the same words would name the article now numbered 第二条.
        loaded.reference_marks = ()
        assert _broken(EditSession(loaded)) == []
        copy = library.snapshot(version.id, label="征求意见稿", frozen=True)
        assert library.load_draft(copy.id).reference_marks == draft.reference_marks
        # A reference that never resolved needs no mark: it is found broken again.
        fresh = parse_text("测试条例\n第一条 依照本条例第九条。\n").draft
        assert EditSession(fresh).index.marks(fresh) == ()


def test_a_library_at_0008_upgrades_with_no_marks(tmp_path: Path) -> None:
    path = library_at_revision(tmp_path / "old.sqlite3", "0008")
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO regulation (id, title, kind, created, committee, status, note) "
                    "VALUES (1, '测试条例', '制定', '2026-01-01 00:00:00', '', '', '')")  # fmt: skip
        raw.execute("INSERT INTO version (id, regulation_id, label, stage, frozen, created, "
                    "modified, note, source, title, title_note, articles, revision, matter) "
                    "VALUES (1, 1, '工作稿', '', 0, '2026-01-01 00:00:00', "
                    "'2026-01-01 00:00:00', '', '', '测试条例', '', 1, 0, '')")  # fmt: skip
        raw.execute("INSERT INTO unit (version_id, uid, parent_uid, position, kind, numbering, "
                    "heading, text) VALUES (1, 'a1', NULL, 0, 'article', 'regular', '', '')")  # fmt: skip
    raw.close()
    with Library.open(path) as library:
        assert library.load_draft(1).reference_marks == ()
