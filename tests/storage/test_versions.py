"""Versions (稿次) in the library façade: properties, deleting a working draft, lineage."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.plain_text import render_text
from storage.library import Library, LibraryError


def small_draft() -> Draft:
    """Two articles, enough for a version of its own."""
    return Draft(
        title="江州市稿次测试条例",
        units=[
            Unit(
                UnitKind.ARTICLE,
                children=[Unit(UnitKind.PARAGRAPH, text="为了测试稿次，制定本条例。")],
            ),
            Unit(
                UnitKind.ARTICLE,
                children=[Unit(UnitKind.PARAGRAPH, text="本条例自公布之日起施行。")],
            ),
        ],
    )


def uids(draft: Draft) -> list[str]:
    return [unit.uid for unit in draft.walk()]


@pytest.fixture
def lib(db_url: str) -> Iterator[Library]:
    with Library.open(db_url) as opened:
        yield opened


# ---- update_version --------------------------------------------------------------------------


def test_update_version_changes_only_the_fields_given(lib: Library) -> None:
    version = lib.import_draft(small_draft(), label="起草稿", stage="起草")
    changed = lib.update_version(version.id, label=" 修改稿 ", note="  吸收部门意见 ")
    assert (changed.label, changed.stage, changed.note, changed.date) == (
        "修改稿",
        "起草",
        "吸收部门意见",
        None,
    )
    dated = lib.update_version(version.id, stage="征求意见", date=dt.date(2026, 11, 2))
    assert (dated.label, dated.stage, dated.note, dated.date) == (
        "修改稿",
        "征求意见",
        "吸收部门意见",
        dt.date(2026, 11, 2),
    )
    assert lib.version(version.id) == dated
    assert not dated.frozen


def test_update_version_refuses_an_empty_label(lib: Library) -> None:
    version = lib.import_draft(small_draft())
    with pytest.raises(LibraryError, match="稿次名称不能为空"):
        lib.update_version(version.id, label="　")
    assert lib.version(version.id).label == version.label


def test_a_frozen_version_never_changes(lib: Library) -> None:
    version = lib.import_draft(small_draft())
    frozen = lib.freeze(version.id, label="征求意见稿", stage="征求意见", note="发各区县")
    text = render_text(lib.load_draft(frozen.id))
    for call in (
        lambda: lib.update_version(frozen.id, label="改名"),
        lambda: lib.update_version(frozen.id, note="补充说明"),
        lambda: lib.update_version(frozen.id, date=dt.date(2027, 1, 1)),
        lambda: lib.save_draft(frozen.id, small_draft()),
    ):
        with pytest.raises(LibraryError, match="稿次已冻结，不能修改"):
            call()
    with pytest.raises(LibraryError, match="稿次已冻结，不能删除"):
        lib.delete_version(frozen.id)
    assert lib.version(frozen.id) == frozen
    assert render_text(lib.load_draft(frozen.id)) == text


def test_unknown_version_ids_give_library_errors(lib: Library) -> None:
    for call in (
        lambda: lib.update_version(99, label="x"),
        lambda: lib.delete_version(99),
        lambda: lib.lineage(99),
    ):
        with pytest.raises(LibraryError, match="找不到稿次 99"):
            call()


# ---- delete_version --------------------------------------------------------------------------


def test_delete_a_working_draft_relinks_its_children(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    with Library.open(path) as lib:
        first = lib.import_draft(small_draft())
        frozen = lib.freeze(first.id, label="征求意见稿")
        middle = lib.new_working_draft(frozen.id)
        child = lib.snapshot(middle.id, label="修改稿")
        lib.delete_version(middle.id)
        versions = lib.regulation(first.regulation_id).versions
        assert [v.id for v in versions] == [child.id, frozen.id]
        assert lib.version(child.id).parent_id == frozen.id
        assert [v.id for v in lib.lineage(child.id)] == [child.id, frozen.id]
        with pytest.raises(LibraryError, match="找不到稿次"):
            lib.load_draft(middle.id)
    with sqlite3.connect(path) as conn:
        left = {row[0] for row in conn.execute("SELECT DISTINCT version_id FROM unit")}
    conn.close()
    assert left == {frozen.id, child.id}


def test_the_last_version_of_a_regulation_is_not_deleted(lib: Library) -> None:
    only = lib.import_draft(small_draft())
    with pytest.raises(LibraryError, match="唯一的稿次"):
        lib.delete_version(only.id)
    assert lib.version(only.id) == only


# ---- lineage and the freeze-then-continue practice -------------------------------------------


def test_freeze_then_continue_keeps_uids_along_the_lineage(lib: Library) -> None:
    first = lib.import_draft(small_draft(), label="起草稿")
    consultation = lib.freeze(first.id, label="征求意见稿", stage="征求意见")
    working = lib.new_working_draft(consultation.id)
    draft = lib.load_draft(working.id)
    draft.articles()[0].children[0].text = "为了测试稿次的修改，制定本条例。"
    lib.save_draft(working.id, draft)
    first_reading = lib.freeze(working.id, label="一审稿", stage="一审", date=dt.date(2027, 3, 1))
    latest = lib.new_working_draft(first_reading.id)

    assert [v.label for v in lib.lineage(latest.id)] == ["工作稿", "一审稿", "征求意见稿"]
    assert uids(lib.load_draft(latest.id)) == uids(lib.load_draft(consultation.id))
    assert lib.load_draft(consultation.id).articles()[0].children[0].text == (
        "为了测试稿次，制定本条例。"
    )
    versions = lib.regulation(first.regulation_id).versions
    assert [(v.label, v.frozen) for v in versions] == [
        ("工作稿", False),
        ("一审稿", True),
        ("征求意见稿", True),
    ]
