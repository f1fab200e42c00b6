"""Group comments that say the same thing (征集到的大量相同或相近意见).

Texts are normalised first (full/half width unified, punctuation and spaces removed, case
folded) and identical ones grouped. The distinct texts are then compared by the Jaccard
similarity of their character-bigram sets. A similarity join with prefix filtering keeps this
fast without approximations: tokens are ordered rarest first, and two sets with Jaccard ≥ t must
share a token among the first |s| − ⌈t·|s|⌉ + 1 of each, so only those are indexed and probed.

Clusters are built leader-first: the most frequent text opens a cluster, and each later text
joins the first leader it is similar to, so a chain of small edits cannot glue two different
campaigns together, and the representative is the commonest wording.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, cast

K = TypeVar("K", bound=Hashable)

#: Jaccard similarity of bigram sets at or above which two comments count as near-duplicates.
DEFAULT_THRESHOLD = 0.6
#: Texts shorter than this (after normalising) are grouped only when identical: two-character
#: texts such as 同意 / 赞成 share no bigram and say nothing to compare.
MIN_SIMILAR_LENGTH = 6


def normalise(text: str) -> str:
    """Text reduced to what it says: NFKC width folding, no punctuation, no spaces, lower case."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZSC")


def bigrams(text: str) -> frozenset[str]:
    """The set of overlapping two-character pieces of a normalised text."""
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass
class Cluster(Generic[K]):
    """Comments that say the same thing: the commonest wording, how many, and who they are."""

    representative: str
    member_ids: list[K] = field(default_factory=list)
    key: Hashable = None  # the partition the cluster belongs to (e.g. its article), if any

    @property
    def count(self) -> int:
        """How many comments the cluster holds."""
        return len(self.member_ids)


def find_clusters(
    texts: Sequence[str],
    ids: Sequence[K] | None = None,
    *,
    keys: Sequence[Hashable] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    min_size: int = 2,
) -> list[Cluster[K]]:
    """Clusters of near-identical texts with at least ``min_size`` members, largest first.

    ``ids`` name the texts in the result (their positions when omitted); ``keys`` partition
    them: only texts with equal keys can share a cluster (comments on the same article).
    """
    member_ids: Sequence[K] = ids if ids is not None else cast(list[K], list(range(len(texts))))
    if len(member_ids) != len(texts) or (keys is not None and len(keys) != len(texts)):
        raise ValueError("texts, ids and keys must have the same length")
    # 1. Exact groups of normalised text within each partition.
    groups: dict[tuple[Hashable, str], list[int]] = {}
    for position, text in enumerate(texts):
        key = keys[position] if keys is not None else None
        groups.setdefault((key, normalise(text)), []).append(position)
    # 2. Near-duplicates among the distinct texts of each partition.
    by_partition: dict[Hashable, list[tuple[str, list[int]]]] = defaultdict(list)
    for (key, norm), positions in groups.items():
        by_partition[key].append((norm, positions))
    found: list[tuple[int, int, Cluster[K]]] = []
    for key, distinct in by_partition.items():
        for leader, followers in _leader_clusters(distinct, threshold):
            positions = [p for g in (leader, *followers) for p in distinct[g][1]]
            if len(positions) < min_size:
                continue
            positions.sort()
            representative = _representative([texts[p] for p in distinct[leader][1]])
            cluster = Cluster(representative, [member_ids[p] for p in positions], key)
            found.append((-len(positions), positions[0], cluster))
    # Largest first; equal sizes in order of first appearance.
    found.sort(key=lambda entry: entry[:2])
    return [cluster for _, _, cluster in found]


def _representative(wordings: list[str]) -> str:
    """The commonest wording; among equals the tidiest (fewest spaces and ASCII punctuation)."""
    counts = Counter(w.strip() for w in wordings)
    first_seen = {w: n for n, w in reversed(list(enumerate(w.strip() for w in wordings)))}

    def untidiness(text: str) -> int:
        return sum(1 for ch in text if ch.isspace() or (ch.isascii() and not ch.isalnum()))

    return min(counts, key=lambda w: (-counts[w], untidiness(w), first_seen[w]))


def _leader_clusters(
    distinct: list[tuple[str, list[int]]], threshold: float
) -> list[tuple[int, list[int]]]:
    """Leader clustering of distinct texts: (leader index, follower indices) for each cluster."""
    # Most frequent first, then first seen: the leader is the commonest wording.
    order = sorted(range(len(distinct)), key=lambda g: (-len(distinct[g][1]), distinct[g][1][0]))
    sets = [
        bigrams(norm) if len(norm) >= MIN_SIMILAR_LENGTH else frozenset() for norm, _ in distinct
    ]
    frequency: Counter[str] = Counter()
    for s in sets:
        frequency.update(s)
    rank = {tok: (n, tok) for tok, n in frequency.items()}
    ordered: list[list[str]] = [sorted(s, key=rank.__getitem__) for s in sets]
    # Each set as an int bitset: verifying a candidate is then one AND and a popcount.
    bit = {tok: 1 << n for n, tok in enumerate(frequency)}
    bits = [sum(bit[t] for t in s) for s in sets]
    sizes = [len(s) for s in sets]

    def prefix(tokens: list[str]) -> list[str]:
        size = len(tokens)
        return tokens[: size - math.ceil(threshold * size) + 1] if size else []

    index: dict[str, list[int]] = defaultdict(list)  # token → leaders whose prefix holds it
    members: dict[int, list[int]] = {}
    created: dict[int, int] = {}
    for g in order:
        tokens = ordered[g]
        joined: int | None = None
        best = 0.0
        if tokens:
            size = len(tokens)
            seen: set[int] = set()
            # Leaders are probed in the order they were made (commonest first).
            for tok in prefix(tokens):
                for leader in index.get(tok, ()):
                    if leader in seen:
                        continue
                    seen.add(leader)
                    other = sizes[leader]
                    # Size filter: Jaccard ≥ t needs t·|a| ≤ |b| ≤ |a|/t.
                    if other < threshold * size or size < threshold * other:
                        continue
                    inter = (bits[g] & bits[leader]).bit_count()
                    similarity = inter / (size + other - inter)
                    # The most similar leader wins; on a tie, the older (commoner) one.
                    if similarity >= threshold and (
                        similarity > best
                        or (
                            similarity == best
                            and joined is not None
                            and created[leader] < created[joined]
                        )
                    ):
                        joined, best = leader, similarity
        if joined is not None:
            members[joined].append(g)
            continue
        members[g] = []
        created[g] = len(created)
        for tok in prefix(tokens):
            index[tok].append(g)
    return list(members.items())
