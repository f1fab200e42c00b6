"""The audit trail of units and versions (storage.unit_audit): written with the change, named
after the drafter, kept in packages; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.model.units import Unit, UnitKind
from storage.library import ConflictError, Library
from storage.package import export_regulation, import_package
from storage.unit_audit import AuditEntry
from tests.consultation.drafts import sample_draft


def edited(lib: Library, version_id: int, uid: str, text: str, by: str) -> None:
    """Load the version, change one unit's text as ``by`` and save only that unit."""
    lib.user_name = lambda: by
    draft = lib.load_draft(version_id)
    unit = draft.find(uid)
    assert unit is not None
    unit.text = text
    lib.save_draft(version_id, draft, changed={uid})


def first_paragraph(lib: Library, version_id: int) -> str:
    draft = lib.load_draft(version_id)
    return next(u.uid for u in draft.walk() if u.kind is UnitKind.PARAGRAPH)


def unit_rows(entries: list[AuditEntry]) -> list[AuditEntry]:
    return [e for e in entries if e.unit_uid is not None]


def test_two_saves_by_two_people_give_two_records_with_names_and_times(db_url: str) -> None:
    with Library.open(db_url) as lib:
        lib.user_name = lambda: "王起草"
        version = lib.import_draft(sample_draft())
        uid = first_paragraph(lib, version.id)
        before = dt.datetime.now(dt.UTC)
        edited(lib, version.id, uid, "甲改的文字。", "张三")
        edited(lib, version.id, uid, "乙改的文字。", "李四")
        after = dt.datetime.now(dt.UTC)
        rows = unit_rows(lib.history(version.regulation_id, uid))
        assert [(r.by, r.action, r.unit_uid, r.version_id) for r in rows] == [
            ("张三", "edit", uid, version.id),
            ("李四", "edit", uid, version.id),
        ]
        assert all(before <= r.at <= r.last_at <= after for r in rows)
        assert rows[0].at <= rows[1].at and rows[0].action_text == "修改"
        # Another unit's history does not show them; the version events show for every unit.
        other = next(u.uid for u in lib.load_draft(version.id).walk() if u.uid != uid)
        assert unit_rows(lib.history(version.regulation_id, other)) == []
        events = [e for e in lib.history(version.regulation_id, other) if e.unit_uid is None]
        assert [(e.action, e.by) for e in events] == [("create", "王起草")]


def test_autosave_runs_of_one_person_extend_one_record(db_url: str) -> None:
    with Library.open(db_url) as lib:
        version = lib.import_draft(sample_draft())
        uid = first_paragraph(lib, version.id)
        for n in range(3):
            edited(lib, version.id, uid, f"第{n}次。", "张三")
        rows = unit_rows(lib.history(version.regulation_id, uid))
        assert len(rows) == 1 and rows[0].last_at > rows[0].at


def test_version_events_and_a_refused_save_writes_no_record(db_url: str) -> None:
    with Library.open(db_url) as lib:
        lib.user_name = lambda: "张三"
        first = lib.import_draft(sample_draft())
        frozen = lib.freeze(first.id, label="征求意见稿")
        working = lib.new_working_draft(frozen.id)
        lib.user_name = lambda: "李四"
        lib.update_version(working.id, note="二审前")
        spare = lib.new_working_draft(frozen.id)
        lib.delete_version(spare.id)
        # A save refused for a conflict records nothing (same transaction).
        stale = lib.load_draft(working.id)
        uid = first_paragraph(lib, working.id)
        edited(lib, working.id, uid, "先存的。", "李四")
        count = len(lib.history(first.regulation_id))
        stale.units[0].heading = "后存的"
        with pytest.raises(ConflictError):
            lib.save_draft(working.id, stale, changed={stale.units[0].uid})
        entries = lib.history(first.regulation_id)
        assert len(entries) == count
        events = [
            (e.action, e.by, e.version_label, e.detail) for e in entries if e.unit_uid is None
        ]
        assert events == [
            ("create", "张三", "导入稿", "导入"),
            ("freeze", "张三", "征求意见稿", ""),
            ("create", "张三", "工作稿", "由「征求意见稿」生成"),
            ("change", "李四", "工作稿", "说明"),
            ("create", "李四", "工作稿", "由「征求意见稿」生成"),
            ("delete", "李四", "工作稿", ""),
        ]
        deleted = [e for e in entries if e.action == "delete"][0]
        assert deleted.version_id is None  # the version is gone; its record stays


def test_a_package_keeps_the_records_and_importing_twice_adds_nothing(
    db_url: str, tmp_path: Path
) -> None:
    with Library.open(tmp_path / "a.sqlite3") as a:
        a.user_name = lambda: "张三"
        version = a.import_draft(sample_draft())
        uid = first_paragraph(a, version.id)
        edited(a, version.id, uid, "甲改的文字。", "张三")
        edited(a, version.id, uid, "乙改的文字。", "李四")
        a.freeze(version.id, label="征求意见稿")
        shown = [(e.action, e.by, e.at, e.unit_uid) for e in a.history(version.regulation_id)]
        export_regulation(a, version.regulation_id, tmp_path / "reg.zip")
    with Library.open(db_url) as b:
        b.user_name = lambda: "导入的人"
        regulation = import_package(b, tmp_path / "reg.zip").regulation_id
        got = b.history(regulation)
        assert [(e.action, e.by, e.at, e.unit_uid) for e in got] == shown
        assert all(e.version_id is not None and e.version_label for e in got)
        import_package(b, tmp_path / "reg.zip")
        assert len(b.history(regulation)) == len(shown)
        # Work done after the import travels back, and only it is added there.
        working = b.new_working_draft(got[0].version_id or 0)
        uid_b = first_paragraph(b, working.id)
        edited(b, working.id, uid_b, "丙改的文字。", "王五")
        export_regulation(b, regulation, tmp_path / "back.zip")
    with Library.open(tmp_path / "a.sqlite3") as a:
        import_package(a, tmp_path / "back.zip")
        names = [e.by for e in a.history(version.regulation_id)]
        assert names[len(shown) :] == ["导入的人", "王五"]  # the version made, and the edit


def test_a_new_unit_saved_with_the_whole_text_is_recorded_for_the_version(db_url: str) -> None:
    with Library.open(db_url) as lib:
        lib.user_name = lambda: "张三"
        version = lib.import_draft(sample_draft())
        draft = lib.load_draft(version.id)
        draft.units.append(Unit(UnitKind.ARTICLE, text="本条例自公布之日起施行。"))
        lib.save_draft(version.id, draft)  # changed=None: anything may have changed
        last = lib.history(version.regulation_id)[-1]
        assert (last.action, last.unit_uid, last.detail, last.by) == (
            "edit",
            None,
            "整稿保存",
            "张三",
        )
