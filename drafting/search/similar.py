"""Similar provisions: candidates ranked by how much of the wording they share.

The index proposes candidates by bm25 over character trigrams (``storage.search_index.
candidates``: SQLite FTS5 does this in C over the index already on disk, so no second index
has to be built, kept in step or held in memory); here each is scored by difflib's sequence
ratio (standard library: 2·matches / total length, 1.0 for the same words), which rewards the
same phrases in the same order — a copied article with a changed city name and an added
clause still scores near 1, while an article that merely shares common words (人民政府应当)
does not. ``quick_ratio`` bounds each score from above first, so candidates that cannot enter
the top list are not compared in full.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from drafting.compare.wording import word_diff


class Candidate(Protocol):
    """What ranking needs of a candidate: its words."""

    @property
    def text(self) -> str: ...


C = TypeVar("C", bound=Candidate)
T = TypeVar("T")


@dataclass
class Ranked(Generic[C]):
    """A candidate with its similarity score (0..1) and the word-level diff from the current
    article to its wording (diff-match-patch ops: -1 deleted, 0 equal, 1 inserted)."""

    candidate: C
    score: float
    diff: list[tuple[int, str]]


def rank(article: str, candidates: Iterable[C], *, limit: int = 10) -> list[Ranked[C]]:
    """The ``limit`` candidates most similar to ``article``, best first (ties keep the
    candidates' order), each with its diff."""
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(article)
    best: list[tuple[float, int, C]] = []  # a min-heap of the best so far
    for order, candidate in enumerate(candidates):
        matcher.set_seq1(candidate.text)
        floor = best[0][0] if len(best) >= limit else -1.0
        if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
            continue
        score = matcher.ratio()
        item = (score, -order, candidate)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif score > floor:
            heapq.heapreplace(best, item)
    ordered = sorted(best, key=lambda t: (-t[0], -t[1]))
    return [Ranked(c, score, word_diff(article, c.text)) for score, _, c in ordered]


def group_by_place(items: Sequence[tuple[str, T]]) -> list[tuple[str, list[T]]]:
    """(place, item) pairs grouped by place, places in order of their first (best) item."""
    groups: dict[str, list[T]] = {}
    for place, item in items:
        groups.setdefault(place, []).append(item)
    return list(groups.items())
