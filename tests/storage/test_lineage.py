"""Unit lineage in the library: saved with a working draft, carried into versions made from it,
and added to a library file of schema 0002 by the 0003 migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from drafting.edit.operations import EditSession, MergeArticles, SplitArticle
from storage.library import Library
from storage.models import SCHEMA_REVISION
from tests.consultation.drafts import sample_draft
from tests.storage.old_library import library_at_revision


def _split_and_merge(library: Library, version_id: int) -> dict[str, tuple[str, ...]]:
    draft = library.load_draft(version_id)
    session = EditSession(draft)
    split = SplitArticle("a12", "a12p3", 0)  # 第三款 becomes 第十三条
    session.apply(split)
    session.apply(MergeArticles("a4"))  # 第五条 into 第四条
    library.save_draft(version_id, draft)
    assert split.new_article is not None
    assert draft.lineage == {split.new_article.uid: ("a12",), "a4": ("a4", "a5")}
    return draft.lineage


def test_lineage_is_saved_loaded_and_carried_by_snapshots(db_url: str) -> None:
    with Library.open(db_url) as library:
        imported = library.import_draft(sample_draft(), label="征求意见稿")
        sent = library.freeze(imported.id, label="征求意见稿")
        working = library.new_working_draft(sent.id)
        assert library.load_draft(working.id).lineage == {}
        lineage = _split_and_merge(library, working.id)
        assert library.load_draft(working.id).lineage == lineage
        assert library.load_lineage(working.id) == lineage
        # Frozen as 二审稿, then a new working draft from it: the lineage goes along.
        second = library.freeze(working.id, label="二审稿")
        third = library.new_working_draft(second.id)
        assert library.load_draft(third.id).lineage == lineage
        copy = library.snapshot(second.id, label="副本")
        assert library.load_lineage(copy.id) == lineage
        # The version sent out keeps none: the split came after it.
        assert library.load_lineage(sent.id) == {}
        # Saving again replaces the rows (an undo before saving drops the entry).
        draft = library.load_draft(third.id)
        draft.lineage.pop("a4")
        library.save_draft(third.id, draft)
        assert "a4" not in library.load_lineage(third.id)
        assert library.load_lineage(second.id) == lineage


def test_import_keeps_a_drafts_lineage_and_deletes_remove_it(db_url: str) -> None:
    with Library.open(db_url) as library:
        draft = sample_draft()
        draft.lineage = {"a4": ("a4", "a5")}
        version = library.import_draft(draft)
        assert library.load_lineage(version.id) == {"a4": ("a4", "a5")}
        other = library.new_working_draft(version.id)
        library.delete_version(other.id)
        library.delete_regulation(version.regulation_id)
        with library.engine.connect() as raw:
            assert raw.exec_driver_sql("SELECT count(*) FROM unit_lineage").one() == (0,)


def test_a_0002_library_is_upgraded_with_its_data_intact(tmp_path: Path) -> None:
    path = library_at_revision(tmp_path / "old.sqlite3", "0002")
    # Data as a program of schema 0002 wrote it: a regulation, a version, units, a comment.
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO regulation (id, title, kind, created, committee, status, note) "
            "VALUES (1, '测试条例', '制定', '2026-01-01 00:00:00', '', '', '')"
        )
        raw.execute(
            "INSERT INTO version (id, regulation_id, label, stage, frozen, created, modified, "
            "note, source, title, title_note, articles) VALUES (1, 1, '征求意见稿', '', 1, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '', '', '测试条例', '', 1)"
        )
        raw.execute(
            "INSERT INTO unit (version_id, uid, parent_uid, position, kind, numbering, heading, "
            "text) VALUES (1, 'a1', NULL, 0, 'article', 'regular', '', '')"
        )
        raw.execute(
            "INSERT INTO unit (version_id, uid, parent_uid, position, kind, numbering, heading, "
            "text) VALUES (1, 'a1p1', 'a1', 0, 'paragraph', 'regular', '', '为了测试，制定本条例。')"
        )
        raw.execute(
            "INSERT INTO comment (regulation_id, version_id, source, submitter_name, "
            "submitter_org, submitter_contact, channel, content, target_uid, quote, reason, "
            "decided_by, origin, notes, created) VALUES (1, 1, 'public', '', '', '', 'web', "
            "'建议修改', 'a1', '', '', '', '', '', '2026-01-01 00:00:00')"
        )
    raw.close()
    with Library.open(path) as library:
        draft = library.load_draft(1)
        assert draft.title == "测试条例" and draft.lineage == {}
        assert draft.articles()[0].children[0].text == "为了测试，制定本条例。"
        working = library.new_working_draft(1)
        draft.lineage = {"a1": ("a1", "a0")}
        library.save_draft(working.id, draft)
        assert library.load_lineage(working.id) == {"a1": ("a0", "a1")}
        from storage.comments import CommentStore

        assert [c.content for c in CommentStore(library).comments(1)] == ["建议修改"]
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_REVISION,
        )
    raw.close()
