"""A regulation's comments read against one version's text: what both doors anchor and list.

``CommentStore.on_version`` (storage) fills a ``VersionComments`` — the comments, the version's
text (or the window's edited copy of it) and the lineage of each frozen version a comment was
made on — and the command line (``comments list``) and the window (the 意见 table) take their
anchors from it, so the two cannot disagree. Summaries: ``consultation.summary.stored_summary``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from consultation.anchors import Anchor, Lineage, lineages_since, resolve_comments
from consultation.comment_rows import CommentRow, build_rows
from consultation.draft_index import DraftIndex
from consultation.model import Comment
from drafting.model.units import Draft


@dataclass
class VersionComments:
    """Comments and the version they are read against.

    ``frozen_lineages`` maps each frozen version (other than this one) that comments were made
    on to its own lineage: such a comment follows only the splits and merges recorded after its
    version (``lineages_since``).
    """

    version_id: int | None
    draft: Draft
    comments: Sequence[Comment]
    frozen_lineages: dict[int, Lineage] = field(default_factory=dict)

    def by_version(self) -> dict[int, dict[str, tuple[str, ...]]]:
        """The lineage each frozen version's comments follow (``resolve_comments``' by_version)."""
        return lineages_since(self.draft.lineage, self.frozen_lineages)

    def _index(self, index: DraftIndex | None) -> DraftIndex:
        return DraftIndex(self.draft) if index is None else index

    def anchors(self, index: DraftIndex | None = None) -> list[Anchor]:
        """Where each comment sits in the text (``index``: the draft's, if already made)."""
        return resolve_comments(
            self.comments, self._index(index), self.draft.lineage, self.by_version()
        )

    def rows(self, index: DraftIndex | None = None) -> list[CommentRow]:
        """The 意见 table's rows, anchored as ``anchors`` says."""
        return build_rows(self.comments, self._index(index), self.draft.lineage, self.by_version())
