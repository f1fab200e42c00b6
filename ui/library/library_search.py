"""Search the whole library (Ctrl+Shift+F), a first version without an index (no Qt).

``search_library`` is the one call the window makes: it reads the latest version of every
regulation and its comments and returns the hits. The full-text index (storage/search_index.py,
issue 16) can take its place behind the same call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafting.edit.find import FindOptions, find_all, pattern

if TYPE_CHECKING:
    from storage.library import Library


@dataclass(frozen=True)
class LibraryHit:
    """One hit: in a version's text (``uid`` of the article or heading) or in a comment."""

    regulation_id: int
    regulation: str
    version_id: int
    version_label: str
    place: str  # 第十二条, 第三章, or 意见
    text: str  # the words around the hit
    uid: str | None = None
    comment_id: int | None = None


def _around(text: str, start: int, end: int, width: int = 30) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def search_library(
    library: Library, needle: str, options: FindOptions | None = None, limit: int = 500
) -> list[LibraryHit]:
    """Hits of ``needle`` in the latest version of every regulation and in its comments, at
    most ``limit`` of them (texts first, then comments, regulation by regulation)."""
    from storage.comments import CommentStore

    options = options or FindOptions()
    compiled = pattern(needle, options)
    if compiled is None:
        return []
    hits: list[LibraryHit] = []
    store = CommentStore(library)
    for regulation in library.regulations():
        if not regulation.versions:
            continue
        version = regulation.versions[0]  # working drafts first, then the newest frozen
        draft = library.load_draft(version.id)
        label = version.label or version.stage
        for hit in find_all(draft, needle, options):
            hits.append(
                LibraryHit(
                    regulation.id,
                    regulation.title,
                    version.id,
                    label,
                    hit.owner_label,
                    _around(hit.line, hit.start, hit.end),
                    uid=hit.owner,
                )
            )
            if len(hits) >= limit:
                return hits
        for comment in store.comments(regulation.id):
            m = compiled.search(comment.content)
            if m is None:
                continue
            hits.append(
                LibraryHit(
                    regulation.id,
                    regulation.title,
                    version.id,
                    label,
                    "意见",
                    _around(comment.content, m.start(), m.end()),
                    comment_id=comment.id,
                )
            )
            if len(hits) >= limit:
                return hits
    return hits
