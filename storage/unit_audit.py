"""The audit trail of texts: who changed which unit, and who made, froze, changed or deleted
which version, and when (table ``unit_audit``, revision 0009).

Rows are written by the Library in the same transaction as what they record (a save, a
freeze …), so a record never exists without its change nor a change without its record. The
name is the drafter's as set in the program (``Library.user_name``), the login name when none
was set. Autosave saves every few seconds: saves of the same unit by the same person within
``RUN_MINUTES`` extend one row (``last_at``) instead of adding one per save.

Packages carry the rows (``collect`` / ``merge``): a row is the same record in another library
when its first time, person, action, unit and version creation time agree, so importing twice
adds nothing.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from storage.base import utc_now
from storage.limits import checked_values
from storage.models import unit_audit_table, version_table

#: Action codes as stored → what the drafter reads.
ACTIONS: dict[str, str] = {
    "edit": "修改",
    "create": "新建稿次",
    "freeze": "定稿",
    "change": "修改稿次信息",
    "delete": "删除稿次",
}
#: Saves of one unit by one person closer together than this extend one record.
RUN_MINUTES = 10
_CHUNK = 500  # uids per IN (…): well under every backend's parameter limit

t = unit_audit_table


@dataclass(frozen=True)
class AuditEntry:
    """One record as shown: ``unit_uid`` None for a record about the whole version."""

    action: str  # a key of ACTIONS
    by: str
    at: dt.datetime  # UTC, aware: the first save of the run
    last_at: dt.datetime  # UTC, aware: the last save of the run (== at for a single event)
    version_id: int | None  # None when the version is not in this library (deleted)
    version_label: str
    unit_uid: str | None
    detail: str

    @property
    def action_text(self) -> str:
        """The action in Chinese (修改, 定稿 …)."""
        return ACTIONS.get(self.action, self.action)


def login_name() -> str:
    """The operating system's user name, "" when it cannot be told."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


# ---- writing (inside the Library's transactions) --------------------------------------------


def record_version(conn: Connection, version: Any, action: str, by: str, detail: str = "") -> None:
    """One record about a whole version (``version`` a row with id, regulation_id, created,
    label)."""
    now = utc_now()
    conn.execute(
        insert(t).values(
            checked_values(
                t,
                {
                    "regulation_id": version.regulation_id,
                    "version_id": version.id,
                    "version_created": version.created,
                    "version_label": version.label,
                    "unit_uid": None,
                    "action": action,
                    "detail": detail,
                    "by": by,
                    "at": now,
                    "last_at": now,
                },
            )
        )
    )


def record_units(conn: Connection, version: Any, uids: Collection[str], by: str) -> int:
    """Record that ``by`` changed these units of the version now; rows inserted.

    A unit this person saved within the last RUN_MINUTES gets its row's ``last_at`` moved on.
    """
    if not uids:
        return 0
    now = utc_now()
    since = now - dt.timedelta(minutes=RUN_MINUTES)
    wanted = sorted(set(uids))
    recent: dict[str, int] = {}
    for at in range(0, len(wanted), _CHUNK):
        chunk = wanted[at : at + _CHUNK]
        for row in conn.execute(
            select(t.c.id, t.c.unit_uid).where(
                t.c.version_id == version.id,
                t.c.action == "edit",
                t.c.by == by,
                t.c.last_at >= since,
                t.c.unit_uid.in_(chunk),
            )
        ):
            recent[row.unit_uid] = max(row.id, recent.get(row.unit_uid, 0))
    if recent:
        ids = sorted(recent.values())
        for at in range(0, len(ids), _CHUNK):
            conn.execute(update(t).where(t.c.id.in_(ids[at : at + _CHUNK])).values(last_at=now))
    fresh = [uid for uid in wanted if uid not in recent]
    base = checked_values(
        t,
        {
            "regulation_id": version.regulation_id,
            "version_id": version.id,
            "version_created": version.created,
            "version_label": version.label,
            "action": "edit",
            "detail": "",
            "by": by,
            "at": now,
            "last_at": now,
        },
    )
    rows = [{**base, "unit_uid": uid} for uid in fresh]
    for at in range(0, len(rows), _CHUNK):
        conn.execute(insert(t), rows[at : at + _CHUNK])
    return len(rows)


# ---- reading ---------------------------------------------------------------------------------


def history(
    conn: Connection,
    regulation_id: int,
    uid: str | Collection[str] | None = None,
    *,
    versions: bool = True,
) -> list[AuditEntry]:
    """The records of a regulation, oldest first: those of one unit (in every version: a unit
    keeps its uid) or of several (an article and its 款, 项) when ``uid`` is given, with the
    version events when ``versions``."""
    query = select(t).where(t.c.regulation_id == regulation_id)
    if uid is not None:
        wanted = [uid] if isinstance(uid, str) else sorted(uid)
        of_units = t.c.unit_uid.in_(wanted)
        query = query.where(or_(of_units, t.c.unit_uid.is_(None)) if versions else of_units)
    elif not versions:
        query = query.where(t.c.unit_uid.is_not(None))
    rows = conn.execute(query.order_by(t.c.at, t.c.id)).all()
    alive = set(
        conn.execute(
            select(version_table.c.id).where(version_table.c.regulation_id == regulation_id)
        ).scalars()
    )
    return [
        AuditEntry(
            action=row.action,
            by=row.by,
            at=_aware(row.at),
            last_at=_aware(row.last_at),
            version_id=row.version_id if row.version_id in alive else None,
            version_label=row.version_label,
            unit_uid=row.unit_uid,
            detail=row.detail,
        )
        for row in rows
    ]


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# ---- packages --------------------------------------------------------------------------------


def _iso(value: dt.datetime) -> str:
    return value.replace(tzinfo=None).isoformat(timespec="microseconds")


def _key(
    at: dt.datetime | str, by: str, action: str, uid: str | None, created: dt.datetime | str
) -> tuple[str, ...]:
    def stamp(value: dt.datetime | str) -> str:
        parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        return _iso(parsed)

    return (stamp(at), by, action, uid or "", stamp(created))


def collect(
    conn: Connection, regulation_id: int, version_keys: dict[int, int]
) -> list[dict[str, Any]]:
    """The regulation's records for a package; a version by its package key when it is in it."""
    rows = conn.execute(
        select(t).where(t.c.regulation_id == regulation_id).order_by(t.c.at, t.c.id)
    ).all()
    return [
        {
            "version": version_keys.get(row.version_id) if row.version_id else None,
            "version_created": _iso(row.version_created),
            "version_label": row.version_label,
            "unit_uid": row.unit_uid,
            "action": row.action,
            "detail": row.detail,
            "by": row.by,
            "at": _iso(row.at),
            "last_at": _iso(row.last_at),
        }
        for row in rows
    ]


def merge(
    conn: Connection,
    records: Iterable[dict[str, Any]],
    regulation_id: int,
    version_ids: dict[int, int],
) -> int:
    """Add the package's records that this library lacks; how many were added.

    A record already here (same key) only has its ``last_at`` moved on when the package's is
    later. A record of a version not brought in (deleted on the other side) keeps no id.
    """
    local = {
        _key(r.at, r.by, r.action, r.unit_uid, r.version_created): r
        for r in conn.execute(
            select(
                t.c.id, t.c.at, t.c.by, t.c.action, t.c.unit_uid, t.c.version_created, t.c.last_at
            ).where(t.c.regulation_id == regulation_id)
        )
    }
    fresh: list[dict[str, Any]] = []
    added: set[tuple[str, ...]] = set()
    for item in records:
        key = _key(
            item["at"], item["by"], item["action"], item.get("unit_uid"), item["version_created"]
        )
        last_at = dt.datetime.fromisoformat(item.get("last_at") or item["at"])
        if key in added:
            continue  # a package listing a record twice
        mine = local.get(key)
        if mine is not None:
            if last_at > mine.last_at:
                conn.execute(update(t).where(t.c.id == mine.id).values(last_at=last_at))
            continue
        fresh.append(
            checked_values(
                t,
                {
                    "regulation_id": regulation_id,
                    "version_id": version_ids.get(item["version"]) if item.get("version") else None,
                    "version_created": dt.datetime.fromisoformat(item["version_created"]),
                    "version_label": str(item.get("version_label") or ""),
                    "unit_uid": item.get("unit_uid") or None,
                    "action": str(item["action"]),
                    "detail": str(item.get("detail") or ""),
                    "by": str(item["by"]),
                    "at": dt.datetime.fromisoformat(item["at"]),
                    "last_at": last_at,
                },
            )
        )
        added.add(key)
    for at in range(0, len(fresh), _CHUNK):
        conn.execute(insert(t), fresh[at : at + _CHUNK])
    return len(fresh)
