"""What used to differ between SQLite and PostgreSQL, on both (the db_url fixture), and the
messages a drafter gets about a server or a damaged file."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from consultation.model import Comment, Target
from drafting.model.units import Unit, UnitKind
from storage.comments import CommentStore
from storage.library import Library, LibraryError
from tests.app_runner import run_app
from tests.consultation.drafts import sample_draft
from tests.pg_server import PostgresServer


def stored_stages(lib: Library) -> list[str]:
    return [v.stage for r in lib.regulations() for v in r.versions]


# ---- lengths and NULs, checked before any write -----------------------------------------------


def test_a_stage_over_32_characters_is_refused_in_chinese_and_nothing_changes(db_url: str) -> None:
    with Library.open(db_url) as lib:
        version = lib.import_draft(sample_draft(), stage="起草")
        with pytest.raises(LibraryError, match="阶段过长：最多 32 个字符"):
            lib.freeze(version.id, label="征求意见稿", stage="征" * 33)
        assert not lib.version(version.id).frozen
        with pytest.raises(LibraryError, match="阶段过长"):
            lib.update_version(version.id, stage="一" * 40)
        with pytest.raises(LibraryError, match="阶段过长"):
            lib.snapshot(version.id, label="一审稿", stage="审" * 33)
        assert stored_stages(lib) == ["起草"]
        assert lib.freeze(version.id, label="征求意见稿", stage="征" * 32).stage == "征" * 32


def test_a_uid_over_32_characters_is_refused_before_anything_is_written(db_url: str) -> None:
    draft = sample_draft()
    draft.units[0].children[0].uid = "akn_" + "x" * 40  # an Akoma Ntoso GUID, say
    with Library.open(db_url) as lib:
        with pytest.raises(LibraryError, match="条文标识过长：最多 32 个字符"):
            lib.import_draft(draft)
        assert lib.is_empty()


def test_a_uid_two_units_share_is_refused_before_anything_is_written(db_url: str) -> None:
    draft = sample_draft()
    draft.units[1].children[0].uid = draft.units[0].children[0].uid
    with Library.open(db_url) as lib:
        with pytest.raises(LibraryError, match="重复的条文标识"):
            lib.import_draft(draft)
        assert lib.is_empty()


def test_nul_characters_are_removed_at_the_door(db_url: str) -> None:
    draft = sample_draft()
    draft.title = "测试\x00条例"
    first = next(u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH)
    first.text = "古城\x00保护"
    with Library.open(db_url) as lib:
        version = lib.import_draft(draft, stage="起\x00草")
        loaded = lib.load_draft(version.id)
        assert loaded.title == "测试条例"
        assert next(u for u in loaded.walk() if u.kind is UnitKind.PARAGRAPH).text == "古城保护"
        assert lib.version(version.id).stage == "起草"
        loaded.units.append(Unit(UnitKind.ARTICLE, text="新\x00条"))
        lib.save_draft(version.id, loaded)
        assert lib.load_draft(version.id).units[-1].text == "新条"
        store = CommentStore(lib)
        store.add_comments(version.regulation_id, [Comment("意\x00见", target=Target("a12"))])
        assert [c.content for c in store.comments(version.regulation_id)] == ["意见"]


def test_an_over_long_comment_target_is_refused_and_no_comment_is_stored(db_url: str) -> None:
    with Library.open(db_url) as lib:
        version = lib.import_draft(sample_draft())
        store = CommentStore(lib)
        with pytest.raises(LibraryError, match="意见所指条文标识过长"):
            store.add_comments(
                version.regulation_id, [Comment("好"), Comment("意见", target=Target("u" * 33))]
            )
        assert store.count(version.regulation_id) == 0


# ---- schema versions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("revision", "message"),
    [("9999", "此法规库由更新版本的程序创建"), ("abc123", "结构版本 abc123 无法识别")],
)
def test_an_unknown_schema_revision_is_not_called_newer(
    db_url: str, revision: str, message: str
) -> None:
    Library.open(db_url).close()
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{revision}'")
    engine.dispose()
    with pytest.raises(LibraryError, match=message):
        Library.open(db_url)


# ---- the server --------------------------------------------------------------------------------


def server_or_skip(pg_server: PostgresServer | None) -> PostgresServer:
    if pg_server is None:
        pytest.skip("PostgreSQL 未安装")
    return pg_server


def test_a_missing_database_is_not_called_a_server_that_is_down(
    pg_server: PostgresServer | None,
) -> None:
    server = server_or_skip(pg_server)
    with pytest.raises(LibraryError) as refused:
        Library.open(server.url("no_such_db"))
    assert "没有这个数据库" in str(refused.value)
    assert "服务器未启动" not in str(refused.value)


def test_an_unknown_user_is_told_so(pg_server: PostgresServer | None) -> None:
    server = server_or_skip(pg_server)
    with pytest.raises(LibraryError, match="不认识这个用户"):
        Library.open(f"postgresql+psycopg://nobody@127.0.0.1:{server.port}/postgres")


def test_a_server_that_is_down_is_told_so() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LibraryError, match="服务器未启动"):
        Library.open(f"postgresql+psycopg://lifa@127.0.0.1:{port}/lifa")


def test_list_on_an_empty_database_creates_no_schema(pg_server: PostgresServer | None) -> None:
    server = server_or_skip(pg_server)
    url = server.new_database()
    run = run_app("list", "--db", url)
    assert run.returncode != 0 and "还没有法规库" in run.stderr and "Traceback" not in run.stderr
    engine = create_engine(url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []
    engine.dispose()


def test_list_on_a_missing_sqlite_file_is_refused(tmp_path: Path) -> None:
    run = run_app("list", "--db", str(tmp_path / "none.sqlite3"))
    assert run.returncode != 0 and "找不到法规库" in run.stderr
    assert not (tmp_path / "none.sqlite3").exists()


# ---- a damaged file ----------------------------------------------------------------------------


def damaged_library(tmp_path: Path) -> Path:
    """A real library whose pages in the middle were overwritten (a torn write, a bad disk)."""
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        CommentStore(lib).add_comments(
            version.regulation_id, [Comment(f"第{n}条意见" * 20) for n in range(300)]
        )
    with sqlite3.connect(path) as conn:
        page_size, pages = (
            conn.execute("PRAGMA page_size").fetchone()[0],
            conn.execute("PRAGMA page_count").fetchone()[0],
        )
    assert pages > 8
    with path.open("r+b") as handle:
        for page in range(3, pages, 3):  # every third page from the third on
            handle.seek((page - 1) * page_size + 16)
            handle.write(b"\xa5" * 200)
    return path


def test_a_damaged_library_is_refused_on_open_with_a_pointer_to_restore(tmp_path: Path) -> None:
    path = damaged_library(tmp_path)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="已损坏.*请从备份恢复"):
        Library.open(path)
    run = run_app("list", "--db", str(path))
    assert run.returncode != 0
    assert "已损坏" in run.stderr and "restore" in run.stderr and "Traceback" not in run.stderr
    assert path.read_bytes() == before


def test_a_damaged_library_gets_one_line_on_the_command_line(tmp_path: Path) -> None:
    """The program as the drafter runs it (its own logging set up): the reason in one line,
    not quick_check's page-by-page findings before it."""
    path = damaged_library(tmp_path)
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, str(root / "app.py"), "list", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ | {"LIFA_DATA_DIR": str(tmp_path / "data")},
    )
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "已损坏" in lines[0], run.stderr
