"""The library façade on real SQLite files: open, import, load, save, snapshot, freeze, migrate."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drafting.model.units import Draft, Numbering, Unit, UnitKind
from drafting.read.parse import parse_file
from drafting.write.plain_text import render_text
from storage import library as library_module
from storage.library import Library, LibraryError
from storage.models import KNOWN_REVISIONS, SCHEMA_REVISION

ROOT = Path(__file__).resolve().parents[2]


# ---- helpers ---------------------------------------------------------------------------------


def paragraph(text: str, *items: Unit) -> Unit:
    return Unit(UnitKind.PARAGRAPH, text=text, children=list(items))


def item(text: str, *subitems: str) -> Unit:
    return Unit(
        UnitKind.ITEM, text=text, children=[Unit(UnitKind.SUBITEM, text=s) for s in subitems]
    )


def article(*paragraphs: Unit, numbering: Numbering = Numbering.REGULAR) -> Unit:
    return Unit(UnitKind.ARTICLE, children=list(paragraphs), numbering=numbering)


def sample_draft() -> Draft:
    """Every level and numbering style: 编, 章, 节, 条之一, an unnumbered 附则, 项 and 目."""
    return Draft(
        title="江州市测试条例",
        title_note="2026年1月1日江州市第十六届人民代表大会常务委员会第二十次会议通过",
        units=[
            Unit(
                UnitKind.PART,
                heading="总则",
                children=[
                    Unit(
                        UnitKind.CHAPTER,
                        heading="一般规定",
                        children=[
                            article(paragraph("为了测试，制定本条例。")),
                            article(
                                paragraph(
                                    "下列事项应当报告：",
                                    item("第一项；"),
                                    item("第二项，包括：", "甲；", "乙。"),
                                ),
                                paragraph("前款规定的报告应当书面作出。"),
                            ),
                            article(paragraph("插入的条文。"), numbering=Numbering.INSERTED),
                        ],
                    ),
                    Unit(
                        UnitKind.CHAPTER,
                        heading="管理",
                        children=[
                            Unit(
                                UnitKind.SECTION,
                                heading="登记",
                                children=[article(paragraph("依照本条例第二条办理。"))],
                            )
                        ],
                    ),
                ],
            ),
            Unit(
                UnitKind.CHAPTER,
                heading="附则",
                numbering=Numbering.NONE,
                children=[article(paragraph("本条例自2027年1月1日起施行。"))],
            ),
        ],
    )


def synthetic_draft(articles: int, chapters: int = 20) -> Draft:
    """A large text: articles of two paragraphs, every third with three items."""
    per_chapter = max(1, articles // chapters)
    units: list[Unit] = []
    for n in range(articles):
        if n % per_chapter == 0:
            units.append(Unit(UnitKind.CHAPTER, heading=f"第{len(units) + 1}部分"))
        items = [item(f"事项{i}；") for i in range(3)] if n % 3 == 0 else []
        units[-1].children.append(
            article(paragraph(f"第{n}条的第一款，内容。", *items), paragraph(f"第{n}条的第二款。"))
        )
    return Draft(title="合成法典", units=units)


def shape(units: list[Unit]) -> list[tuple[Any, ...]]:
    """Everything the library must keep, recursively."""
    return [
        (u.uid, u.kind, u.numbering, u.heading, u.text, tuple(shape(u.children))) for u in units
    ]


def same_draft(a: Draft, b: Draft) -> bool:
    return (a.title, a.title_note, shape(a.units)) == (b.title, b.title_note, shape(b.units))


def first_paragraph(draft: Draft) -> Unit:
    return next(u for u in draft.walk() if u.kind is UnitKind.PARAGRAPH)


@pytest.fixture
def lib(db_url: str) -> Any:
    with Library.open(db_url) as opened:
        yield opened


# ---- opening ---------------------------------------------------------------------------------


def test_open_creates_file_and_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "lib.sqlite3"
    with Library.open(path) as lib:
        assert lib.is_empty()
        assert lib.regulations() == []
        assert lib.location == str(path)
    assert path.is_file()


def test_empty_file_becomes_a_library(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    path.touch()
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        assert lib.version(version.id).articles == 5


def test_open_none_uses_the_data_folder(isolated_data_dir: Path) -> None:
    with Library.open() as lib:
        assert lib.location == str(isolated_data_dir / "library.sqlite3")
    assert (isolated_data_dir / "library.sqlite3").is_file()


def test_open_sqlite_url(tmp_path: Path) -> None:
    path = tmp_path / "url.sqlite3"
    with Library.open(f"sqlite:///{path}") as lib:
        lib.import_draft(sample_draft())
    with Library.open(path) as lib:
        assert [r.title for r in lib.regulations()] == ["江州市测试条例"]


def test_reopen_after_close_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    draft = sample_draft()
    with Library.open(path) as lib:
        version = lib.import_draft(draft, label="起草稿", stage="起草", source="x.txt")
    with Library.open(path) as lib:
        assert not lib.is_empty()
        assert lib.version(version.id) == version
        assert same_draft(lib.load_draft(version.id), draft)


def test_fresh_library_uses_wal_and_head_revision(tmp_path: Path) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    config = Config()
    config.set_main_option("script_location", str(ROOT / "storage" / "migrations"))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == SCHEMA_REVISION
    assert tuple(r.revision for r in reversed(list(script.walk_revisions()))) == KNOWN_REVISIONS
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (SCHEMA_REVISION,)
        ]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_migrations_match_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from storage.models import Base

    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diffs == []


def test_library_at_head_opens_without_alembic(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    code = (
        "import sys; from storage.library import Library; "
        f"Library.open({str(path)!r}).close(); print('alembic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_text_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("这不是法规库。\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="不是法规库"):
        Library.open(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_db_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="不是法规库"):
        Library.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="此法规库由更新版本的程序创建，请升级程序"):
        Library.open(path)
    assert path.read_bytes() == before


def test_folder_and_bad_url_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="文件夹"):
        Library.open(tmp_path)
    with pytest.raises(LibraryError):
        Library.open("nosuchdriver://user@host/db")


def test_closed_library_refuses_work(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib.sqlite3")
    lib.close()
    with pytest.raises(LibraryError, match="已关闭"):
        lib.regulations()


def test_locked_library_gives_a_library_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        version = lib.import_draft(sample_draft())
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(LibraryError, match="占用"):
                lib.save_draft(version.id, sample_draft())
        finally:
            other.execute("ROLLBACK")
            other.close()


# ---- import, load, list ----------------------------------------------------------------------


def test_import_then_load_gives_the_same_tree(lib: Library) -> None:
    draft = sample_draft()
    version = lib.import_draft(draft, label="起草稿", stage="起草", kind="修订")
    assert version.articles == 5
    assert (version.label, version.stage, version.frozen, version.title) == (
        "起草稿",
        "起草",
        False,
        "江州市测试条例",
    )
    loaded = lib.load_draft(version.id)
    assert same_draft(loaded, draft)
    assert render_text(loaded) == render_text(draft)
    assert lib.regulations()[0].kind == "修订"


def test_large_synthetic_text_round_trips(lib: Library) -> None:
    draft = synthetic_draft(1260)
    version = lib.import_draft(draft)
    assert version.articles == 1260
    assert same_draft(lib.load_draft(version.id), draft)


def test_regulations_list_working_first_then_frozen_newest_first(lib: Library) -> None:
    first = lib.import_draft(sample_draft(), label="起草稿")
    old = lib.freeze(first.id, label="征求意见稿", stage="征求意见", date=dt.date(2026, 3, 1))
    newer = lib.snapshot(old.id, label="一审稿", stage="一审", frozen=True)
    working = lib.new_working_draft(newer.id)
    other = lib.import_draft(synthetic_draft(10))
    regs = lib.regulations()
    assert [r.id for r in regs] == [first.regulation_id, other.regulation_id]
    assert [v.id for v in regs[0].versions] == [working.id, newer.id, old.id]
    assert working.label == "工作稿" and not working.frozen and working.parent_id == newer.id
    assert old.date == dt.date(2026, 3, 1) and old.stage == "征求意见"
    assert regs[1].versions[0].articles == 10
    assert lib.regulation(first.regulation_id) == regs[0]


def test_unknown_ids_give_library_errors(lib: Library) -> None:
    for call in (
        lambda: lib.version(99),
        lambda: lib.load_draft(99),
        lambda: lib.save_draft(99, sample_draft()),
        lambda: lib.snapshot(99, label="x"),
        lambda: lib.rename_regulation(99, "x"),
        lambda: lib.delete_regulation(99),
    ):
        with pytest.raises(LibraryError, match="找不到"):
            call()


# ---- save, snapshot, freeze ------------------------------------------------------------------


def test_save_draft_replaces_the_text(lib: Library) -> None:
    version = lib.import_draft(sample_draft())
    draft = lib.load_draft(version.id)
    first_paragraph(draft).text = "为了修改，制定本条例。"
    draft.units.append(Unit(UnitKind.ARTICLE, children=[paragraph("新增的条文。")]))
    lib.save_draft(version.id, draft)
    assert same_draft(lib.load_draft(version.id), draft)
    assert lib.version(version.id).articles == 6


def test_snapshot_keeps_uids_and_is_independent(lib: Library) -> None:
    source = lib.import_draft(sample_draft())
    copy = lib.snapshot(source.id, label="征求意见稿", stage="征求意见", note="送审")
    assert (copy.parent_id, copy.regulation_id, copy.articles) == (
        source.id,
        source.regulation_id,
        source.articles,
    )
    original = lib.load_draft(source.id)
    assert same_draft(lib.load_draft(copy.id), original)

    edited = lib.load_draft(copy.id)
    first_paragraph(edited).text = "只改副本。"
    lib.save_draft(copy.id, edited)
    assert same_draft(lib.load_draft(source.id), original)
    assert first_paragraph(lib.load_draft(copy.id)).text == "只改副本。"


def test_frozen_version_cannot_be_saved_or_frozen_again(lib: Library) -> None:
    version = lib.import_draft(sample_draft())
    frozen = lib.freeze(version.id, label="征求意见稿", stage="征求意见", note="发各区县")
    assert frozen.frozen and frozen.label == "征求意见稿" and frozen.note == "发各区县"
    before = render_text(lib.load_draft(version.id))
    changed = lib.load_draft(version.id)
    first_paragraph(changed).text = "不应保存。"
    with pytest.raises(LibraryError, match="稿次已冻结，不能修改"):
        lib.save_draft(version.id, changed)
    with pytest.raises(LibraryError, match="稿次已冻结"):
        lib.freeze(version.id, label="再次定稿")
    assert render_text(lib.load_draft(version.id)) == before
    assert lib.version(version.id).label == "征求意见稿"


def test_failed_save_leaves_the_stored_text_unchanged(lib: Library) -> None:
    version = lib.import_draft(sample_draft())
    before = lib.load_draft(version.id)
    broken = lib.load_draft(version.id)
    broken.title = "改过的标题"
    first_paragraph(broken).text = "改过的文字。"
    # A duplicate uid violates the primary key after part of the rows are written.
    duplicate = broken.articles()[-1].children[0].clone()
    broken.articles()[-1].children.append(duplicate)
    with pytest.raises(LibraryError, match="保存失败"):
        lib.save_draft(version.id, broken)
    assert same_draft(lib.load_draft(version.id), before)
    assert lib.version(version.id).title == "江州市测试条例"


def test_rename_and_delete_regulation(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        kept = lib.import_draft(sample_draft())
        gone = lib.import_draft(synthetic_draft(30))
        lib.snapshot(gone.id, label="征求意见稿", frozen=True)
        lib.rename_regulation(kept.regulation_id, "  江州市改名条例 ")
        with pytest.raises(LibraryError, match="不能为空"):
            lib.rename_regulation(kept.regulation_id, "　")
        lib.delete_regulation(gone.regulation_id)
        assert [r.title for r in lib.regulations()] == ["江州市改名条例"]
    with sqlite3.connect(path) as conn:
        left = conn.execute("SELECT DISTINCT version_id FROM unit").fetchall()
    conn.close()
    assert left == [(kept.id,)]


# ---- real texts ----------------------------------------------------------------------------

CORPUS_FILES = [
    "large_civil_code_2020.md",
    "local_chongqing_village_planning_2015.md",
    "local_jinan_historic_city_2020.md",
    "pair_lifafa_2023.md",
    "local_ningbo_river_2019.md",
]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_text_round_trips(lib: Library, corpus: Path, name: str) -> None:
    draft = parse_file(corpus / name).draft
    version = lib.import_draft(draft, source=name)
    loaded = lib.load_draft(version.id)
    assert same_draft(loaded, draft)
    assert render_text(loaded) == render_text(draft)
    assert version.articles == draft.counts().articles


