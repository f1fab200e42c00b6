"""The audit trail of consultation work (issue 14): who decided, merged, split or undid what, when.

One ``AuditEntry`` per thing changed: a comment's decision (``entity`` "comment"), a group
merged or split (``entity`` "group", ``entity_id`` a comment id, before/after its group number, "" for none). ``before`` and
``after`` are stored texts (a decision's columns as JSON, see ``encode_state``; a group's
number), shown by ``state_text``;
``batch`` ties the entries of one operation together so that it can be undone as one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum

from consultation.model import Disposition


class AuditAction(StrEnum):
    """What was done; the value is stored, ``label`` shown."""

    DECIDE = "decide"
    PENDING = "pending"  # set back to 待处理
    UNDO = "undo"
    MERGE = "merge"
    SPLIT = "split"
    ASSIGN = "assign"

    @property
    def label(self) -> str:
        """The Chinese word for this action."""
        return _ACTION_LABELS[self.value]


_ACTION_LABELS = {
    "decide": "处理",
    "pending": "改回待处理",
    "undo": "撤销",
    "merge": "合并分组",
    "split": "拆分分组",
    "assign": "分派",
}


@dataclass(frozen=True)
class AuditEntry:
    """One recorded change: ``at`` is UTC; ``by`` the user name (never blank when known)."""

    entity: str
    entity_id: int
    action: AuditAction
    before: str
    after: str
    by: str
    at: dt.datetime
    batch: str = ""

    def text(self) -> str:
        """One line for a comment's history: 2024-05-06 10:30 张三 处理：待处理 → 未采纳（理由）."""
        when = self.at.astimezone().strftime("%Y-%m-%d %H:%M") if self.at else ""
        head = " ".join(p for p in (when, self.by) if p)
        before, after = state_text(self.before) or "—", state_text(self.after) or "—"
        return f"{head} {self.action.label}：{before} → {after}"

    def as_json(self) -> dict[str, str | int]:
        """The entry as the command line prints it (``comments list --history``)."""
        return {
            "action": self.action.label,
            "before": state_text(self.before),
            "after": state_text(self.after),
            "by": self.by,
            "at": self.at.astimezone(dt.UTC).isoformat(timespec="seconds") if self.at else "",
        }


def encode_state(
    disposition: Disposition | None, reason: str, decided_by: str, decided_at: dt.datetime | None
) -> str:
    """A comment's decision columns as stored in an audit row (JSON), read back by
    ``decode_state`` to undo; ``state_text`` shows it."""
    return json.dumps(
        [
            disposition.value if disposition else None,
            reason,
            decided_by,
            decided_at.isoformat() if decided_at else None,
        ],
        ensure_ascii=False,
    )


def decode_state(
    stored: str,
) -> tuple[Disposition | None, str, str, dt.datetime | None]:
    """(disposition, reason, decided_by, decided_at) from ``encode_state``'s text; a text that
    is not such a state (a group's) reads as no decision."""
    try:
        value, reason, by, at = json.loads(stored)
        disposition = Disposition(value) if value else None
        when = dt.datetime.fromisoformat(at) if at else None
    except (ValueError, TypeError):
        return None, "", "", None
    return disposition, str(reason), str(by), when


def state_text(stored: str) -> str:
    """What an audit row's before/after shows: 未采纳（理由）, 待处理, or the text itself
    (a group's 分组 3)."""
    if not stored.startswith("["):
        if stored.isdigit():
            return f"分组 {stored}"
        return stored or "未分组"
    disposition, reason, _by, _at = decode_state(stored)
    if disposition is None:
        return "待处理"
    return disposition.label + (f"（{reason}）" if reason else "")
