"""Regulation packages (export → import, merging) and backup/restore, on real files and both
backends."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from consultation.model import (
    Audience,
    Comment,
    Decision,
    Disposition,
    Round,
    Source,
    Submitter,
    Target,
)
from drafting.model.units import Unit, UnitKind
from storage.comments import CommentStore
from storage.library import Library, LibraryError
from storage.package import export_regulation, import_package
from tests.app_runner import run_app
from tests.consultation.drafts import sample_draft


def populated(lib: Library) -> int:
    """A regulation with a frozen version, a working draft made from it and edited (with a lineage
    row), a round and decided and undecided comments; returns its id."""
    first = lib.import_draft(sample_draft(), stage="起草")
    frozen = lib.freeze(first.id, label="征求意见稿", stage="征求意见", date=dt.date(2024, 5, 1))
    working = lib.new_working_draft(frozen.id)
    draft = lib.load_draft(working.id)
    draft.units.append(Unit(UnitKind.ARTICLE, text="本条例自公布之日起施行。"))
    draft.lineage = {draft.units[-1].uid: ("a12",)}
    lib.save_draft(working.id, draft)
    store = CommentStore(lib)
    round_ = store.add_round(Round(first.regulation_id, frozen.id, Audience.PUBLIC, "第一轮"))
    ids = store.add_comments(
        first.regulation_id,
        [
            Comment(
                f"意见{n}",
                submitter=Submitter(f"张{n}"),
                target=Target("a12" if n % 2 else None),
                round_id=round_.id,
                version_id=frozen.id,
                fingerprint=f"fp{n}",
            )
            for n in range(12)
        ],
    )
    store.decide(ids[:5], Decision(Disposition.ADOPTED, "已采纳", "李四"))
    return first.regulation_id


def package_json(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as bundle:
        data = json.loads(bundle.read("package.json"))
    data.pop("exported")
    return dict(data)


def counts(lib: Library) -> tuple[int, ...]:
    with lib.engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
            for table in (
                "regulation",
                "version",
                "unit",
                "unit_lineage",
                "consultation_round",
                "comment",
            )
        )


@pytest.mark.parametrize("direction", ["from_db_url", "into_db_url"])
def test_export_import_gives_the_same_rows_and_twice_changes_nothing(
    db_url: str, tmp_path: Path, direction: str
) -> None:
    other = str(tmp_path / "other.sqlite3")
    source, target = (db_url, other) if direction == "from_db_url" else (other, db_url)
    with Library.open(source) as lib:
        regulation = populated(lib)
        report = export_regulation(lib, regulation, tmp_path / "reg.zip")
        assert (report.versions, report.rounds, report.comments) == (2, 1, 12)
    with zipfile.ZipFile(tmp_path / "reg.zip") as bundle:
        texts = [n for n in bundle.namelist() if n.startswith("texts/")]
        assert len(texts) == 2
        assert "第十二条" in bundle.read(texts[0]).decode("utf-8")
    with Library.open(target) as lib:
        added = import_package(lib, tmp_path / "reg.zip")
        assert added.new_regulation and (added.versions, added.comments) == (2, 12)
        once = counts(lib)
        export_regulation(lib, added.regulation_id, tmp_path / "again.zip")
        assert package_json(tmp_path / "again.zip") == package_json(tmp_path / "reg.zip")
        twice = import_package(lib, tmp_path / "reg.zip")
        assert (twice.versions, twice.comments, twice.rounds) == (0, 0, 0)
        assert twice.versions_skipped == 2 and twice.comments_skipped == 12
        assert counts(lib) == once
        decided = [c for c in CommentStore(lib).comments(added.regulation_id) if c.decision]
        assert len(decided) == 5 and decided[0].decision.decided_by == "李四"  # type: ignore[union-attr]


def test_newer_work_on_the_other_side_is_added_never_overwritten(
    db_url: str, tmp_path: Path
) -> None:
    with Library.open(tmp_path / "a.sqlite3") as a, Library.open(db_url) as b:
        regulation = populated(a)
        export_regulation(a, regulation, tmp_path / "one.zip")
        in_b = import_package(b, tmp_path / "one.zip").regulation_id
        # B edits its working draft; A freezes a new version and edits its own working draft.
        b_working = next(v for v in b.regulation(in_b).versions if not v.frozen)
        mine = b.load_draft(b_working.id)
        mine.units[0].heading = "总则（乙修改）"
        b.save_draft(b_working.id, mine)
        a_working = next(v for v in a.regulation(regulation).versions if not v.frozen)
        theirs = a.load_draft(a_working.id)
        theirs.units[0].heading = "总则（甲修改）"
        a.save_draft(a_working.id, theirs)
        a.snapshot(a_working.id, label="一审稿", stage="一审", frozen=True)
        CommentStore(a).add_comments(regulation, [Comment("新意见", fingerprint="new")])
        export_regulation(a, regulation, tmp_path / "two.zip")
        merged = import_package(b, tmp_path / "two.zip")
        assert merged.regulation_id == in_b and not merged.new_regulation
        assert (merged.versions, merged.comments) == (2, 1)
        versions = {v.label: v for v in b.regulation(in_b).versions}
        assert set(versions) == {"工作稿", "工作稿（导入）", "一审稿", "征求意见稿"}
        assert b.load_draft(versions["工作稿"].id).units[0].heading == "总则（乙修改）"
        assert b.load_draft(versions["工作稿（导入）"].id).units[0].heading == "总则（甲修改）"
        assert versions["工作稿（导入）"].parent_id == versions["工作稿"].id
        before = counts(b)
        assert import_package(b, tmp_path / "two.zip").versions == 0
        assert counts(b) == before


def test_a_file_that_is_not_a_package_is_refused(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    with Library.open(db_url) as lib:
        with pytest.raises(LibraryError, match="不是法规包"):
            import_package(lib, bad)
        assert lib.is_empty()


def test_package_commands_with_json(tmp_path: Path) -> None:
    source, target = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with Library.open(source) as lib:
        regulation = populated(lib)
    out = tmp_path / "reg.zip"
    run = run_app(
        "package",
        "export",
        "--db",
        str(source),
        "--regulation",
        str(regulation),
        str(out),
        "--json",
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["comments"] == 12
    run = run_app("package", "import", "--db", str(target), str(out), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["added"] == {"versions": 2, "rounds": 1, "comments": 12}
    again = json.loads(run_app("package", "import", "--db", str(target), str(out), "--json").stdout)
    assert again["added"] == {"versions": 0, "rounds": 0, "comments": 0}
    assert again["already_there"]["comments"] == 12
    bad = run_app("package", "import", "--db", str(tmp_path / "c.sqlite3"), str(source))
    assert bad.returncode == 1 and "不是法规包" in bad.stderr
    assert not (tmp_path / "c.sqlite3").exists()


# ---- backup and restore ----------------------------------------------------------------------


def titles(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM regulation ORDER BY id")]


def test_backup_and_restore_round_trip_with_the_guard(tmp_path: Path) -> None:
    db, saved = tmp_path / "lib.sqlite3", tmp_path / "lib.backup"
    with Library.open(db) as lib:
        populated(lib)
        run = run_app("backup", "--db", str(db), str(saved), "--json")  # while it is open
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["bytes"] == saved.stat().st_size > 0
        lib.import_draft(sample_draft())  # a change after the backup
    assert len(titles(db)) == 2 and len(titles(saved)) == 1
    refused = run_app("restore", "--db", str(db), str(saved))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert len(titles(db)) == 2
    run = run_app("restore", "--db", str(db), str(saved), "--force", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["kept"] == str(db) + ".bak"
    assert len(titles(db)) == 1 and len(titles(tmp_path / "lib.sqlite3.bak")) == 2
    with Library.open(db, create=False) as lib:
        assert CommentStore(lib).count(lib.regulations()[0].id) == 12
    # A backup no newer than the library: restored without --force.
    assert run_app("restore", "--db", str(db), str(saved)).returncode == 0


def test_a_damaged_or_foreign_backup_is_refused_and_the_library_kept(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library.open(db) as lib:
        populated(lib)
    before = db.read_bytes()
    text = tmp_path / "notes.txt"
    text.write_text("不是备份", encoding="utf-8")
    run = run_app("restore", "--db", str(db), str(text), "--force")
    assert run.returncode == 1 and "不是法规库" in run.stderr
    assert db.read_bytes() == before


def test_a_server_library_is_pointed_at_pg_dump(pg_server: Any, tmp_path: Path) -> None:
    if pg_server is None:
        pytest.skip("PostgreSQL 未安装")
    url = pg_server.new_database()
    Library.open(url).close()
    run = run_app("backup", "--db", url, str(tmp_path / "x.backup"))
    assert run.returncode == 1 and "pg_dump" in run.stderr
    run = run_app("restore", "--db", url, str(tmp_path / "x.backup"))
    assert run.returncode == 1 and "pg_dump" in run.stderr


def test_printed_labels_tables_and_matter_travel_in_a_package(db_url: str, tmp_path: Path) -> None:
    from drafting.read.parse import parse_text
    from drafting.write.plain_text import render_text

    text = (
        "某市条例\n\n序言\n\n前言文字。\n\n第三条　甲：\n\n（二）乙；\n\n（三）丙。\n\n"
        "第四条　丁。\n\n附件\n\n税目表\n\n| 甲 | 乙 |\n| 丙 | 丁 |\n"
    )
    draft = parse_text(text).draft
    path = tmp_path / "法规包.zip"
    with Library.open(tmp_path / "a.sqlite3", create=True) as source:
        regulation = source.import_draft(draft).regulation_id
        export_regulation(source, regulation, path)
    with Library.open(db_url, create=True) as target:
        import_package(target, path)
        (regulation_info,) = target.regulations()
        (version,) = regulation_info.versions
        assert render_text(target.load_draft(version.id)) == render_text(draft)
    assert "第三条" in render_text(draft) and "（二）乙" in render_text(draft)


def _trail(lib: Library, regulation_id: int) -> dict[str, Any]:
    """What the consultation's trail looks like, by comment content (ids differ per library)."""
    store = CommentStore(lib)
    comments = store.comments(regulation_id)
    content = {c.id: c.content for c in comments}
    history = {
        content[i]: [(e.action.value, e.before, e.after, e.by, e.at, e.batch) for e in entries]
        for i, entries in store.history(regulation_id).items()
    }
    meetings = [(m.kind, m.date, m.place, m.participants, m.minutes) for m in store.meetings(
        regulation_id)]  # fmt: skip
    said_at = {c.content: c.meeting_id is not None for c in comments}
    assigned = {c.content: (c.office, c.handler) for c in comments if c.office or c.handler}
    return {
        "history": history,
        "meetings": meetings,
        "said_at": said_at,
        "assigned": assigned,
        "assignees": store.assignees(regulation_id),
        "groups": sorted(
            sorted(c.content for c in comments if c.cluster_id == g)
            for g in {c.cluster_id for c in comments if c.cluster_id is not None}
        ),
    }


def test_audit_trail_meetings_and_assignees_travel_and_twice_changes_nothing(
    db_url: str, tmp_path: Path
) -> None:
    """Issue 14: the package carries every decision, merge, split, assignment and undo with who
    and when, the meetings with their statements, and the assignees."""
    from consultation.meetings import Meeting, MeetingKind, Minutes

    with Library.open(tmp_path / "source.sqlite3") as lib:
        regulation = populated(lib)
        store = CommentStore(lib)
        ids = [c.id for c in store.comments(regulation) if c.id is not None]
        store.decide(
            ids[5:7], Decision(Disposition.NOT_ADOPTED, "与上位法不一致", "王五"), by="王五"
        )
        store.decide(ids[7:8], Decision(Disposition.PARTLY_ADOPTED, "部分吸收", "王五"), by="王五")
        store.undo_last(regulation, "赵六")
        store.assign(ids[0:3], "法规处", "严华", by="王五")
        store.merge_groups(regulation, ids[8:11], "王五")
        store.split_group(regulation, ids[10:11], "王五")
        meeting = Meeting(
            regulation,
            MeetingKind.HEARING,
            "立法听证会",
            dt.date(2024, 6, 3),
            "市人大常委会",
            ["张某", "李某"],
            "张某（市规划局）：建议删除第十二条。\n李某：同意。",
        )
        stored = store.add_meeting(
            Minutes(
                meeting,
                [
                    Comment(
                        "建议删除第十二条。",
                        Source.DEPARTMENT,
                        Submitter("张某", "市规划局"),
                        target=Target("a12"),
                        fingerprint="m1",
                    ),  # fmt: skip
                    Comment("同意。", fingerprint="m2"),
                ],
                [],
            )
        )
        assert len(stored.ids) == 2
        before = _trail(lib, regulation)
        last = store.last_batch(regulation)
        assert len(before["history"]) >= 8 and before["meetings"] and before["assignees"]
        export_regulation(lib, regulation, tmp_path / "reg.zip")
    data = package_json(tmp_path / "reg.zip")
    assert len(data["meetings"]) == 1 and len(data["audit"]) >= 10
    with Library.open(db_url) as fresh:
        added = import_package(fresh, tmp_path / "reg.zip")
        after = _trail(fresh, added.regulation_id)
        assert after == before  # same audit rows (who, when, what), meetings, assignees, groups
        with fresh.engine.connect() as conn:
            once = [
                conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                for t in ("audit_entry", "meeting", "comment")
            ]
        assert import_package(fresh, tmp_path / "reg.zip").comments == 0
        with fresh.engine.connect() as conn:
            twice = [
                conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                for t in ("audit_entry", "meeting", "comment")
            ]
        assert twice == once
        assert _trail(fresh, added.regulation_id) == before
        # The undo made over there is known here: the next undo here reverts the same batch.
        assert last is not None and CommentStore(fresh).last_batch(added.regulation_id) == last
        export_regulation(fresh, added.regulation_id, tmp_path / "again.zip")
        assert package_json(tmp_path / "again.zip") == data


# ---- tampered packages (tester C fault 7) ----------------------------------------------------


def _rewritten(source: Path, out: Path, change: Any) -> Path:
    with zipfile.ZipFile(source) as bundle:
        data = json.loads(bundle.read("package.json"))
    change(data)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("package.json", json.dumps(data, ensure_ascii=False))
    return out


def _null_first(data: dict[str, Any]) -> None:
    for rows in data.values():
        if isinstance(rows, list) and rows and isinstance(rows[0], dict):
            rows[0] = dict.fromkeys(rows[0])


@pytest.mark.parametrize(
    "change",
    [
        _null_first,
        lambda d: d["regulation"].update(created=None),
        lambda d: d["versions"][0].update(units="x"),
        lambda d: d["comments"][0].update(content=5),
        lambda d: d["comments"][0].update(created="not a time"),
        lambda d: d.update(comments={"a": 1}),
        lambda d: d.update(format_version="1"),
    ],
)
def test_a_tampered_package_is_refused_in_one_line(tmp_path: Path, change: Any) -> None:
    source = tmp_path / "a.sqlite3"
    with Library.open(source) as lib:
        regulation = populated(lib)
        export_regulation(lib, regulation, tmp_path / "reg.zip")
    bad = _rewritten(tmp_path / "reg.zip", tmp_path / "bad.zip", change)
    target = tmp_path / "b.sqlite3"
    run = run_app("package", "import", "--db", str(target), str(bad))
    assert run.returncode == 1
    assert run.stderr.startswith("错误：法规包内容") and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    # The untouched package still imports (the check accepts what export writes).
    good = run_app("package", "import", "--db", str(target), str(tmp_path / "reg.zip"))
    assert good.returncode == 0, good.stderr


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as bundle:
        with bundle.open("package.json", "w", force_zip64=True) as handle:
            chunk = b" " * (1024 * 1024)
            for _ in range(300):  # 300 MB of spaces, a few hundred KB compressed
                handle.write(chunk)
    with Library.open(tmp_path / "b.sqlite3") as lib:
        with pytest.raises(LibraryError, match="法规包过大（300 MB）"):
            import_package(lib, bomb)
