"""The library façade: every operation the UI and the command line need, with no Session in sight.

A library is one SQLite file (the default, in the data folder) or a database server reached by an
SQLAlchemy URL (PostgreSQL for a shared office library). Opening it brings its schema to the
latest alembic revision; a text is stored as unit rows and read back with one query.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

from sqlalchemy import (
    Engine,
    Table,
    create_engine,
    delete,
    event,
    exc,
    func,
    insert,
    inspect,
    literal,
    select,
    update,
)
from sqlalchemy.engine import URL, Connection, make_url

from drafting.model.matter import (
    matter_from_json,
    matter_to_json,
    notes_from_json,
    title_note_printed_from_json,
)
from drafting.model.units import Draft, ReferenceMark, UnitKind
from storage import unit_audit
from storage.comment_tables import comment_table, round_table
from storage.errors import LibraryError
from storage.limits import check_draft, checked_values
from storage.models import (
    KNOWN_REVISIONS,
    SCHEMA_REVISION,
    lineage_table,
    regulation_table,
    unit_audit_table,
    unit_table,
    utc_now,
    version_table,
)
from storage.text_rows import (
    Layout,
    NeedsFullRewrite,
    build_tree,
    insert_lineage,
    insert_units,
    read_lineage,
    tree_query,
    write_all,
    write_changes,
)

log = logging.getLogger("lifa.storage")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
WORKING_LABEL = "工作稿"

# The tables of schema 0001: a database holding other tables but none of these is not ours.
_OWN_TABLES = frozenset({"regulation", "version", "unit"})


#: Version fields as the audit trail names them.
_VERSION_FIELDS = {"label": "稿次名称", "stage": "阶段", "note": "说明", "date": "日期"}

#: The label of an imported text that names no stage of its own.
IMPORTED_LABEL = "导入稿"


class ConflictError(LibraryError):
    """A working version was changed elsewhere (another window or colleague) since it was loaded.

    Saving again cannot help: the text must be opened afresh before it is edited further.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(message or CONFLICT_MESSAGE)


CONFLICT_MESSAGE = "该稿次已在别处被修改（可能是另一个窗口或另一位同事），请重新打开后再编辑"


@dataclass(frozen=True)
class VersionInfo:
    """One version (稿次) as listed: everything but the text tree."""

    id: int
    regulation_id: int
    label: str  # 稿次名: 工作稿, 征求意见稿, 一审稿 …
    stage: str  # 起草, 征求意见, 一审 … (free text, may be "")
    frozen: bool  # a frozen version never changes
    created: dt.datetime  # UTC, timezone-aware
    date: dt.date | None  # the version's official date
    note: str
    parent_id: int | None  # the version it was made from
    articles: int  # article count, stored at save time
    title: str
    modified: dt.datetime | None = None  # UTC, timezone-aware: last save of the text
    source: str = ""  # where the text came from as imported (示例 for the demo drafts)


@dataclass(frozen=True)
class RegulationInfo:
    """One regulation (法规项目) with its versions: working drafts first, then frozen newest first."""

    id: int
    title: str
    kind: str  # 制定 / 修订 / 修正
    created: dt.datetime  # UTC, timezone-aware
    versions: tuple[VersionInfo, ...]


class Library:
    """An open library. Use ``Library.open``; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, location: str, *, created: bool = False) -> None:
        self._engine: Engine | None = engine
        self.location = location
        #: True when this open made the library (a new file, or an empty database given schema).
        self.created = created
        #: Who the audit trail names for this library's changes, asked at each change (the
        #: window sets the drafter's name from its settings); the login name by default.
        self.user_name: Callable[[], str] = unit_audit.login_name

    # ---- opening and closing -----------------------------------------------------------------

    @classmethod
    def open(cls, target: str | Path | None = None, *, create: bool = True) -> Library:
        """Open the library at a file path or SQLAlchemy URL; ``created`` tells if it is new.

        None opens the default library in the data folder. A missing file is made (with its
        folders) only with ``create``; without it LibraryError 找不到法规库 (a typo in a path
        must not leave an empty library behind). The schema is brought to the latest revision.
        A file that is not a library is refused with LibraryError and left untouched.
        """
        url, location = _resolve_target(target)
        sqlite_file = _sqlite_file(url)
        new_file = False
        if sqlite_file is not None:
            new_file = _check_sqlite_file(sqlite_file, create=create)
        engine = _make_engine(url, location)
        try:
            with database_errors("打开法规库", location):
                with engine.connect() as conn:
                    if sqlite_file is not None and not new_file:
                        _check_pages(conn, location)
                    state = _schema_state(conn)
                if state == "new" and sqlite_file is None and not create:
                    # As a missing file is not made without ``create``: a list or a typo in
                    # a server address must not leave tables behind in someone's database.
                    raise LibraryError(
                        f"数据库 {location} 中还没有法规库（是空数据库）；请先用"
                        " python app.py --db 地址（启动窗口）或 python app.py import --db 地址 文件 建立"
                    )
                if url.get_backend_name() == "sqlite":
                    _enable_wal(engine)
                if state != "current":
                    _upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, location, created=new_file or state == "new")

    def close(self) -> None:
        """Release the database; the library cannot be used afterwards."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        """The open engine (for storage's own modules, never for the UI)."""
        if self._engine is None:
            raise LibraryError("法规库已关闭")
        return self._engine

    # ---- reading -----------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """True when the library holds no regulation."""
        with database_errors("读取法规库", self.location), self.engine.connect() as conn:
            return conn.execute(select(regulation_table.c.id).limit(1)).first() is None

    def regulations(self) -> list[RegulationInfo]:
        """Every regulation with its versions, oldest regulation first; no text is loaded."""
        with database_errors("读取法规库", self.location), self.engine.connect() as conn:
            regulations = conn.execute(
                select(regulation_table).order_by(regulation_table.c.id)
            ).all()
            versions = conn.execute(select(version_table)).all()
        by_regulation: dict[int, list[VersionInfo]] = {}
        for row in versions:
            by_regulation.setdefault(row.regulation_id, []).append(_version_info(row))
        return [_regulation_info(reg, by_regulation.get(reg.id, [])) for reg in regulations]

    def regulation(self, regulation_id: int) -> RegulationInfo:
        """One regulation with its versions."""
        with database_errors("读取法规库", self.location), self.engine.connect() as conn:
            reg = _get_regulation(conn, regulation_id)
            versions = conn.execute(
                select(version_table).where(version_table.c.regulation_id == regulation_id)
            ).all()
            return _regulation_info(reg, [_version_info(v) for v in versions])

    def version(self, version_id: int) -> VersionInfo:
        """One version's details."""
        with database_errors("读取法规库", self.location), self.engine.connect() as conn:
            return _version_info(_get_version(conn, version_id))

    def find_same_text(self, draft: Draft) -> VersionInfo | None:
        """A version already in the library that holds this very text (a re-import of the same
        file): the same words as ``render_text`` writes them (title, 题注, preamble, every
        unit, notes and appendices), or the same words under another title. The newest such
        version, or None. Only versions with the same title or the same number of articles
        are loaded, so this stays cheap in a large library."""
        from drafting.write.plain_text import render_text

        count = _article_count(draft)
        with database_errors("读取法规库", self.location), self.engine.connect() as conn:
            rows = conn.execute(
                select(version_table)
                .where(
                    (version_table.c.title == draft.title) | (version_table.c.articles == count)
                )
                .order_by(version_table.c.id.desc())
            ).all()
        if not rows:
            return None
        text = render_text(draft)
        body = text.split("\n", 1)[-1]
        for row in rows:
            other = render_text(self.load_draft(row.id))
            if other == text or other.split("\n", 1)[-1] == body:
                return _version_info(row)
        return None

    def load_draft(self, version_id: int) -> Draft:
        """The text of a version, rebuilt from its unit rows in one query.

        The draft's ``base_revision`` is the version's revision as read: ``save_draft`` refuses
        to overwrite a text saved elsewhere since.
        """
        with (
            database_errors("读取稿次", self.location),
            self.engine.connect() as conn,
            conn.begin(),  # one snapshot: the revision belongs to the units read
        ):
            head = conn.execute(
                select(
                    version_table.c.title,
                    version_table.c.title_note,
                    version_table.c.revision,
                    version_table.c.matter,
                    version_table.c.reference_marks,
                ).where(version_table.c.id == version_id)
            ).first()
            if head is None:
                raise LibraryError(f"找不到稿次 {version_id}")
            rows = conn.execute(tree_query(version_id)).all()
            lineage = read_lineage(conn, version_id)
        matter = json.loads(head.matter) if head.matter else None
        preamble, appendices = matter_from_json(matter)
        return Draft(
            title=head.title,
            title_note=head.title_note,
            title_note_printed=title_note_printed_from_json(matter),
            units=build_tree(rows),
            lineage=lineage,
            base_revision=head.revision,
            preamble=preamble,
            appendices=appendices,
            notes=notes_from_json(matter),
            reference_marks=_marks_from(head.reference_marks),
        )

    def load_lineage(self, version_id: int) -> dict[str, tuple[str, ...]]:
        """A version's lineage (new uid → the uids it came from) without loading its text."""
        with database_errors("读取稿次", self.location), self.engine.connect() as conn:
            return read_lineage(conn, version_id)

    # ---- writing -----------------------------------------------------------------------------

    def import_draft(
        self,
        draft: Draft,
        *,
        label: str = "",
        stage: str = "",
        source: str = "",
        kind: str = "制定",
    ) -> VersionInfo:
        """A new regulation whose first (working) version holds the draft.

        ``label`` is the stage label the text carried (征求意见稿); without one it is 导入稿.
        """
        label = label or IMPORTED_LABEL
        check_draft(draft, "导入")  # before any write: bad uids refused, NULs removed
        regulation = checked_values(regulation_table, {"title": draft.title, "kind": kind})
        version = checked_values(
            version_table,
            {
                "label": label,
                "stage": stage,
                "frozen": False,
                "source": source,
                "title": draft.title,
                "title_note": draft.title_note,
                "articles": _article_count(draft),
                "matter": _matter(draft),
                "reference_marks": _marks_json(draft),
            },
        )
        with database_errors("导入", self.location), self.engine.begin() as conn:
            regulation_id = _insert_row(conn, regulation_table, **regulation)
            version_id = _insert_row(conn, version_table, regulation_id=regulation_id, **version)
            insert_units(conn, version_id, draft)
            insert_lineage(conn, version_id, draft)
            row = _get_version(conn, version_id)
            unit_audit.record_version(conn, row, "create", self._by(), source or "导入")
            return _version_info(row)

    def save_draft(
        self, version_id: int, draft: Draft, *, changed: Collection[str] | None = None
    ) -> int:
        """Replace the text of a working version, all or nothing (optimistic concurrency).

        A draft from ``load_draft`` carries the revision it was read at: the text is written
        only if the version still is at that revision, else ConflictError (another window or
        colleague saved in between) and nothing is written. On success the revision goes up
        by one and ``draft.base_revision`` follows, so the next save of the same draft works.
        A draft not read from the library (base_revision None) is written unconditionally.

        ``changed``: the uids the edits since the draft was read (or last saved) touched —
        changed, inserted, removed or moved (``EditResult.touched``). Only their rows and
        those that follow from them (sibling positions, a removed unit's children …) are
        compared and written. None means anything may have changed: every row is rewritten,
        as it also is for a draft not read from the library or when the stored rows do not
        add up to the draft after the partial write. Returns how many unit and lineage
        rows were written (deleted, inserted or updated).
        """
        seen = draft.base_revision
        check_draft(draft)
        layout = Layout.of(draft)
        with (
            database_errors("保存", self.location),
            self.engine.connect() as conn,
            conn.begin(),
        ):
            # The guarded UPDATE is the first statement: on SQLite it takes the write lock
            # and sees the latest commit; on a server it locks the row until commit.
            guard = [version_table.c.id == version_id, version_table.c.frozen.is_(False)]
            if seen is not None:
                guard.append(version_table.c.revision == seen)
            bumped = conn.execute(
                update(version_table)
                .where(*guard)
                .values(
                    revision=version_table.c.revision + 1,
                    title=draft.title,
                    title_note=draft.title_note,
                    articles=layout.articles,
                    modified=utc_now(),
                    matter=_matter(draft),
                    reference_marks=_marks_json(draft),
                )
                .returning(
                    version_table.c.revision,
                    version_table.c.id,
                    version_table.c.regulation_id,
                    version_table.c.created,
                    version_table.c.label,
                )
            ).first()
            if bumped is None:
                _refuse_save(conn, version_id, seen)
            written = None
            if changed is not None and seen is not None:
                try:
                    written = write_changes(conn, version_id, layout, changed)
                except NeedsFullRewrite as why:
                    log.info("稿次 %s 改为整体保存：%s", version_id, why)
            if written is None:
                written = write_all(conn, version_id, draft)
            # The record goes with the save, in its transaction. Without the list of touched
            # units the save is recorded for the whole version.
            if changed is None:
                unit_audit.record_version(conn, bumped, "edit", self._by(), "整稿保存")
            else:
                unit_audit.record_units(conn, bumped, changed, self._by())
        draft.base_revision = bumped.revision
        return written

    def _by(self) -> str:
        """The name the audit trail records now (never raises: a record must not stop a save)."""
        try:
            name = self.user_name().strip()
        except Exception:  # noqa: BLE001 — a broken settings hook must not lose a save
            log.exception("无法取得用户名")
            name = ""
        return name or unit_audit.login_name() or "（未知）"

    def history(
        self,
        regulation_id: int,
        uid: str | Collection[str] | None = None,
        *,
        versions: bool = True,
    ) -> list[unit_audit.AuditEntry]:
        """The audit trail of a regulation's texts, oldest first: of one unit (in every version)
        when ``uid`` is given, with the version events (made, frozen, changed, deleted) when
        ``versions``. See ``storage.unit_audit``."""
        with database_errors("读取修改记录", self.location), self.engine.connect() as conn:
            return unit_audit.history(conn, regulation_id, uid, versions=versions)

    def snapshot(
        self,
        version_id: int,
        *,
        label: str,
        stage: str = "",
        note: str = "",
        frozen: bool = False,
        date: dt.date | None = None,
    ) -> VersionInfo:
        """A new version of the same regulation holding a copy of this one (same uids)."""
        given = checked_values(version_table, {"label": label, "stage": stage, "note": note})
        with database_errors("生成稿次", self.location), self.engine.begin() as conn:
            source = _get_version(conn, version_id)
            new_id = _insert_row(
                conn,
                version_table,
                regulation_id=source.regulation_id,
                frozen=frozen,
                date=date,
                **given,
                parent_id=source.id,
                title=source.title,
                title_note=source.title_note,
                articles=source.articles,
                matter=source.matter,
                reference_marks=source.reference_marks,
            )
            columns = [c for c in unit_table.c if c.name != "version_id"]
            conn.execute(
                insert(unit_table).from_select(
                    ["version_id", *(c.name for c in columns)],
                    select(literal(new_id), *columns).where(unit_table.c.version_id == version_id),
                )
            )
            # The lineage goes with the text: comments on an earlier version follow a
            # split or merge made in any version after it.
            conn.execute(
                insert(lineage_table).from_select(
                    ["version_id", "uid", "origin_uid"],
                    select(literal(new_id), lineage_table.c.uid, lineage_table.c.origin_uid).where(
                        lineage_table.c.version_id == version_id
                    ),
                )
            )
            row = _get_version(conn, new_id)
            unit_audit.record_version(
                conn, row, "freeze" if frozen else "create", self._by(), f"由「{source.label}」生成"
            )
            return _version_info(row)

    def freeze(
        self,
        version_id: int,
        *,
        label: str,
        stage: str = "",
        note: str = "",
        date: dt.date | None = None,
    ) -> VersionInfo:
        """Freeze a working version under a label; stage, note and date change only when given."""
        values: dict[str, Any] = {"frozen": True, "label": label}
        if stage:
            values["stage"] = stage
        if note:
            values["note"] = note
        if date is not None:
            values["date"] = date
        values = checked_values(version_table, values)
        with database_errors("定稿", self.location), self.engine.begin() as conn:
            info = _change_working_version(conn, version_id, values)
            unit_audit.record_version(conn, _get_version(conn, version_id), "freeze", self._by())
            return info

    def new_working_draft(self, from_version_id: int) -> VersionInfo:
        """A working draft (工作稿) made from any version, keeping its uids."""
        return self.snapshot(from_version_id, label=WORKING_LABEL)

    def add_version(
        self,
        from_version_id: int,
        draft: Draft,
        *,
        label: str = WORKING_LABEL,
        stage: str = "",
        note: str = "",
        detail: str = "",
    ) -> VersionInfo:
        """A new working version of the same regulation as ``from_version_id`` (its parent)
        holding ``draft`` — a text made from that version elsewhere (a 修改决定 applied to it),
        its uids and lineage as the draft carries them, so that comparisons by uid, comments
        and history follow. One transaction: all or nothing. ``detail``: what the audit trail
        says about where it came from (default: 由「parent」生成).

        LibraryError when the parent is gone or the draft is refused (``check_draft``).
        """
        check_draft(draft, "生成稿次")
        given = checked_values(version_table, {"label": label, "stage": stage, "note": note})
        values = checked_values(
            version_table,
            {
                "title": draft.title,
                "title_note": draft.title_note,
                "articles": _article_count(draft),
                "matter": _matter(draft),
                "reference_marks": _marks_json(draft),
            },
        )
        with database_errors("生成稿次", self.location), self.engine.begin() as conn:
            source = _get_version(conn, from_version_id)
            new_id = _insert_row(
                conn,
                version_table,
                regulation_id=source.regulation_id,
                frozen=False,
                parent_id=source.id,
                **given,
                **values,
            )
            insert_units(conn, new_id, draft)
            insert_lineage(conn, new_id, draft)
            row = _get_version(conn, new_id)
            unit_audit.record_version(
                conn, row, "create", self._by(), detail or f"由「{source.label}」生成"
            )
            return _version_info(row)

    def update_version(
        self,
        version_id: int,
        *,
        label: str | None = None,
        stage: str | None = None,
        note: str | None = None,
        date: dt.date | None = None,
    ) -> VersionInfo:
        """Change a working version's label, stage, note or date (None leaves a field as it is).

        A frozen version never changes: LibraryError.
        """
        if label is not None:
            label = label.strip()
            if not label:
                raise LibraryError("稿次名称不能为空")
        values: dict[str, Any] = {}
        if label is not None:
            values["label"] = label
        if stage is not None:
            values["stage"] = stage.strip()
        if note is not None:
            values["note"] = note.strip()
        if date is not None:
            values["date"] = date
        values = checked_values(version_table, values)
        with database_errors("修改稿次", self.location), self.engine.begin() as conn:
            info = _change_working_version(conn, version_id, values)
            if values:
                detail = "、".join(_VERSION_FIELDS.get(k, k) for k in values)
                row = _get_version(conn, version_id)
                unit_audit.record_version(conn, row, "change", self._by(), detail)
            return info

    def delete_version(self, version_id: int) -> None:
        """Delete a working version and its text; a frozen one, or a regulation's last, is kept.

        Versions made from it are re-linked to its own parent, so their lineage stays whole.
        """
        with database_errors("删除稿次", self.location), self.engine.begin() as conn:
            version = _get_version(conn, version_id, for_update=True)
            if version.frozen:
                raise LibraryError("稿次已冻结，不能删除")
            others = conn.execute(
                select(func.count())
                .select_from(version_table)
                .where(
                    version_table.c.regulation_id == version.regulation_id,
                    version_table.c.id != version_id,
                )
            ).scalar_one()
            if not others:
                raise LibraryError("这是该法规唯一的稿次，不能删除；如要删除，请删除整部法规")
            conn.execute(
                update(version_table)
                .where(version_table.c.parent_id == version_id)
                .values(parent_id=version.parent_id)
            )
            conn.execute(delete(unit_table).where(unit_table.c.version_id == version_id))
            conn.execute(delete(lineage_table).where(lineage_table.c.version_id == version_id))
            conn.execute(delete(version_table).where(version_table.c.id == version_id))
            unit_audit.record_version(conn, version, "delete", self._by())

    def lineage(self, version_id: int) -> list[VersionInfo]:
        """The version and the versions it was made from, newest first (parent, grandparent …)."""
        with database_errors("读取稿次", self.location), self.engine.connect() as conn:
            chain: list[VersionInfo] = []
            seen: set[int] = set()
            row: Any = _get_version(conn, version_id)
            while row is not None and row.id not in seen:  # a cycle cannot arise; guard anyway
                seen.add(row.id)
                chain.append(_version_info(row))
                row = (
                    conn.execute(
                        select(version_table).where(version_table.c.id == row.parent_id)
                    ).first()
                    if row.parent_id
                    else None
                )
            return chain

    def rename_regulation(self, regulation_id: int, title: str) -> None:
        """Give a regulation a new name (the texts of its versions keep their own titles)."""
        title = checked_values(regulation_table, {"title": title.strip()})["title"]
        if not title:
            raise LibraryError("法规名称不能为空")
        with database_errors("重命名", self.location), self.engine.begin() as conn:
            _get_regulation(conn, regulation_id)
            conn.execute(
                update(regulation_table)
                .where(regulation_table.c.id == regulation_id)
                .values(title=title)
            )

    def delete_regulation(self, regulation_id: int) -> None:
        """Delete a regulation with all its versions and texts."""
        with database_errors("删除", self.location), self.engine.begin() as conn:
            _get_regulation(conn, regulation_id)
            versions = select(version_table.c.id).where(
                version_table.c.regulation_id == regulation_id
            )
            # Explicit deletes, not only ON DELETE CASCADE: the outcome must not depend on
            # whether a connection enforces foreign keys. Comments and rounds go first
            # (they point at the versions and the regulation).
            conn.execute(
                delete(comment_table).where(comment_table.c.regulation_id == regulation_id)
            )
            conn.execute(delete(round_table).where(round_table.c.regulation_id == regulation_id))
            conn.execute(delete(unit_table).where(unit_table.c.version_id.in_(versions)))
            conn.execute(delete(lineage_table).where(lineage_table.c.version_id.in_(versions)))
            conn.execute(
                delete(unit_audit_table).where(unit_audit_table.c.regulation_id == regulation_id)
            )
            conn.execute(
                delete(version_table).where(version_table.c.regulation_id == regulation_id)
            )
            conn.execute(delete(regulation_table).where(regulation_table.c.id == regulation_id))


# ---- opening ---------------------------------------------------------------------------------


def _resolve_target(target: str | Path | None) -> tuple[URL, str]:
    """The URL to connect to and the location to show."""
    if isinstance(target, str) and "://" in target:
        try:
            url = make_url(target)
        except exc.ArgumentError as error:
            raise LibraryError(f"无法识别的数据库地址：{target}") from error
        return url, url.render_as_string(hide_password=True)
    if target is None:
        from storage.paths import default_library_path

        path = default_library_path()
    else:
        path = Path(target).expanduser()
    return URL.create("sqlite+pysqlite", database=str(path)), str(path)


def _sqlite_file(url: URL) -> Path | None:
    """The file behind an SQLite URL (None for a server or an in-memory database)."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def _check_sqlite_file(path: Path, *, create: bool) -> bool:
    """Refuse a path that is not an SQLite file, without writing to it; True when it is new.

    A missing file is refused without ``create``; with it, its folder is made.
    """
    if path.is_dir():
        raise LibraryError(f"无法打开法规库：{path} 是文件夹")
    if not path.exists():
        if not create:
            raise LibraryError(f"找不到法规库：{path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"无法创建法规库文件夹：{path.parent}（{error.strerror}）"
            ) from error
        return True
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise LibraryError(f"无法打开法规库文件：{path}（{error.strerror}）") from error
    # An empty file is an empty database to SQLite: it becomes a new library.
    if header and header != SQLITE_HEADER:
        raise LibraryError(f"不是法规库文件：{path}")
    return not header


def _make_engine(url: URL, location: str) -> Engine:
    """An engine for the URL; on SQLite with foreign keys, a busy timeout and real transactions."""
    try:
        if url.get_backend_name() != "sqlite":
            return create_engine(url, pool_pre_ping=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        log.warning("无法连接数据库 %s：%s", location, error)
        raise LibraryError(f"无法连接数据库 {location}：缺少数据库驱动或地址有误") from error

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (the
        # SQLAlchemy recipe): reads and writes of one operation then share one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _schema_state(conn: Connection) -> str:
    """'new' (no tables), 'current', or 'old' (upgradable); LibraryError for anything else.

    Reads only: a foreign database is refused before anything is written to it.
    """
    tables = {t for t in inspect(conn).get_table_names() if not t.startswith("sqlite_")}
    if not tables:
        return "new"
    if "alembic_version" not in tables or not _OWN_TABLES <= tables:
        raise LibraryError("不是法规库：数据库中有其他程序的数据")
    revisions = {row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")}
    if revisions == {SCHEMA_REVISION}:
        return "current"
    if revisions and revisions <= set(KNOWN_REVISIONS):
        return "old"
    unknown = sorted(revisions - set(KNOWN_REVISIONS))
    if unknown and all(_newer_revision(r) for r in unknown):
        raise LibraryError("此法规库由更新版本的程序创建，请升级程序")
    shown = "、".join(unknown) or "（空）"
    raise LibraryError(
        f"法规库的结构版本 {shown} 无法识别：它不是本程序或其更新版本建立的，"
        "可能已被其他程序改动；请从备份恢复（python app.py restore）"
    )


def _newer_revision(revision: str) -> bool:
    """True for a revision a later program would write: our numbering, past our head."""
    head = SCHEMA_REVISION[:4]  # a branch's head may carry a suffix (0010w13)
    return revision[:4].isdigit() and revision[:4] > head and len(revision) >= len(head)


def _check_pages(conn: Connection, location: str) -> None:
    """Refuse an SQLite library whose pages are damaged (PRAGMA quick_check), before any read
    could show half of it or any write could spread the damage; the message points at restore.

    quick_check reads every page once without checking index contents against the tables
    (integrity_check does that too, at several times the cost), which is what a torn or
    overwritten page shows up in.
    """
    rows = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check").fetchmany(20)]
    if rows != ["ok"]:
        # The details go to the log file only: the drafter gets the one-line message below.
        log.info("法规库 %s 完整性检查未通过：%s", location, "; ".join(map(str, rows)))
        raise LibraryError(DAMAGED_MESSAGE.format(location=location))


def _enable_wal(engine: Engine) -> None:
    """Switch the file to WAL journalling (kept in the file, so this is done once in effect)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    finally:
        raw.close()


def _upgrade(engine: Engine) -> None:
    """Run the alembic migrations to head over the library's own connection, in one transaction."""
    # Imported here: a library already at head never loads alembic (start-up time).
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


@contextmanager
def database_errors(action: str, location: str) -> Iterator[None]:
    """Turn database failures into a LibraryError with a one-line Chinese message.

    The one mapping for all of storage (the library and the comment store). The driver's own
    (English) text goes to the log, never to the user.
    """
    try:
        yield
    except LibraryError:
        raise
    except exc.SQLAlchemyError as error:
        detail = _first_line(error)
        log.warning("%s失败（%s）：%s", action, location, detail)
        raise LibraryError(f"{action}失败：{_user_message(error, detail, location)}") from error


# Driver texts (lower case) → what the drafter is told. SQLite and psycopg wordings both.
_OPERATIONAL_MESSAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("locked", "busy"), "法规库正被其他程序占用，请稍后再试"),
    (("readonly", "read-only", "read only"), "法规库文件是只读的，无法写入（请检查文件权限）"),
    (("disk i/o", "i/o error"), "读写法规库文件时出错（磁盘或网络盘可能有故障）"),
    (("database or disk is full", "disk full", "no space"), "磁盘已满，无法写入法规库"),
    (("no such table", "no such column", "undefinedtable"), "法规库结构不完整或已损坏"),
    (
        ("password authentication", "authentication failed"),
        "无法登录数据库服务器：用户名或密码不对",
    ),
    (
        ('database "',),  # psycopg: database "lifa" does not exist
        "数据库服务器在运行，但其上没有这个数据库：{location}（请检查库名，或请管理员先建库）",
    ),
    (
        ('role "',),  # psycopg: role "x" does not exist
        "数据库服务器在运行，但不认识这个用户：{location}（请检查用户名）",
    ),
    (
        ("no pg_hba.conf entry", "permission denied"),
        "数据库服务器拒绝了这次连接或操作：没有权限（请管理员检查用户的权限）",
    ),
    (
        ("too many connections", "remaining connection slots"),
        "数据库服务器的连接数已满，请稍后再试",
    ),
    (
        ("starting up", "shutting down", "in recovery mode", "terminating connection"),
        "数据库服务器正在启动、关闭或恢复中，请稍后再试",
    ),
    (
        (
            "connection refused",
            "could not connect",
            "timeout",
            "timed out",
            "could not translate host",
            "server closed the connection",
            "connection to server",
            "no route to host",
        ),
        "无法连接数据库服务器 {location}（服务器未启动、地址有误或网络不通）",
    ),
    (("unable to open", "cannot open"), "无法打开法规库 {location}（文件不存在或没有访问权限）"),
)


def _user_message(error: exc.SQLAlchemyError, detail: str, location: str) -> str:
    """The Chinese reason for a database failure (after 'X失败：')."""
    text = detail.lower()
    if isinstance(error, exc.IntegrityError):
        if "unique" in text or "duplicate" in text:
            return "法规库中已有相同的记录（数据重复）"
        if "foreign key" in text:
            return "所指的法规、稿次或征求意见轮次已不存在（可能已在别处删除）"
        return "数据违反法规库的约束"
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        for needles, message in _OPERATIONAL_MESSAGES:
            if any(needle in text for needle in needles):
                return message.format(location=location)
        return f"无法访问法规库 {location}"
    if isinstance(error, exc.DataError):
        # The library checks lengths and NULs before writing (storage.limits); this is the
        # server refusing something that still got through.
        if "too long" in text:
            return "有内容超出法规库字段的长度限制（详情见日志）"
        if "nul" in text or "0x00" in text:
            return "文本中含有数据库不能保存的空字符（NUL）"
        return "数据库服务器拒绝了这项数据（详情见日志）"
    if isinstance(error, exc.DatabaseError):
        if any(n in text for n in ("locked", "busy")):
            return _OPERATIONAL_MESSAGES[0][1]
        if any(n in text for n in ("malformed", "corrupt", "not a database")):
            return DAMAGED_MESSAGE.format(location=location)
        if "does not exist" in text and ("relation" in text or "column" in text):
            return "法规库结构不完整或已损坏"  # PostgreSQL's wording of "no such table"
        if _sqlite_location(location):
            return "法规库文件已损坏或不是法规库"
        return "数据库服务器拒绝了这项操作（详情见日志）"
    return "法规库出错（详情见日志）"


#: A library whose pages are damaged: what to do is restore a backup.
DAMAGED_MESSAGE = (
    "法规库文件 {location} 已损坏（完整性检查未通过）；请从备份恢复"
    "（python app.py restore --db 法规库 备份文件），或把文件交给技术人员"
)


def _sqlite_location(location: str) -> bool:
    """True when the location shown is a file, not a server address."""
    return "://" not in location or location.startswith("sqlite")


def _first_line(error: exc.SQLAlchemyError) -> str:
    origin = getattr(error, "orig", None) or error
    return str(origin).strip().splitlines()[0] if str(origin).strip() else type(error).__name__


# ---- rows and infos --------------------------------------------------------------------------


def _aware(value: dt.datetime) -> dt.datetime:
    """Stored times are UTC; SQLite hands them back without a zone."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _version_info(row: Any) -> VersionInfo:
    return VersionInfo(
        id=row.id,
        regulation_id=row.regulation_id,
        label=row.label,
        stage=row.stage,
        frozen=bool(row.frozen),
        created=_aware(row.created),
        date=row.date,
        note=row.note,
        parent_id=row.parent_id,
        articles=row.articles,
        title=row.title,
        modified=_aware(row.modified) if row.modified else None,
        source=row.source or "",
    )


def _regulation_info(row: Any, versions: list[VersionInfo]) -> RegulationInfo:
    # Working drafts first, then frozen versions, newest first in each group (ids only grow).
    ordered = sorted(versions, key=lambda v: (v.frozen, -v.id))
    return RegulationInfo(
        id=row.id,
        title=row.title,
        kind=row.kind,
        created=_aware(row.created),
        versions=tuple(ordered),
    )


def _refuse_save(conn: Connection, version_id: int, seen: int | None) -> NoReturn:
    """The guarded save matched no row: say why (unknown, frozen, or saved elsewhere)."""
    row = conn.execute(
        select(version_table.c.frozen, version_table.c.revision).where(
            version_table.c.id == version_id
        )
    ).first()
    if row is None:
        raise LibraryError(f"找不到稿次 {version_id}")
    if row.frozen:
        raise LibraryError("稿次已冻结，不能修改")
    log.warning(
        "稿次 %s 保存冲突：载入时为第 %s 版，库中已是第 %s 版", version_id, seen, row.revision
    )
    raise ConflictError()


def _get_version(conn: Connection, version_id: int, *, for_update: bool = False) -> Any:
    """The version's row (columns as attributes); LibraryError 找不到稿次 when there is none."""
    query = select(version_table).where(version_table.c.id == version_id)
    if for_update:
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise LibraryError(f"找不到稿次 {version_id}")
    return row


def _get_regulation(conn: Connection, regulation_id: int) -> Any:
    """The regulation's row; LibraryError 找不到法规 when there is none."""
    query = select(regulation_table).where(regulation_table.c.id == regulation_id)
    row = conn.execute(query).first()
    if row is None:
        raise LibraryError(f"找不到法规 {regulation_id}")
    return row


def _insert_row(conn: Connection, table: Table, **values: Any) -> int:
    """Insert one row (column defaults fill the rest) and return its new id."""
    key = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _change_working_version(
    conn: Connection, version_id: int, values: dict[str, Any]
) -> VersionInfo:
    """Set fields of a version that is not frozen (LibraryError if it is); its details after."""
    if _get_version(conn, version_id, for_update=True).frozen:
        raise LibraryError("稿次已冻结，不能修改")
    if values:
        conn.execute(update(version_table).where(version_table.c.id == version_id).values(values))
    return _version_info(_get_version(conn, version_id))


def _marks_json(draft: Draft) -> str:
    """The references kept marked as broken, as stored: JSON, or "" for none."""
    if not draft.reference_marks:
        return ""
    data = [[m.unit_uid, m.start, m.text, m.detail] for m in draft.reference_marks]
    return json.dumps(data, ensure_ascii=False)


def _marks_from(stored: str | None) -> tuple[ReferenceMark, ...]:
    """The inverse of _marks_json; a row that cannot be read is dropped (a mark only
    keeps words marked: losing one shows the reference as found again, it changes no text)."""
    if not stored:
        return ()
    try:
        return tuple(
            ReferenceMark(str(uid), int(start), str(text), str(detail))
            for uid, start, text, detail in json.loads(stored)
        )
    except (ValueError, TypeError):
        log.warning("援引标记无法读取，已忽略")
        return ()


def _matter(draft: Draft) -> str:
    """The preamble, appendices, notes and the 题注 as printed, as JSON text; "" when the
    draft has none."""
    printed = draft.title_note_printed if draft.printed_title_note() is not None else None
    if draft.preamble is None and not draft.appendices and not draft.notes and not printed:
        return ""
    data = matter_to_json(draft.preamble, draft.appendices, draft.notes, printed)
    return json.dumps(data, ensure_ascii=False)


def _article_count(draft: Draft) -> int:
    return sum(1 for unit in draft.walk() if unit.kind is UnitKind.ARTICLE)
