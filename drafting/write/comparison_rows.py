"""What the 修改对照表 lists, row by row: which pairs, which 章/节 heading rows, which 修改说明.

The table writer (``comparison_docx``) lays these rows out; this module decides their content:

- ``table_rows``: the article pairs to list (changes by default; renumbered and unchanged ones
  on request) in reading order, each preceded, when ``headings``, by the 编/章/节 heading rows
  it stands under that were not shown yet (a heading whose words changed, or that was added or
  deleted, is a row like any other change);
- ``row_key``: the key of a pair's row (第二条→第三条), by which a caller overrides its 修改说明
  (the window lets the drafter edit them before export);
- ``words_unchanged``: whether a pair's new column may read 同左 (its words did not change).
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.compare.articles import (
    LABEL,
    NONE,
    RENUMBERED,
    UNCHANGED,
    ArticlePair,
    Comparison,
)
from drafting.write import house_style as spec

__all__ = ["SAME_AS_LEFT", "HeadingRow", "row_key", "table_rows", "words_unchanged"]

#: What the new column says where the text did not change.
SAME_AS_LEFT = "同左"


@dataclass(frozen=True, eq=False)
class HeadingRow:
    """A 编/章/节 heading row: its line in the old text and in the new one ("" when the
    heading is not in that text), and its depth (0 编 … 3 节)."""

    old: str
    new: str
    level: int

    @property
    def note(self) -> str:
        """The 修改说明 of the row: 新增 / 删除 / 修改, "" when unchanged."""
        if not self.old:
            return "新增"
        if not self.new:
            return "删除"
        return "" if self.old == self.new else "修改"


def row_key(pair: ArticlePair) -> str:
    """The key of a pair's row: its old numbers, →, its new numbers (第二条→第三条,
    第五条→第五条、第六条, →第四条 for an added article). Unique within a comparison."""
    return f"{'、'.join(pair.old_numbers)}→{'、'.join(pair.new_numbers)}"


def words_unchanged(pair: ArticlePair) -> bool:
    """True when the pair's words did not change (its number may have): its new column may
    read 同左."""
    return len(pair.old) == len(pair.new) == 1 and pair.kind in (NONE, LABEL)


def _included(pair: ArticlePair, include_renumbered: bool, include_unchanged: bool) -> bool:
    return (
        pair.is_change
        or (include_renumbered and pair.status == RENUMBERED)
        or (include_unchanged and pair.status == UNCHANGED)
    )


def _heading_contexts(comparison: Comparison) -> dict[int, tuple[HeadingRow, ...]]:
    """For each pair (by id), the heading rows it stands under, outermost first."""
    # Imported here: ``row_key`` is used by the window, which need not load python-docx.
    from drafting.write.tracked_docx import ARTICLE, HEADING, document_entries, document_rows

    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return {}
    old_entries, new_entries = document_entries(old), document_entries(new)
    pair_of: dict[str, ArticlePair] = {}
    for pair in comparison.pairs:
        for unit in (*pair.old, *pair.new):
            pair_of.setdefault(unit.uid, pair)
    context: list[HeadingRow | None] = [None] * (max(spec.OUTLINE_LEVEL.values()) + 1)
    contexts: dict[int, tuple[HeadingRow, ...]] = {}
    for row in document_rows(comparison, old_entries, new_entries):
        first = old_entries[row.old[0]] if row.old else new_entries[row.new[0]]
        if first.kind == HEADING:
            old_line = old_entries[row.old[0]].printed()[0] if row.old else ""
            new_entry = new_entries[row.new[0]] if row.new else first
            new_line = new_entry.printed()[0] if row.new else ""
            kind = new_entry.unit_kind
            level = spec.OUTLINE_LEVEL[kind] if kind is not None else len(context) - 1
            context[level] = HeadingRow(old_line, new_line, level)
            for deeper in range(level + 1, len(context)):
                context[deeper] = None
        elif first.kind == ARTICLE:
            if row.moved and not row.new:
                continue  # the old half of a move: the pair stands at its new place
            uid = new_entries[row.new[0]].uid if row.new else first.uid
            found = pair_of.get(uid or "")
            if found is not None and id(found) not in contexts:
                contexts[id(found)] = tuple(h for h in context if h is not None)
    return contexts


def table_rows(
    comparison: Comparison,
    *,
    include_renumbered: bool = False,
    include_unchanged: bool = False,
    headings: bool = False,
) -> list[ArticlePair | HeadingRow]:
    """The rows of the 对照表 in reading order (see the module docstring)."""
    if not headings:
        return [p for p in comparison.pairs if _included(p, include_renumbered, include_unchanged)]
    contexts = _heading_contexts(comparison)
    shown: list[HeadingRow | None] = [None] * (max(spec.OUTLINE_LEVEL.values()) + 1)
    rows: list[ArticlePair | HeadingRow] = []
    emitted: set[int] = set()
    # Changed headings over articles that are not listed still make a row: before the next
    # listed pair (or at the end).
    carried: list[HeadingRow] = []

    def emit(heading: HeadingRow) -> None:
        rows.append(heading)
        emitted.add(id(heading))
        shown[heading.level] = heading
        for deeper in range(heading.level + 1, len(shown)):
            shown[deeper] = None

    for pair in comparison.pairs:
        context = contexts.get(id(pair), ())
        if not _included(pair, include_renumbered, include_unchanged):
            carried.extend(h for h in context if h.note and h not in carried)
            continue
        for heading in carried:
            if id(heading) not in emitted and heading not in context:
                emit(heading)
        carried = []
        for heading in context:
            if shown[heading.level] is not heading:
                emit(heading)
        rows.append(pair)
    for heading in carried:
        if id(heading) not in emitted:
            emit(heading)
    return rows
