"""Guards around the library on real SQLite files: save conflicts between two programs, opening
without creating, the one Chinese error mapping, and what deleting a regulation removes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, exc

from consultation.model import Comment, Round, Target
from drafting.write.plain_text import render_text
from storage import library as library_module
from storage.comments import CommentStore
from storage.library import (
    CONFLICT_MESSAGE,
    ConflictError,
    Library,
    LibraryError,
    database_errors,
)
from tests.storage.test_library import first_paragraph, sample_draft

# ---- 1. optimistic concurrency ----------------------------------------------------------------


def test_two_programs_on_one_file_do_not_overwrite_each_other(db_url: str) -> None:
    path = db_url  # one SQLite file, or one PostgreSQL database, opened twice
    with Library.open(path) as setup:
        version = setup.import_draft(sample_draft())
    a, b = Library.open(path), Library.open(path)
    try:
        draft_a, draft_b = a.load_draft(version.id), b.load_draft(version.id)
        first_paragraph(draft_a).text = "甲窗口的修改。"
        first_paragraph(draft_b).text = "乙窗口的修改。"
        a.save_draft(version.id, draft_a)
        with pytest.raises(ConflictError) as raised:
            b.save_draft(version.id, draft_b)
        assert str(raised.value) == CONFLICT_MESSAGE
        assert isinstance(raised.value, LibraryError)
        stored = b.load_draft(version.id)
        assert first_paragraph(stored).text == "甲窗口的修改。"
        assert render_text(stored) == render_text(draft_a)
        # A second save from A (same draft object) still works: its revision followed along.
        first_paragraph(draft_a).text = "甲窗口再改一次。"
        a.save_draft(version.id, draft_a)
        # After a fresh load, B saves normally.
        fresh = b.load_draft(version.id)
        first_paragraph(fresh).text = "乙窗口重新打开后的修改。"
        b.save_draft(version.id, fresh)
        assert first_paragraph(a.load_draft(version.id)).text == "乙窗口重新打开后的修改。"
    finally:
        a.close()
        b.close()


def test_conflict_writes_nothing(db_url: str) -> None:
    with Library.open(db_url) as lib:
        version = lib.import_draft(sample_draft())
        stale = lib.load_draft(version.id)
        current = lib.load_draft(version.id)
        lib.save_draft(version.id, current)
        before = lib.version(version.id)
        stale.title = "不应写入的标题"
        stale.lineage = {"x": ("y",)}
        with pytest.raises(ConflictError):
            lib.save_draft(version.id, stale)
        assert lib.version(version.id) == before
        assert lib.load_lineage(version.id) == {}
        assert stale.base_revision == 0  # unchanged: the next try fails the same way


def test_draft_not_read_from_the_library_saves_unconditionally(db_url: str) -> None:
    with Library.open(db_url) as lib:
        version = lib.import_draft(sample_draft())
        lib.save_draft(version.id, lib.load_draft(version.id))
        built = sample_draft()
        assert built.base_revision is None
        built.title = "脚本写入"
        lib.save_draft(version.id, built)
        assert lib.load_draft(version.id).title == "脚本写入"
        assert built.base_revision == 2


def test_frozen_version_is_still_refused_as_frozen(db_url: str) -> None:
    with Library.open(db_url) as lib:
        version = lib.import_draft(sample_draft())
        draft = lib.load_draft(version.id)
        lib.freeze(version.id, label="征求意见稿")
        with pytest.raises(LibraryError, match="已冻结") as raised:
            lib.save_draft(version.id, draft)
        assert not isinstance(raised.value, ConflictError)


# ---- 5. open without creating -----------------------------------------------------------------


def test_open_without_create_refuses_a_missing_file_and_makes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "x.sqlite3"
    with pytest.raises(LibraryError, match="找不到法规库") as raised:
        Library.open(missing, create=False)
    assert str(missing) in str(raised.value)
    assert not missing.parent.exists()


def test_created_tells_a_new_library_from_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with Library.open(path) as lib:
        assert lib.created
    with Library.open(path, create=False) as lib:
        assert not lib.created
    with Library.open(path) as lib:
        assert not lib.created


# ---- 6. deleting a regulation -----------------------------------------------------------------


def test_delete_regulation_removes_rounds_and_comments_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        kept = lib.import_draft(sample_draft())
        store = CommentStore(lib)
        for regulation, vid in ((version.regulation_id, version.id), (kept.regulation_id, kept.id)):
            round_ = store.add_round(Round(regulation, vid, title="第一轮"))
            store.add_comments(
                regulation, [Comment("意见", target=Target(None), round_id=round_.id)]
            )
        # Foreign keys off for every new connection: only the explicit deletes can remove rows.
        lib.engine.dispose()

        @event.listens_for(lib.engine, "connect")
        def _no_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = OFF")  # after the library's own ON
            cursor.close()

        lib.delete_regulation(version.regulation_id)
    raw = sqlite3.connect(path)
    try:
        for table in ("comment", "consultation_round", "version", "unit"):
            left = raw.execute(
                f"SELECT count(*) FROM {table} WHERE regulation_id = ?"
                if table in ("comment", "consultation_round", "version")
                else f"SELECT count(*) FROM {table} WHERE version_id = ?",
                (version.regulation_id if table != "unit" else version.id,),
            ).fetchone()
            assert left == (0,), table
        assert raw.execute("SELECT count(*) FROM comment").fetchone() == (1,)
        assert raw.execute("SELECT count(*) FROM consultation_round").fetchone() == (1,)
    finally:
        raw.close()


# ---- 3. one Chinese error mapping -------------------------------------------------------------


def test_locked_database_on_a_comment_write_says_occupied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        store = CommentStore(lib)
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
            with caplog.at_level("WARNING", logger="lifa"):
                with pytest.raises(LibraryError) as raised:
                    store.add_comments(version.regulation_id, [Comment("意见")])
        finally:
            other.execute("ROLLBACK")
            other.close()
        message = str(raised.value)
        assert "占用" in message and message.startswith("保存意见失败")
        assert "locked" not in message
        assert "locked" in caplog.text  # the driver's words go to the log only
        assert store.count(version.regulation_id) == 0


def test_unique_constraint_is_told_in_chinese(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib.sqlite3") as lib:
        version = lib.import_draft(sample_draft())
        store = CommentStore(lib)
        store.add_comments(version.regulation_id, [Comment("意见", fingerprint="abc")])
        with pytest.raises(LibraryError) as raised:
            store.add_comments(version.regulation_id, [Comment("意见", fingerprint="abc")])
        assert str(raised.value) == "保存意见失败：法规库中已有相同的记录（数据重复）"


def test_missing_table_is_told_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        raw = sqlite3.connect(path)
        raw.execute("DROP TABLE comment")
        raw.commit()
        raw.close()
        with pytest.raises(LibraryError) as raised:
            CommentStore(lib).count(version.regulation_id)
        assert str(raised.value) == "读取意见失败：法规库结构不完整或已损坏"


@pytest.mark.parametrize(
    ("driver_text", "expected"),
    [
        (
            'connection to server at "10.0.0.5", port 5432 failed: Connection refused',
            "保存失败：无法连接数据库服务器 postgresql://x（服务器未启动、地址有误或网络不通）",
        ),
        (
            "timeout expired",
            "保存失败：无法连接数据库服务器 postgresql://x（服务器未启动、地址有误或网络不通）",
        ),
        (
            "unable to open database file",
            "保存失败：无法打开法规库 postgresql://x（文件不存在或没有访问权限）",
        ),
        ("disk I/O error", "保存失败：读写法规库文件时出错（磁盘或网络盘可能有故障）"),
        (
            "attempt to write a readonly database",
            "保存失败：法规库文件是只读的，无法写入（请检查文件权限）",
        ),
        ("database is locked", "保存失败：法规库正被其他程序占用，请稍后再试"),
        ("something new and strange", "保存失败：无法访问法规库 postgresql://x"),
    ],
)
def test_driver_texts_map_to_chinese(driver_text: str, expected: str) -> None:
    # The server cases cannot be produced without a server: the driver's exception is built
    # here as psycopg would raise it, and put through the real mapping.
    with pytest.raises(LibraryError) as raised:
        with database_errors("保存", "postgresql://x"):
            raise exc.OperationalError("SELECT 1", None, Exception(driver_text))
    assert str(raised.value) == expected


def test_foreign_key_violation_is_told_in_chinese() -> None:
    with pytest.raises(LibraryError) as raised:
        with database_errors("保存意见", "lib"):
            raise exc.IntegrityError("INSERT", None, Exception("FOREIGN KEY constraint failed"))
    assert "已不存在" in str(raised.value) and "FOREIGN" not in str(raised.value)
