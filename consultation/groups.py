"""Groups of near-duplicates changed by hand (issue 14): merge groups, split comments off.

Pure rules over cluster numbers; the store applies them in one transaction and records each
comment moved in the audit trail. A group is the set of comments sharing a ``cluster_id``;
a comment alone (None, or a number no other comment has) is in no group.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping


class GroupError(ValueError):
    """A merge or split that cannot be done; the message is Chinese, for the user."""


def merged(clusters: Mapping[int, int | None], chosen: Collection[int]) -> dict[int, int | None]:
    """Merge the groups of the ``chosen`` comments (and the chosen comments in no group) into
    one: ``clusters`` maps every comment id of the regulation to its cluster number. Returns
    the comments whose number changes → their new number: the smallest number among the
    chosen groups, or a new one (one above the largest in use) when none is in a group.

    Raises GroupError when fewer than two comments would end up together."""
    chosen_set = {c for c in chosen if c in clusters}
    numbers = {n for c in chosen_set if (n := clusters[c]) is not None}
    members = {c for c, n in clusters.items() if n is not None and n in numbers} | chosen_set
    used = {n for n in clusters.values() if n is not None}
    target = min(numbers) if numbers else (max(used) + 1 if used else 0)
    changes: dict[int, int | None] = {c: target for c in sorted(members) if clusters[c] != target}
    if len(members) < 2 or not changes:
        raise GroupError("请至少选定两个分组（或两条未分组的意见）才能合并")
    return changes


def split_off(clusters: Mapping[int, int | None], chosen: Collection[int]) -> dict[int, int | None]:
    """Take the ``chosen`` comments out of their groups: one comment becomes alone (None),
    several form a new group of their own (a new number). Returns the comments whose number
    changes → their new number. Raises GroupError when no chosen comment is in a group, or
    when the chosen are a whole group already."""
    chosen_set = {c for c in chosen if c in clusters and clusters[c] is not None}
    if not chosen_set:
        raise GroupError("选定的意见不在任何分组中，无需拆分")
    numbers = {clusters[c] for c in chosen_set}
    whole = {c for c, n in clusters.items() if n in numbers}
    if len(numbers) == 1 and whole == chosen_set:
        raise GroupError("选定的是整个分组：请只选其中要拆出的意见")
    used = {n for n in clusters.values() if n is not None}
    target: int | None = None if len(chosen_set) == 1 else max(used) + 1
    return {c: target for c in sorted(chosen_set)}
