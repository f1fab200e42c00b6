"""A regulation as one file that travels between offline machines, and merging it back.

A package is a zip holding ``package.json`` — the regulation, every version with its unit and
lineage rows, the consultation rounds, the comments with their decisions and assignments, the
meetings they were said at and the audit trail of decisions, merges, splits, assignments and
undos (issue 14), the audit trail of units and versions (``storage.unit_audit``) — and, for people,
``texts/NN 稿次名.txt``, the plain-text render of each version (never read back).

Rows are written without their database ids: references between them (a version's parent, a
comment's round and version) use keys inside the package. What identifies a record across
libraries is its creation time, stamped once in microseconds and carried over by every import:
the regulation's and each version's and round's ``created``; a comment's ``created`` with its
content, submitter and target. Units are identified by uid within their version, as everywhere.

Importing merges without duplicates: a record already there is skipped (importing twice changes
nothing); a version that is not there is added with its text (a newer version made on the
other machine); a working version both sides have but whose text differs on the other side is
added as a new working version beside the local one (``label（导入）``) — nothing local is ever
overwritten. A decision the other side made on a comment still undecided here is taken over.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from drafting.write.plain_text import render_text
from storage import unit_audit
from storage.comment_tables import audit_table, comment_table, meeting_table, round_table
from storage.errors import LibraryError
from storage.library import Library, database_errors
from storage.limits import checked_values
from storage.models import lineage_table, regulation_table, unit_table, version_table
from storage.text_rows import build_tree

FORMAT = "lifa-regulation-package"
FORMAT_VERSION = 1
MANIFEST = "package.json"
#: A package's JSON is read whole: refuse one that is larger than any regulation needs.
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # a regulation with 10,000 comments: a few MB

#: Every column of a unit row but its version: printed labels and tables travel too.
_UNIT_FIELDS = tuple(c.name for c in unit_table.c if c.name != "version_id")


@dataclass(frozen=True)
class PackageReport:
    """What an export wrote or an import added (counts of records)."""

    regulation_id: int
    title: str
    versions: int
    comments: int
    rounds: int
    versions_skipped: int = 0
    comments_skipped: int = 0
    rounds_skipped: int = 0
    new_regulation: bool = False


# ---- values in JSON --------------------------------------------------------------------------


def _out(value: Any) -> Any:
    """A column value as JSON: times and dates in ISO form (microseconds kept)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row_out(row: Any, skip: Iterable[str] = ("id",)) -> dict[str, Any]:
    skipped = set(skip)
    return {k: _out(v) for k, v in row._mapping.items() if k not in skipped}


def _in(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """JSON values back into column values (times, dates), only the table's own columns."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        column = table.c.get(key)
        if column is None:
            continue  # a column a newer program added: left out, never an error
        kind = column.type.python_type if hasattr(column.type, "python_type") else None
        if value is not None and kind is dt.datetime:
            value = dt.datetime.fromisoformat(value)
        elif value is not None and kind is dt.date:
            value = dt.date.fromisoformat(value)
        out[key] = value
    return checked_values(table, out)


def _stamp(value: Any) -> str:
    """A creation time as the key it is compared by (microseconds, no zone)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return str(value.replace(tzinfo=None).isoformat(timespec="microseconds"))


# ---- export ----------------------------------------------------------------------------------


def export_regulation(library: Library, regulation_id: int, out: Path) -> PackageReport:
    """Write one regulation with everything that belongs to it to the zip ``out``.

    Read in one transaction (one snapshot); the zip is written next to ``out`` and moved in
    place, so a failed export leaves no half file. Raises LibraryError.
    """
    data = _collect(library, regulation_id)
    tmp = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr(MANIFEST, json.dumps(data, ensure_ascii=False, indent=1))
            for n, version in enumerate(data["versions"], 1):
                draft_rows = version["units"]
                draft = _draft_of(version, draft_rows)
                name = re.sub(r'[\\/:*?"<>|\s]+', "_", version["label"])[:40]
                bundle.writestr(f"texts/{n:02d} {name}.txt", render_text(draft) + "\n")
        tmp.replace(out)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"无法写出文件：{out}（{error.strerror}）") from error
    return PackageReport(
        regulation_id,
        data["regulation"]["title"],
        len(data["versions"]),
        len(data["comments"]),
        len(data["rounds"]),
    )


def _collect(library: Library, regulation_id: int) -> dict[str, Any]:
    with (
        database_errors("导出法规", library.location),
        library.engine.connect() as conn,
        conn.begin(),
    ):
        reg = conn.execute(
            select(regulation_table).where(regulation_table.c.id == regulation_id)
        ).first()
        if reg is None:
            raise LibraryError(f"找不到法规 {regulation_id}")
        versions = conn.execute(
            select(version_table)
            .where(version_table.c.regulation_id == regulation_id)
            .order_by(version_table.c.id)
        ).all()
        version_keys = {v.id: n for n, v in enumerate(versions, 1)}
        out_versions = []
        for v in versions:
            row = _row_out(v, ("id", "regulation_id", "parent_id"))
            row["key"] = version_keys[v.id]
            row["parent"] = version_keys.get(v.parent_id) if v.parent_id else None
            units = conn.execute(
                select(*(unit_table.c[f] for f in _UNIT_FIELDS)).where(
                    unit_table.c.version_id == v.id
                )
            ).all()
            # Sorted here, not in SQL: NULLs and collations order differently per backend,
            # and a package must read the same whichever library it came from.
            row["units"] = sorted(([*u] for u in units), key=lambda u: (u[1] or "", u[2], u[0]))
            lineage = conn.execute(
                select(lineage_table.c.uid, lineage_table.c.origin_uid).where(
                    lineage_table.c.version_id == v.id
                )
            ).all()
            row["lineage"] = sorted([*pair] for pair in lineage)
            out_versions.append(row)
        rounds = conn.execute(
            select(round_table)
            .where(round_table.c.regulation_id == regulation_id)
            .order_by(round_table.c.id)
        ).all()
        out_rounds, round_keys = _keyed_rows(rounds, "version_id", "version", version_keys)
        comments = conn.execute(
            select(comment_table)
            .where(comment_table.c.regulation_id == regulation_id)
            .order_by(comment_table.c.id)
        ).all()
        trail = _collect_consultation_trail(conn, regulation_id, comments, round_keys)
        meeting_keys = trail.pop("meeting_keys")
        out_comments = []
        for c in comments:
            row = _row_out(c, ("id", "regulation_id", "round_id", "version_id", "meeting_id"))
            row["round"] = round_keys.get(c.round_id) if c.round_id else None
            row["version"] = version_keys.get(c.version_id) if c.version_id else None
            row["meeting"] = meeting_keys.get(c.meeting_id) if c.meeting_id else None
            out_comments.append(row)
        out_unit_audit = _collect_unit_audit(conn, regulation_id, version_keys)
    return {
        **trail,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported": _out(dt.datetime.now(dt.UTC)),
        "regulation": _row_out(reg),
        "versions": out_versions,
        "rounds": out_rounds,
        "comments": out_comments,
        "unit_audit": out_unit_audit,
    }


def _draft_of(version: dict[str, Any], rows: list[list[Any]]) -> Any:
    from drafting.model.units import Draft

    tree_rows = [(u[0], u[1], *u[3:]) for u in sorted(rows, key=lambda u: (u[1] or "", u[2]))]
    return Draft(
        title=version.get("title", ""),
        title_note=version.get("title_note", ""),
        units=build_tree(tree_rows),
    )


# ---- import ----------------------------------------------------------------------------------


def read_package(path: Path) -> dict[str, Any]:
    """The package's JSON, checked for its format; LibraryError with the reason otherwise."""
    try:
        with zipfile.ZipFile(path) as bundle:
            try:
                info = bundle.getinfo(MANIFEST)
            except KeyError:
                raise LibraryError(f"不是法规包：{path}（缺少 {MANIFEST}）") from None
            # A declared size past the cap is refused before inflating anything (a zip bomb);
            # the size in the directory may lie: read at most one byte past the cap.
            if info.file_size > MAX_MANIFEST_BYTES:
                raise LibraryError(
                    f"法规包过大（{info.file_size // 1024 // 1024} MB），拒绝读取：{path}"
                )
            with bundle.open(info) as handle:
                raw = handle.read(MAX_MANIFEST_BYTES + 1)
            if len(raw) > MAX_MANIFEST_BYTES:
                raise LibraryError(f"法规包过大，拒绝读取：{path}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as error:
        raise LibraryError(f"不是法规包（不是有效的 zip 文件）：{path}") from error
    except OSError as error:
        raise LibraryError(f"无法读取文件：{path}（{error.strerror}）") from error
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise LibraryError(f"法规包内容已损坏：{path}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LibraryError(f"不是法规包：{path}")
    version = data.get("format_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise LibraryError(f"法规包内容已损坏：{path}（format_version 不是整数）")
    if version > FORMAT_VERSION:
        raise LibraryError(f"此法规包由更新版本的程序导出，请升级程序：{path}")
    problem = _shape_problem(data)
    if problem:
        raise LibraryError(f"法规包内容不完整或已损坏：{path}（{problem}）")
    return data


#: The records a package holds: list name → the table its rows go to, and the keys each row
#: must carry with their JSON types (besides the table's own columns, checked by type).
_LISTS: dict[str, tuple[Table, dict[str, tuple[type, ...]]]] = {
    "versions": (
        version_table,
        {"key": (int,), "created": (str,), "units": (list,), "lineage": (list,)},
    ),
    "rounds": (round_table, {"key": (int,), "created": (str,)}),
    "comments": (comment_table, {"created": (str,), "content": (str,)}),
    "meetings": (meeting_table, {"key": (int,), "created": (str,)}),
    "audit": (audit_table, {"at": (str,)}),
}
_JSON_TYPES: dict[type, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (int, float),
    bool: (bool, int),
    dt.datetime: (str,),
    dt.date: (str,),
}


def _row_problem(table: Table, row: Any, required: dict[str, tuple[type, ...]]) -> str:
    """What is wrong with one record of the package (Chinese), "" when its shape is right: a
    record that is not an object, a required key missing or of the wrong type, a column value of
    the wrong type, or a value missing that the column requires."""
    if not isinstance(row, dict):
        return "记录不是对象"
    for key, kinds in required.items():
        value = row.get(key)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            return f"“{key}”缺失或类型不对"
    for key, value in row.items():
        column = table.c.get(key)
        if column is None or key in ("id", "regulation_id"):
            continue
        if value is None:
            if not column.nullable and not column.primary_key and not column.foreign_keys:
                return f"“{key}”不能为空"
            continue
        try:
            kind = column.type.python_type
        except NotImplementedError:
            continue
        allowed = _JSON_TYPES.get(kind)
        if allowed is None:
            continue
        if not isinstance(value, allowed) or (isinstance(value, bool) and kind is not bool):
            return f"“{key}”类型不对"
        if kind in (dt.datetime, dt.date) and isinstance(value, str):
            try:
                (dt.datetime if kind is dt.datetime else dt.date).fromisoformat(value)
            except ValueError:
                return f"“{key}”不是日期时间"
    return ""


def _shape_problem(data: dict[str, Any]) -> str:
    """Types checked up front, so a tampered package (nulls, wrong types) is refused with a
    reason instead of failing halfway (Chinese; "" when the shape is right)."""
    regulation = data.get("regulation")
    problem = _row_problem(regulation_table, regulation, {"created": (str,), "title": (str,)})
    if problem:
        return f"法规：{problem}"
    for name, (table, required) in _LISTS.items():
        rows = data.get(name, [] if name in ("meetings", "audit") else None)
        if not isinstance(rows, list):
            return f"“{name}”缺失或不是列表"
        for n, row in enumerate(rows, 1):
            problem = _row_problem(table, row, required)
            if problem:
                return f"{name} 第{n}条：{problem}"
            if name == "versions" and not all(
                isinstance(x, list) for x in (*row["units"], *row["lineage"])
            ):
                return f"{name} 第{n}条：条文行类型不对"
    extra = data.get("unit_audit")
    if extra is not None and not (
        isinstance(extra, list) and all(isinstance(x, dict) for x in extra)
    ):
        return "“unit_audit”类型不对"
    return ""


def import_package(library: Library, path: Path) -> PackageReport:
    """Merge the package at ``path`` into the library, all in one transaction (see the module
    docstring for what is added and what is skipped). Raises LibraryError with the reason."""
    data = read_package(path)
    try:
        with database_errors("导入法规包", library.location), library.engine.begin() as conn:
            return _merge(conn, data)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise LibraryError(f"法规包内容不完整或已损坏：{path}（{error!r}）") from error


def _merge(conn: Connection, data: dict[str, Any]) -> PackageReport:
    reg_in = data["regulation"]
    created = _stamp(reg_in["created"])
    existing = [
        r
        for r in conn.execute(select(regulation_table.c.id, regulation_table.c.created)).all()
        if _stamp(r.created) == created
    ]
    new_regulation = not existing
    if existing:
        regulation_id = existing[0].id
    else:
        regulation_id = _insert(conn, regulation_table, _in(regulation_table, reg_in))

    # Versions, in package order (a parent comes before the versions made from it).
    local = conn.execute(
        select(version_table).where(version_table.c.regulation_id == regulation_id)
    ).all()
    by_stamp = {_stamp(v.created): v for v in local}
    version_ids: dict[int, int] = {}
    added = skipped = 0
    for v in data["versions"]:
        units = v["units"]
        lineage = v["lineage"]
        mine = by_stamp.get(_stamp(v["created"]))
        if mine is not None and (mine.frozen or _same_text(conn, mine.id, units, lineage)):
            version_ids[v["key"]] = mine.id
            skipped += 1
            continue
        if mine is not None:
            # Their edit of a working version both have: brought in before as a copy beside it?
            copies = [
                row.id
                for row in conn.execute(
                    select(version_table.c.id).where(version_table.c.parent_id == mine.id)
                )
                if _same_text(conn, row.id, units, lineage)
            ]
            if copies:
                version_ids[v["key"]] = copies[0]
                skipped += 1
                continue
        values = _in(version_table, v)
        values["regulation_id"] = regulation_id
        values["parent_id"] = version_ids.get(v["parent"]) if v.get("parent") else None
        if mine is not None:  # a working version both have, edited on the other side
            values["label"] = checked_values(version_table, {"label": f"{mine.label}（导入）"})[
                "label"
            ]
            values["created"] = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            values["parent_id"] = mine.id
            values["revision"] = 0
        new_id = _insert(conn, version_table, values)
        version_ids[v["key"]] = new_id
        _insert_text(conn, new_id, units, lineage)
        added += 1

    # Rounds.
    local_rounds = {
        _stamp(r.created): r.id
        for r in conn.execute(
            select(round_table.c.id, round_table.c.created).where(
                round_table.c.regulation_id == regulation_id
            )
        )
    }
    round_ids: dict[int, int] = {}
    rounds_added = rounds_skipped = 0
    for r in data["rounds"]:
        stamp = _stamp(r["created"])
        if stamp in local_rounds:
            round_ids[r["key"]] = local_rounds[stamp]
            rounds_skipped += 1
            continue
        values = _in(round_table, r)
        values["regulation_id"] = regulation_id
        values["version_id"] = version_ids.get(r["version"]) if r.get("version") else None
        round_ids[r["key"]] = local_rounds[stamp] = _insert(conn, round_table, values)
        rounds_added += 1

    meeting_ids = _merge_meetings(conn, data, regulation_id, round_ids)

    # Comments.
    c = comment_table.c
    local_comments = {
        _comment_key(row): row
        for row in conn.execute(
            select(
                c.id,
                c.created,
                c.content,
                c.submitter_name,
                c.target_uid,
                c.disposition,
                c.office,
                c.handler,
            ).where(c.regulation_id == regulation_id)
        )
    }
    fingerprints = set(
        conn.execute(
            select(c.fingerprint).where(
                c.regulation_id == regulation_id, c.fingerprint.is_not(None)
            )
        ).scalars()
    )
    new_rows: list[dict[str, Any]] = []
    comments_skipped = 0
    for item in data["comments"]:
        mine = local_comments.get(_comment_key(item))
        if mine is None and item.get("fingerprint") in fingerprints:
            comments_skipped += 1  # the same file row imported on both machines
            continue
        if mine is not None:
            comments_skipped += 1
            if mine.disposition is None and item.get("disposition"):
                conn.execute(
                    update(comment_table)
                    .where(c.id == mine.id)
                    .values(
                        **_in(
                            comment_table,
                            {k: item.get(k) for k in ("disposition", "reason", "decided_by")}
                            | {"decided_at": item.get("decided_at")},
                        )
                    )
                )
            _take_assignment(conn, mine, item)
            continue
        values = _in(comment_table, item)
        values["regulation_id"] = regulation_id
        values["round_id"] = round_ids.get(item["round"]) if item.get("round") else None
        values["version_id"] = version_ids.get(item["version"]) if item.get("version") else None
        values["meeting_id"] = meeting_ids.get(item["meeting"]) if item.get("meeting") else None
        new_rows.append(values)
    for at in range(0, len(new_rows), 2000):
        conn.execute(insert(comment_table), new_rows[at : at + 2000])
    _merge_audit(conn, data, regulation_id)
    _merge_unit_audit(conn, data, regulation_id, version_ids)
    return PackageReport(
        regulation_id,
        str(reg_in["title"]),
        added,
        len(new_rows),
        rounds_added,
        versions_skipped=skipped,
        comments_skipped=comments_skipped,
        rounds_skipped=rounds_skipped,
        new_regulation=new_regulation,
    )


# ---- the consultation's trail: meetings, audit rows, assignments (issue 14) ------------------
#
# Kept apart from the code above so that other tables' records can join the package beside
# them. A comment is named in the package by its place in ``comments`` (1, 2, …), mapped back to
# a local id by ``_comment_key`` on import; a meeting by its ``key``; an audit row is the same
# row in another library when its batch, action and comment are (batches are uuids).


#: Audit entities whose ``entity_id`` is a comment id.
_ON_COMMENTS = ("comment", "group")


def _keyed_rows(
    rows: Sequence[Any], link_column: str, link: str, link_keys: dict[int, int]
) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """Rows (rounds, meetings) as package parts named by a ``key`` (1, 2, … in row order)
    instead of their ids, the row they point at by its package key under ``link`` (a round's
    version, a meeting's round); returns (the parts, {id: key})."""
    keys = {r.id: n for n, r in enumerate(rows, 1)}
    out = []
    for r in rows:
        row = _row_out(r, ("id", "regulation_id", link_column))
        row["key"] = keys[r.id]
        target = getattr(r, link_column)
        row[link] = link_keys.get(target) if target else None
        out.append(row)
    return out, keys


def _collect_consultation_trail(
    conn: Connection, regulation_id: int, comments: Sequence[Any], round_keys: dict[int, int]
) -> dict[str, Any]:
    """The regulation's meetings and audit trail as package parts: {"meetings": […],
    "audit": […], "meeting_keys": {meeting id: key}} (the last for the comments' rows, not
    written)."""
    meetings = conn.execute(
        select(meeting_table)
        .where(meeting_table.c.regulation_id == regulation_id)
        .order_by(meeting_table.c.id)
    ).all()
    out_meetings, meeting_keys = _keyed_rows(meetings, "round_id", "round", round_keys)
    comment_keys = {c.id: n for n, c in enumerate(comments, 1)}
    out_audit = []
    for a in conn.execute(
        select(audit_table)
        .where(audit_table.c.regulation_id == regulation_id)
        .order_by(audit_table.c.id)
    ):
        row = _row_out(a, ("id", "regulation_id", "entity_id"))
        # Both a decision ("comment") and a regrouping ("group") name a comment by its id; one
        # deleted since keeps its trail, pointing at no comment (None, stored as 0).
        row["comment"] = comment_keys.get(a.entity_id) if a.entity in _ON_COMMENTS else None
        out_audit.append(row)
    return {"meetings": out_meetings, "audit": out_audit, "meeting_keys": meeting_keys}


def _merge_meetings(
    conn: Connection, data: dict[str, Any], regulation_id: int, round_ids: dict[int, int]
) -> dict[int, int]:
    """Add the package's meetings that are not here (same fingerprint, else same creation
    time); returns package key → local meeting id."""
    m = meeting_table.c
    local = conn.execute(
        select(m.id, m.fingerprint, m.created).where(m.regulation_id == regulation_id)
    ).all()
    by_print = {r.fingerprint: r.id for r in local if r.fingerprint}
    by_stamp = {_stamp(r.created): r.id for r in local}
    ids: dict[int, int] = {}
    for item in data.get("meetings", []):
        found = by_print.get(item.get("fingerprint") or "") or by_stamp.get(_stamp(item["created"]))
        if found is None:
            values = _in(meeting_table, item)
            values["regulation_id"] = regulation_id
            values["round_id"] = round_ids.get(item["round"]) if item.get("round") else None
            found = _insert(conn, meeting_table, values)
        ids[item["key"]] = found
    return ids


def _take_assignment(conn: Connection, mine: Any, item: dict[str, Any]) -> None:
    """A comment both sides have, assigned over there and to nobody here: take it over."""
    if mine.office or mine.handler or not (item.get("office") or item.get("handler")):
        return
    conn.execute(
        update(comment_table)
        .where(comment_table.c.id == mine.id)
        .values(**_in(comment_table, {k: item.get(k) or "" for k in ("office", "handler")}))
    )


def _merge_audit(conn: Connection, data: dict[str, Any], regulation_id: int) -> int:
    """Add the package's audit rows that are not here, each on the local comment it records;
    returns how many were added."""
    c = comment_table.c
    local_ids: dict[tuple[str, str, str, str], int] = {}
    by_print: dict[str, int] = {}
    for row in conn.execute(
        select(c.id, c.created, c.content, c.submitter_name, c.target_uid, c.fingerprint).where(
            c.regulation_id == regulation_id
        )
    ):
        local_ids.setdefault(_comment_key(row), row.id)
        if row.fingerprint:
            by_print[row.fingerprint] = row.id
    comment_ids: dict[int, int] = {}
    for n, item in enumerate(data["comments"], 1):
        found = local_ids.get(_comment_key(item)) or by_print.get(item.get("fingerprint") or "")
        if found is not None:
            comment_ids[n] = found
    a = audit_table.c
    known = {
        (r.batch, r.action, r.entity_id, _stamp(r.at))
        for r in conn.execute(
            select(a.batch, a.action, a.entity_id, a.at).where(a.regulation_id == regulation_id)
        )
    }
    rows: list[dict[str, Any]] = []
    for item in data.get("audit", []):
        entity_id = comment_ids.get(item["comment"], 0) if item.get("comment") else 0
        identity = (item.get("batch", ""), item.get("action", ""), entity_id, _stamp(item["at"]))
        if identity in known:
            continue
        known.add(identity)
        values = _in(audit_table, item)
        values["regulation_id"] = regulation_id
        values["entity_id"] = entity_id
        rows.append(values)
    for at in range(0, len(rows), 2000):
        conn.execute(insert(audit_table), rows[at : at + 2000])
    return len(rows)


# ---- the audit trail of texts (issue 15; storage.unit_audit) -------------------------------


def _collect_unit_audit(
    conn: Connection, regulation_id: int, version_keys: dict[int, int]
) -> list[dict[str, Any]]:
    """Who changed which unit and version, and when: every record, versions by package key."""
    return unit_audit.collect(conn, regulation_id, version_keys)


def _merge_unit_audit(
    conn: Connection, data: dict[str, Any], regulation_id: int, version_ids: dict[int, int]
) -> int:
    """The package's records this library lacks (a package from before 0009 has none)."""
    return unit_audit.merge(conn, data.get("unit_audit") or [], regulation_id, version_ids)


def _comment_key(row: Any) -> tuple[str, str, str, str]:
    get = row.get if isinstance(row, dict) else row._mapping.get
    return (
        _stamp(get("created")),
        str(get("content") or "").replace("\x00", ""),
        str(get("submitter_name") or "").replace("\x00", ""),
        str(get("target_uid") or ""),
    )


def _insert(conn: Connection, table: Table, values: dict[str, Any]) -> int:
    values = {k: v for k, v in values.items() if k != "id"}
    key = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _insert_text(
    conn: Connection, version_id: int, units: list[list[Any]], lineage: list[list[str]]
) -> None:
    rows = [
        checked_values(
            unit_table, {"version_id": version_id, **dict(zip(_UNIT_FIELDS, u, strict=True))}
        )
        for u in units
    ]
    for at in range(0, len(rows), 2000):
        conn.execute(insert(unit_table), rows[at : at + 2000])
    if lineage:
        conn.execute(
            insert(lineage_table),
            [
                checked_values(lineage_table, {"version_id": version_id, "uid": a, "origin_uid": b})
                for a, b in lineage
            ],
        )


def _same_text(
    conn: Connection, version_id: int, units: list[list[Any]], lineage: list[list[str]]
) -> bool:
    """True when the stored text of the version is the package's, row for row."""
    stored = {
        tuple(row)
        for row in conn.execute(
            select(*(unit_table.c[f] for f in _UNIT_FIELDS)).where(
                unit_table.c.version_id == version_id
            )
        )
    }
    theirs = {tuple(u) for u in units}
    if stored != theirs:
        return False
    stored_lineage = {
        tuple(r)
        for r in conn.execute(
            select(lineage_table.c.uid, lineage_table.c.origin_uid).where(
                lineage_table.c.version_id == version_id
            )
        )
    }
    return stored_lineage == {tuple(p) for p in lineage}


__all__ = ["PackageReport", "export_regulation", "import_package", "read_package"]
