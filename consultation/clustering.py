"""Group comments that say the same thing (征集到的大量相同或相近意见).

Texts are normalised first (full/half width unified, punctuation and spaces removed, case
folded) and identical ones grouped: at 100,000 comments most campaign copies end here. The
distinct texts are then clustered leader-first: the most frequent text opens a cluster, and each
later text joins the most similar earlier leader, so a chain of small edits cannot glue two
different campaigns together, and the representative is the commonest wording.

Similarity is a sequence ratio (2·matches / total length, the measure of
``difflib.SequenceMatcher.ratio``), computed with RapidFuzz's ``fuzz.ratio`` — the same figure
in C++, some 100× faster than difflib, so it can be paid on every candidate. Character-bigram
Jaccard missed reworded copies ("大沽河护堤地的宽度太窄了…" vs "…宽度太窄…": Jaccard 0.57,
ratio 0.90), because every inserted or moved word breaks two bigrams on each side.

Candidates are found without comparing every pair: an inverted index from bigram to the leaders
holding it; a text probes only its rarest bigrams that some leader holds (``PROBES`` of them,
each list read up to ``POSTING_CAP`` leaders), and the leaders sharing the most probed bigrams
are verified (at most ``VERIFY``). The work per text is bounded, so the whole is near-linear.

Two texts that name different numbers (30米/50米, 一千元/一百元, 五日/十日) never group either: a
different figure is a different proposal, and a group row would hide it.

Two texts that differ in a word of stance (保留/取消, 增加/删除, 支持/反对 …) never group, however
similar the rest: "建议保留早市" and "建议取消早市" are opposite demands on the same topic.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, cast

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

K = TypeVar("K", bound=Hashable)

#: Sequence ratio (0–1) at or above which two normalised comments count as near-duplicates.
DEFAULT_THRESHOLD = 0.75
#: How many of a text's rarest bigrams (among those some leader holds) are probed.
PROBES = 8
#: How many leaders of one bigram's list are read (the earliest, i.e. commonest, first).
POSTING_CAP = 64
#: How many candidate leaders are verified with the sequence ratio, most shared bigrams first.
VERIFY = 8
#: Words of stance: two texts that differ in one of them say opposite things.
STANCE_WORDS = (
    "反对",
    "支持",
    "赞成",
    "同意",
    "保留",
    "取消",
    "删除",
    "增加",
    "增设",
    "减少",
    "提高",
    "降低",
    "放宽",
    "收紧",
    "严格",
    "禁止",
    "允许",
    "延长",
    "缩短",
    "扩大",
    "缩小",
    "加大",
    "减轻",
    "加宽",
    "收窄",
    "上调",
    "下调",
    "恢复",
    "拆除",
)
#: Texts shorter than this (after normalising) are grouped only when identical: two-character
#: texts such as 同意 / 赞成 share no bigram and say nothing to compare.
MIN_SIMILAR_LENGTH = 6


_CLAUSE_BREAK = re.compile(r"[，。；！？、,.;!?\n：:]+")


class _Dropped(dict[int, str | None]):
    """A str.translate table that drops punctuation, spaces, symbols and control characters,
    deciding each character once (a dict lookup afterwards, in C)."""

    def __missing__(self, code: int) -> str | None:
        kept = chr(code) if unicodedata.category(chr(code))[0] not in "PZSC" else None
        self[code] = kept
        return kept


_DROPPED = _Dropped()


def normalise(text: str) -> str:
    """Text reduced to what it says: NFKC width folding, no punctuation, no spaces, lower case."""
    return unicodedata.normalize("NFKC", text).lower().translate(_DROPPED)


def clause_form(text: str) -> str:
    """The normalised clauses of a text in sorted order: two texts saying the same things in
    another order ("A，B。" / "B，A。") get the same clause form."""
    clauses = (normalise(part) for part in _CLAUSE_BREAK.split(text))
    return "".join(sorted(c for c in clauses if c))


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
        first = [texts[positions[0]] for _, positions in distinct]
        for leader, followers in _leader_clusters(distinct, threshold, first):
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


def ratio(a: str, b: str) -> float:
    """The sequence ratio of two (normalised) texts, 0–1: 2·matched characters / total length."""
    return float(fuzz.ratio(a, b)) / 100.0


#: What a negation (不, 无 …) must stand before to change a demand: 不同意, 不应, 无需 …
NEGATED = (
    "同意",
    "支持",
    "赞成",
    "应",
    "得",
    "宜",
    "要",
    "能",
    "再",
    "必",
    "需",
    "准",
    "可",
    "允许",
)


def _negation_at(text: str, at: int) -> bool:
    """A one-character negation at ``at`` that negates a demand (不同意, 不应当, 无需 …)."""
    if text[at] not in "不未无非勿别没":
        return False
    return any(text.startswith(word, at + 1) for word in NEGATED) or any(
        text.startswith(word, at + 1) for word in STANCE_WORDS if len(word) > 1
    )


def differ_in_stance(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ in a word of stance: a word of ``STANCE_WORDS`` lies
    wholly inside a changed part (保留→取消), or a negation of a demand (不同意, 不应, 无需) was
    put in or left out. A typo breaking a word (取消→消, 很不方便→很方便) does not count."""
    changes: list[tuple[int, int, int, int]] = []
    span: list[int] | None = None
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            if span is not None:
                changes.append((span[0], span[1], span[2], span[3]))
                span = None
            continue
        if span is None:
            span = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            span[1], span[3] = op.src_end, op.dest_end
    if span is not None:
        changes.append((span[0], span[1], span[2], span[3]))
    for a_lo, a_hi, b_lo, b_hi in changes:
        one, other = a[a_lo:a_hi], b[b_lo:b_hi]
        for word in STANCE_WORDS:
            if len(word) > 1 and (word in one) != (word in other):
                return True
        if any(_negation_at(a, at) for at in range(a_lo, a_hi)) != any(
            _negation_at(b, at) for at in range(b_lo, b_hi)
        ):
            return True
    return False


_DIGITS = {ch: n for n, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_PLACES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
#: A figure: Arabic digits, or Chinese numerals that hold a place character (三十, 一千) or stand
#: before a unit or measure word (五日, 两年, 三倍). A lone 一 is not a figure: 一部分, 一分为二,
#: 一律 and a typo's 一分 are words, not numbers.
_NUMBER = re.compile(
    r"\d+(?:\.\d+)?"
    r"|[零〇一二两三四五六七八九十百千万亿]*[十百千万亿][零〇一二两三四五六七八九十百千万亿]*"
    r"|[二两三四五六七八九](?=[米元日天年月周个人倍次项款条小秒公平亩吨层辆户家名位%‰])"
)


def _chinese_value(text: str) -> float:
    """The value of a Chinese numeral (一千 → 1000, 三十五 → 35, 两万 → 20000)."""
    total = section = digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in ("万", "亿"):
            total += (section + digit) * _PLACES[ch]
            section = digit = 0
        else:
            section += (digit or 1) * _PLACES[ch]
            digit = 0
    return float(total + section + digit)


def numbers_in(text: str) -> frozenset[float]:
    """The figures a text names, as values (50 and 五十 are the same figure)."""
    values: set[float] = set()
    for m in _NUMBER.finditer(unicodedata.normalize("NFKC", text)):
        token = m.group()
        values.add(float(token) if token[0].isdigit() else _chinese_value(token))
    return frozenset(values)


def differ_in_numbers(a: str, b: str) -> bool:
    """True when two texts name different figures ("改为50米" / "改为100米")."""
    return numbers_in(a) != numbers_in(b)


def similar(a: str, b: str, threshold: float = DEFAULT_THRESHOLD) -> bool:
    """True when two texts (as written) are near-duplicates, as ``find_clusters`` judges a pair:
    the sequence ratio of their normalised texts, or of their clause forms, ≥ ``threshold``,
    and no difference of stance."""
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return True
    if min(len(na), len(nb)) < MIN_SIMILAR_LENGTH:
        return False
    ca, cb = clause_form(a), clause_form(b)
    pair = (na, nb) if ratio(na, nb) >= ratio(ca, cb) else (ca, cb)
    return (
        ratio(*pair) >= threshold
        and not differ_in_stance(*pair)
        and not differ_in_numbers(na, nb)
    )


def _leader_clusters(
    distinct: list[tuple[str, list[int]]], threshold: float, written: list[str]
) -> list[tuple[int, list[int]]]:
    """Leader clustering of distinct texts: (leader index, follower indices) for each cluster.

    ``written`` holds a text as written for each: a pair whose ratio misses the threshold is
    tried again on their ``clause_form`` (the same points in another order)."""
    clauses: dict[int, str] = {}

    def clauses_of(g: int) -> str:
        found = clauses.get(g)
        if found is None:
            found = clauses[g] = clause_form(written[g])
        return found

    figures: dict[int, frozenset[float]] = {}

    def figures_of(g: int) -> frozenset[float]:
        found = figures.get(g)
        if found is None:
            found = figures[g] = numbers_in(norms[g])
        return found

    # Most frequent first, then first seen: the leader is the commonest wording.
    order = sorted(range(len(distinct)), key=lambda g: (-len(distinct[g][1]), distinct[g][1][0]))
    norms = [norm for norm, _ in distinct]
    sets = [bigrams(norm) if len(norm) >= MIN_SIMILAR_LENGTH else frozenset() for norm in norms]
    frequency: Counter[str] = Counter()
    for s in sets:
        frequency.update(s)
    index: dict[str, list[int]] = defaultdict(list)  # bigram → leaders holding it, oldest first
    members: dict[int, list[int]] = {}
    created: dict[int, int] = {}
    cutoff = threshold * 100.0
    for g in order:
        tokens = sets[g]
        joined: int | None = None
        if tokens:
            text = norms[g]
            hits: Counter[int] = Counter()
            probed = 0
            for tok in sorted(tokens, key=frequency.__getitem__):
                postings = index.get(tok)
                if not postings:
                    continue
                hits.update(postings[:POSTING_CAP])
                probed += 1
                if probed == PROBES:
                    break
            best = 0.0
            # Most shared bigrams first; among equals the older (commoner) leader.
            # (A Counter keeps first-seen order among equals: the older leader.)
            for leader, _ in hits.most_common(VERIFY):
                other = norms[leader]
                # Length filter: the ratio cannot exceed 2·min / (sum of lengths).
                if 2 * min(len(text), len(other)) < threshold * (len(text) + len(other)):
                    continue
                score = fuzz.ratio(text, other, score_cutoff=cutoff)
                pair = (text, other)
                if not score:
                    mine, theirs = clauses_of(g), clauses_of(leader)
                    score, pair = fuzz.ratio(mine, theirs, score_cutoff=cutoff), (mine, theirs)
                if (
                    score > best
                    and figures_of(g) == figures_of(leader)
                    and not differ_in_stance(*pair)
                ):
                    joined, best = leader, score
        if joined is not None:
            members[joined].append(g)
            continue
        members[g] = []
        created[g] = len(created)
        for tok in tokens:
            index[tok].append(g)
    return list(members.items())
