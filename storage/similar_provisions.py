"""Similar provisions and "how do other places regulate X": one service for the command line
and the window (candidates from ``storage.search_index``, ranking from
``drafting.search.similar``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafting.search.similar import Ranked, group_by_place, rank
from storage.library import Library
from storage.search_index import SearchFilters, SearchHit, candidates, refresh, search

#: How many candidates bm25 proposes for the sequence ratio to rank.
CANDIDATES = 100


@dataclass
class PlaceGroup:
    """The articles of one place (the regulation's place; "" when unknown), best first."""

    place: str
    hits: list[SearchHit]


def similar_provisions(
    library: Library,
    article: str,
    *,
    limit: int = 10,
    filters: SearchFilters | None = None,
    refresh_first: bool = True,
) -> list[Ranked[SearchHit]]:
    """The articles of references and drafts (latest versions) most like ``article``, best
    first, each with its score (0..1) and the diff from ``article`` to its wording."""
    if refresh_first:
        refresh(library)
    filters = filters or SearchFilters(scope="articles")
    found = candidates(library, article, filters, limit=max(CANDIDATES, limit))
    # Drop the article itself (the same words in the same regulation) where it is stored.
    return rank(article, (h for h in found if h.text != article), limit=limit)


def by_place(
    library: Library, query: str, *, limit: int = 200, filters: SearchFilters | None = None
) -> list[PlaceGroup]:
    """Articles holding the words of ``query`` (references and drafts), grouped by place,
    places in order of their best article."""
    filters = filters or SearchFilters(scope="articles")
    hits = search(library, query, filters, limit=limit)
    return [
        PlaceGroup(place, group) for place, group in group_by_place([(h.place, h) for h in hits])
    ]


def ranked_json(item: Ranked[SearchHit]) -> dict[str, Any]:
    """A similar provision as the command line prints it."""
    data = item.candidate.to_json()
    data["score"] = round(item.score, 4)
    data["diff"] = [[op, words] for op, words in item.diff]
    del data["highlights"]
    return data
