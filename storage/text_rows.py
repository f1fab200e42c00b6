"""A version's text as unit rows: the full write, the read back, and the write of what changed.

A unit row is (version_id, uid) → parent uid, position among its siblings, kind, numbering,
heading, text, the printed label (a number lock) and a 款's table. ``write_all`` replaces every row of a version; ``write_changes`` compares
only the rows an edit can have touched with what is stored and writes the difference, so an
autosave after one word on the 民法典 writes one row instead of 3,523. Both leave the
same rows behind (tests/storage/test_save_changes.py checks it edit by edit).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, delete, func, insert, select, update

from drafting.model.matter import table_from_json, table_to_json
from drafting.model.units import Draft, Numbering, Unit, UnitKind
from storage.models import lineage_table, unit_table

#: The columns a unit row holds besides its keys and place; ``unit_values`` gives them for a
#: unit and ``unit_from_values`` reads them back: the one place to add a column.
UNIT_COLUMNS = ("kind", "numbering", "heading", "text", "label", "table_json")

#: A stored row without its keys: (parent_uid, position, *the UNIT_COLUMNS values).
Row = tuple[Any, ...]

_KINDS = {kind.value: kind for kind in UnitKind}
_NUMBERINGS = {numbering.value: numbering for numbering in Numbering}


def unit_values(unit: Unit) -> tuple[Any, ...]:
    """The UNIT_COLUMNS values of a unit, in that order."""
    table = json.dumps(table_to_json(unit.table), ensure_ascii=False) if unit.table else ""
    return (unit.kind.value, unit.numbering.value, unit.heading, unit.text, unit.label, table)


def unit_from_values(uid: str, values: Sequence[Any]) -> Unit:
    """A unit (without children) from its uid and UNIT_COLUMNS values."""
    kind, numbering, heading, text, label, table = values
    return Unit(
        kind=_KINDS[kind],
        text=text,
        heading=heading,
        uid=uid,
        numbering=_NUMBERINGS[numbering],
        label=label,
        table=table_from_json(json.loads(table)) if table else None,
    )


#: Above this share of the units touched, the full rewrite is as quick and simpler.
FULL_REWRITE_SHARE = 0.5

# SQLite allows 32,766 host parameters a statement (3.32+); stay well under any backend's limit.
_CHUNK = 500


@dataclass
class Layout:
    """Where every unit of a draft stands: uid → (unit, parent uid, position); built in one walk."""

    draft: Draft
    places: dict[str, tuple[Unit, str | None, int]]
    articles: int  # how many articles (stored with the version)

    @classmethod
    def of(cls, draft: Draft) -> Layout:
        places: dict[str, tuple[Unit, str | None, int]] = {}
        articles = 0
        article = UnitKind.ARTICLE
        stack: list[tuple[Sequence[Unit], str | None]] = [(draft.units, None)]
        while stack:
            siblings, parent_uid = stack.pop()
            for position, unit in enumerate(siblings):
                places[unit.uid] = (unit, parent_uid, position)
                if unit.kind is article:
                    articles += 1
                if unit.children:
                    stack.append((unit.children, unit.uid))
        return cls(draft, places, articles)

    def children(self, container: str | None) -> Sequence[Unit]:
        """The current children of a unit (None: the top level); none for a unit not there."""
        if container is None:
            return self.draft.units
        place = self.places.get(container)
        return place[0].children if place is not None else ()

    def row(self, uid: str) -> Row:
        """The row the unit ``uid`` should have."""
        unit, parent_uid, position = self.places[uid]
        return (parent_uid, position, *unit_values(unit))


# ---- the whole text ------------------------------------------------------------------------


def unit_rows(version_id: int, draft: Draft) -> list[dict[str, Any]]:
    """One row per unit: parent uid and position among siblings stand for the tree."""
    rows: list[dict[str, Any]] = []
    stack: list[tuple[Sequence[Unit], str | None]] = [(draft.units, None)]
    while stack:
        siblings, parent_uid = stack.pop()
        for position, unit in enumerate(siblings):
            row = {
                "version_id": version_id,
                "uid": unit.uid,
                "parent_uid": parent_uid,
                "position": position,
            }
            row.update(zip(UNIT_COLUMNS, unit_values(unit), strict=True))
            rows.append(row)
            if unit.children:
                stack.append((unit.children, unit.uid))
    return rows


def insert_units(conn: Connection, version_id: int, draft: Draft) -> int:
    """Write the tree with one executemany (Core, not ORM objects: thousands of rows)."""
    rows = unit_rows(version_id, draft)
    if rows:
        conn.execute(insert(unit_table), rows)
    return len(rows)


def insert_lineage(conn: Connection, version_id: int, draft: Draft) -> int:
    """One row per (uid, origin) of the draft's lineage."""
    rows = _lineage_rows(version_id, draft.lineage)
    if rows:
        conn.execute(insert(lineage_table), rows)
    return len(rows)


def write_all(conn: Connection, version_id: int, draft: Draft) -> int:
    """Replace every unit and lineage row of the version with the draft's; rows inserted."""
    conn.execute(delete(unit_table).where(unit_table.c.version_id == version_id))
    conn.execute(delete(lineage_table).where(lineage_table.c.version_id == version_id))
    return insert_units(conn, version_id, draft) + insert_lineage(conn, version_id, draft)


def read_lineage(conn: Connection, version_id: int) -> dict[str, tuple[str, ...]]:
    """The lineage rows of a version as new uid → sorted origin uids."""
    rows = conn.execute(
        select(lineage_table.c.uid, lineage_table.c.origin_uid)
        .where(lineage_table.c.version_id == version_id)
        .order_by(lineage_table.c.uid, lineage_table.c.origin_uid)
    ).all()
    lineage: dict[str, list[str]] = {}
    for uid, origin in rows:
        lineage.setdefault(uid, []).append(origin)
    return {uid: tuple(origins) for uid, origins in lineage.items()}


def build_tree(rows: Sequence[Any]) -> list[Unit]:
    """Rebuild the tree from (uid, parent_uid, *UNIT_COLUMNS) rows.

    The rows come ordered by parent and position, so each list of children fills in order.
    """
    children: dict[str | None, list[Unit]] = {}
    units: list[Unit] = []
    for uid, parent_uid, *values in rows:
        unit = unit_from_values(uid, values)
        units.append(unit)
        children.setdefault(parent_uid, []).append(unit)
    for unit in units:
        unit.children = children.get(unit.uid, [])
    return children.get(None, [])


def tree_query(version_id: int) -> Select[Any]:
    """The rows ``build_tree`` takes, for one version, in the order it needs."""
    c = unit_table.c
    return (
        select(c.uid, c.parent_uid, *(c[name] for name in UNIT_COLUMNS))
        .where(c.version_id == version_id)
        .order_by(c.parent_uid, c.position)
    )


# ---- what changed --------------------------------------------------------------------------


class NeedsFullRewrite(Exception):
    """The rows an edit touched cannot be told apart with confidence: write everything."""


def write_changes(
    conn: Connection, version_id: int, layout: Layout, touched: Collection[str]
) -> int:
    """Bring the stored rows of the version to the draft, looking only where edits touched.

    ``touched``: the uids an edit named (``EditResult.touched``): changed text or heading,
    inserted, removed, moved. Every unit whose words changed must be among them (nothing else
    tells a changed text from a stored one); for the structure, the comparison spreads on
    its own to whatever else must follow: the siblings of a unit that came or went (their
    positions), the children of a unit that was removed, inserted or emptied (a split hands a
    款's items to the new 款), the old and the new place of a moved unit — naming the top of a
    subtree that came or went is enough. Only rows that differ are written.

    Returns how many rows were written. Raises NeedsFullRewrite (nothing left half-done that
    the caller's transaction does not roll back or overwrite) when the stored rows do not
    add up to the draft afterwards, so a hint that missed a change never goes unnoticed.
    """
    places = layout.places
    if len(touched) > FULL_REWRITE_SHARE * max(len(places), 1):
        raise NeedsFullRewrite("too many units touched")
    stored: dict[str, Row] = {}
    fetched: set[str] = set()  # uids whose stored row was looked up (found or not)
    seen_units: set[str] = set()
    seen_containers: set[str | None] = set()
    compare: set[str] = set()  # uids whose row is compared with the stored one
    units = set(touched)
    while units:
        _fetch_units(conn, version_id, units - fetched, stored)
        fetched |= units
        seen_units |= units
        containers: set[str | None] = set()
        for uid in units:
            containers.add(uid)  # its own children may have come or gone
            if uid in places:
                compare.add(uid)
                containers.add(places[uid][1])
            if uid in stored:
                containers.add(stored[uid][0])
        containers -= seen_containers
        seen_containers |= containers
        stored_children = _fetch_children(conn, version_id, containers, stored, fetched)
        units = set()
        for container in containers:
            here = {unit.uid for unit in layout.children(container)}
            compare |= here
            was = stored_children.get(container, set())
            # Came in (new, or moved here) or went away (removed, or moved elsewhere).
            units |= here - was
            units |= {uid for uid in was if uid not in places or places[uid][1] != container}
        units -= seen_units
    written = _write_difference(conn, version_id, layout, stored, fetched, compare)
    total = conn.execute(
        select(func.count()).select_from(unit_table).where(unit_table.c.version_id == version_id)
    ).scalar_one()
    if total != len(places):
        raise NeedsFullRewrite(f"{total} rows stored for {len(places)} units")
    return written + _write_lineage(conn, version_id, layout.draft)


def _row_columns() -> list[Any]:
    """uid, then the stored Row: parent uid, position and the UNIT_COLUMNS."""
    c = unit_table.c
    return [c.uid, c.parent_uid, c.position, *(c[name] for name in UNIT_COLUMNS)]


def _fetch_units(
    conn: Connection, version_id: int, uids: Iterable[str], stored: dict[str, Row]
) -> None:
    """Read the stored rows of these uids into ``stored`` (a uid not stored is left out)."""
    wanted = list(uids)
    c = unit_table.c
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = conn.execute(
            select(*_row_columns()).where(c.version_id == version_id, c.uid.in_(chunk))
        )
        for uid, *rest in rows:
            stored[uid] = tuple(rest)


def _fetch_children(
    conn: Connection,
    version_id: int,
    containers: set[str | None],
    stored: dict[str, Row],
    fetched: set[str],
) -> dict[str | None, set[str]]:
    """The stored children of each container (None: the top level), their rows into ``stored``."""
    c = unit_table.c
    columns = _row_columns()
    queries = []
    if None in containers:
        queries.append(select(*columns).where(c.version_id == version_id, c.parent_uid.is_(None)))
    named = [uid for uid in containers if uid is not None]
    for start in range(0, len(named), _CHUNK):
        chunk = named[start : start + _CHUNK]
        queries.append(select(*columns).where(c.version_id == version_id, c.parent_uid.in_(chunk)))
    children: dict[str | None, set[str]] = {}
    for query in queries:
        for uid, *rest in conn.execute(query):
            row: Row = tuple(rest)
            stored[uid] = row
            fetched.add(uid)
            children.setdefault(row[0], set()).add(uid)
    return children


def _write_difference(
    conn: Connection,
    version_id: int,
    layout: Layout,
    stored: dict[str, Row],
    fetched: set[str],
    compare: set[str],
) -> int:
    """Delete the rows of units gone, insert the new, update those that differ."""
    places = layout.places
    gone = [uid for uid in fetched if uid in stored and uid not in places]
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for uid in compare:
        row = layout.row(uid)
        before = stored.get(uid)
        if before == row:
            continue
        values = {"b_uid": uid, "parent_uid": row[0], "position": row[1]}
        values.update(zip(UNIT_COLUMNS, row[2:], strict=True))
        (new if before is None else changed).append(values)
    c = unit_table.c
    for start in range(0, len(gone), _CHUNK):
        conn.execute(
            delete(unit_table).where(
                c.version_id == version_id, c.uid.in_(gone[start : start + _CHUNK])
            )
        )
    if new:
        conn.execute(
            insert(unit_table),
            [{"version_id": version_id, "uid": v.pop("b_uid"), **v} for v in new],
        )
    if changed:
        conn.execute(
            update(unit_table)
            .where(c.version_id == version_id, c.uid == bindparam("b_uid"))
            .values({name: bindparam(name) for name in ("parent_uid", "position", *UNIT_COLUMNS)}),
            changed,
        )
    return len(gone) + len(new) + len(changed)


def _lineage_rows(version_id: int, lineage: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    return [
        {"version_id": version_id, "uid": uid, "origin_uid": origin}
        for uid, origins in lineage.items()
        for origin in dict.fromkeys(origins)
    ]


def _write_lineage(conn: Connection, version_id: int, draft: Draft) -> int:
    """Bring the lineage rows to the draft's (a handful of rows: read them all, write the rest)."""
    c = lineage_table.c
    query = select(c.uid, c.origin_uid).where(c.version_id == version_id)
    stored = {(uid, origin) for uid, origin in conn.execute(query)}
    wanted = {(row["uid"], row["origin_uid"]) for row in _lineage_rows(version_id, draft.lineage)}
    for uid, origin in stored - wanted:
        conn.execute(
            delete(lineage_table).where(
                c.version_id == version_id, c.uid == uid, c.origin_uid == origin
            )
        )
    added = wanted - stored
    if added:
        conn.execute(
            insert(lineage_table),
            [{"version_id": version_id, "uid": uid, "origin_uid": o} for uid, o in sorted(added)],
        )
    return len(stored - wanted) + len(added)
