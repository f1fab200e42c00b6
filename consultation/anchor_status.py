"""What became of a commented article in the text being edited: 条文已修改, 条文已删除, moved.

A comment is made on one version (usually the frozen 征求意见稿); the drafter then edits the
working draft. For the 意见 table each comment's article is compared between the text it was
made on (its *base*) and the text shown now, following uids and lineage as anchors do
(``consultation.trace.trace_comments``): its words changed, it was deleted, split or merged, or
it now carries another number (a new article inserted before it). Qt-free: the window calls
``text_statuses`` again whenever the workspace says the text changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consultation.anchors import lineage_since
from consultation.draft_index import DraftIndex
from consultation.model import Comment
from consultation.trace import Change, trace_comments

#: The words shown for each change (UNCHANGED and WHOLE_DRAFT say nothing).
_WORDS = {
    Change.CHANGED: "条文已修改",
    Change.DELETED: "条文已删除",
    Change.SPLIT: "条文已拆分",
    Change.MERGED: "条文已合并",
}


@dataclass(frozen=True)
class TextStatus:
    """A commented article between its base text and the text shown.

    ``change``: what happened to its words (``Change``); ``was``/``now``: its article's number
    in the base and now ("第十二条", "第十三条"), equal when it did not move; '' when none.
    """

    change: Change
    was: str = ""
    now: str = ""

    @property
    def moved(self) -> bool:
        """The article carries another number than in the text commented on."""
        return bool(self.was and self.now and self.was != self.now)

    @property
    def label(self) -> str:
        """One short line for the table: "条文已修改", "已移至第十三条（原第十二条）",
        "条文已修改；已移至…", or '' when nothing changed."""
        parts = [_WORDS[self.change]] if self.change in _WORDS else []
        if self.moved and self.change in (Change.CHANGED, Change.UNCHANGED):
            parts.append(f"已移至{self.now}（原{self.was}）")
        return "；".join(parts)


def text_statuses(
    comments: Sequence[Comment],
    bases: Mapping[int, DraftIndex],
    current: DraftIndex,
) -> list[TextStatus | None]:
    """For each comment, how its article changed from the text of its version (``bases``:
    version id → that text's index) to ``current``; None when its version's text is not
    given or does not hold the comment's unit (nothing to compare with). Each comment follows only the splits and merges recorded
    after its base (``lineage_since``)."""
    out: list[TextStatus | None] = [None] * len(comments)
    by_base: dict[int, list[int]] = {}
    for position, comment in enumerate(comments):
        if comment.version_id is not None and comment.version_id in bases:
            by_base.setdefault(comment.version_id, []).append(position)
    for version_id, positions in by_base.items():
        base = bases[version_id]
        lineage = lineage_since(current.draft.lineage, base.draft.lineage)
        group = [comments[p] for p in positions]
        for position, trace in zip(
            positions, trace_comments(group, base, current, lineage), strict=True
        ):
            uid = comments[position].target.uid
            if uid is not None and uid not in base:
                continue  # not in the text it names as its own: nothing to compare with
            was = base.article_label(uid) if uid else ""
            now = current.label(trace.article_uid) if trace.article_uid else ""
            out[position] = TextStatus(trace.change, was, now)
    return out
