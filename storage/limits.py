"""What every backend accepts, checked before anything is written.

SQLite stores a 40-character stage in a VARCHAR(32) column and a NUL inside a text; PostgreSQL
refuses both, and the driver's refusal used to surface as "法规库文件已损坏". So the library
checks the values itself, the same way on every backend: a value longer than its column is
refused with a Chinese message naming the field and its limit (nothing written), and NUL
characters — never meaningful in a text, and refused by PostgreSQL — are removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import String, Table

from drafting.model.units import Draft
from storage.errors import LibraryError

#: What a column is called when a value is refused (column name → Chinese field name).
FIELD_NAMES: Mapping[str, str] = {
    "stage": "阶段",
    "kind": "类型",
    "status": "状态",
    "numbering": "编号方式",
    "uid": "条文标识",
    "parent_uid": "上级条文标识",
    "origin_uid": "来源条文标识",
    "target_uid": "意见所指条文标识",
    "fingerprint": "意见指纹",
    "audience": "征求对象",
    "source": "意见来源",
    "channel": "提交渠道",
    "disposition": "处理结果",
}

#: The length of a unit uid column (unit.uid, parent_uid, lineage, comment target).
UID_LENGTH = 32

NUL = "\x00"


def without_nul(text: str) -> str:
    """The text with every NUL character removed (the one character no backend keeps alike)."""
    return text.replace(NUL, "") if NUL in text else text


def too_long(field: str, limit: int, value: str) -> LibraryError:
    """The refusal of an over-long value: field, limit and the value's length, in Chinese."""
    name = FIELD_NAMES.get(field, field)
    shown = value if len(value) <= 40 else value[:40] + "…"
    return LibraryError(f"{name}过长：最多 {limit} 个字符，「{shown}」有 {len(value)} 个字符")


def checked_values(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values of one row of ``table`` ready to write: NULs removed from every text, and
    LibraryError (nothing written) when a text is longer than its column allows."""
    limits = _limits(table)
    out = dict(values)
    for key, value in values.items():
        if type(value) is not str:
            continue
        if NUL in value:
            value = out[key] = value.replace(NUL, "")
        limit = limits.get(key)
        if limit is not None and len(value) > limit:
            raise too_long(key, limit, value)
    return out


@cache
def _limits(table: Table) -> dict[str, int]:
    """The length limit of each VARCHAR column of the table (TEXT columns have none)."""
    return {
        column.name: column.type.length
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    }


def check_draft(draft: Draft, action: str = "保存") -> None:
    """Make a text storable on every backend, before any write: NULs are removed from its title,
    headings and texts (in place); a uid or lineage uid over 32 characters (an Akoma Ntoso GUID
    can be longer), or a uid two units share, raises LibraryError."""
    draft.title = without_nul(draft.title)
    draft.title_note = without_nul(draft.title_note)
    seen: set[str] = set()
    for unit in draft.walk():
        if len(unit.uid) > UID_LENGTH:
            raise too_long("uid", UID_LENGTH, unit.uid)
        if unit.uid in seen:  # two Akoma Ntoso elements with one GUID, say
            raise LibraryError(f"{action}失败：文本中有重复的条文标识「{unit.uid}」")
        seen.add(unit.uid)
        if NUL in unit.text:
            unit.text = without_nul(unit.text)
        if NUL in unit.heading:
            unit.heading = without_nul(unit.heading)
    for uid, origins in draft.lineage.items():
        for value in (uid, *origins):
            if len(value) > UID_LENGTH:
                raise too_long("origin_uid", UID_LENGTH, value)
