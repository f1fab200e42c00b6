"""Compare two drafts article by article: align, classify, and diff the wording of each pair.

Two versions of one regulation share uids (a later version is a clone with edits), so their
articles align by uid. Texts from outside (two imported files) align by content:

1. exact text (after normalising whitespace and punctuation width) — the anchors;
2. the longest run of anchors in the same order on both sides (LIS): anchors outside it are
   articles that left their place, i.e. *moved*;
3. between two consecutive ordered anchors, the unmatched articles on both sides are paired in
   order by similarity (character-bigram Dice), a low bar since position already agrees;
4. what is left is paired across the whole text on a high bar (moved and reworded);
5. an old article whose words two consecutive new articles share is *split*; two old articles
   that one new article covers are *merged*.

An article whose number changed only because others were inserted or deleted before it is
*renumbered*; one that changed its place relative to its neighbours is *moved*. Word diffs are
computed per pair only (see ``wording_diff``), never over a whole text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from drafting.compare.headings import heading_changes
from drafting.compare.wording import EQUAL, has_changes, word_diff
from drafting.model.numbering import article_body, article_line_units, compute_numbers
from drafting.model.references import ReferenceIndex
from drafting.model.units import Draft, Unit, UnitKind

UNCHANGED = "unchanged"
RENUMBERED = "renumbered"
MODIFIED = "modified"
ADDED = "added"
DELETED = "deleted"
MOVED = "moved"
SPLIT = "split"
MERGED = "merged"

#: Every status, in the order totals are shown.
STATUSES = (MODIFIED, ADDED, DELETED, MOVED, SPLIT, MERGED, RENUMBERED, UNCHANGED)
#: Statuses where the wording or the place of an article changed (what F7 visits).
CHANGE_STATUSES = frozenset({MODIFIED, ADDED, DELETED, MOVED, SPLIT, MERGED})

#: Chinese names of the statuses, for totals, tables and the view.
STATUS_NAMES = {
    UNCHANGED: "未修改",
    RENUMBERED: "仅序号变化",
    MODIFIED: "修改",
    ADDED: "新增",
    DELETED: "删除",
    MOVED: "移动",
    SPLIT: "拆分",
    MERGED: "合并",
}

# What changed in the words of a pair (``ArticlePair.kind``), independent of its place.
NONE = "none"  # nothing, or only spaces
WORDING = "wording"  # the words changed
LABEL = "label"  # only the article's own number changed
CITATIONS = "citations"  # only cited numbers, following their renumbered targets (序号调整)
PUNCTUATION = "punctuation"  # only punctuation width (: → ：), reported, not a wording change

#: Every kind; an article whose words changed is WORDING whatever else changed, then
#: CITATIONS, PUNCTUATION and LABEL in that order.
KINDS = (NONE, WORDING, LABEL, CITATIONS, PUNCTUATION)

#: Chinese names of the kinds.
KIND_NAMES = {
    NONE: "未修改",
    WORDING: "修改",
    LABEL: "仅序号变化",
    CITATIONS: "援引序号调整",
    PUNCTUATION: "标点调整",
}

#: The classes counted in the totals: a status for amendments, the kind for the rest.
TOTAL_CLASSES = (MODIFIED, ADDED, DELETED, MOVED, SPLIT, MERGED, RENUMBERED, CITATIONS, PUNCTUATION)
_CLASS_NAMES = {
    **STATUS_NAMES,
    CITATIONS: KIND_NAMES[CITATIONS],
    PUNCTUATION: KIND_NAMES[PUNCTUATION],
}

#: Similarity (bigram Dice) needed to pair two articles between ordered anchors.
GAP_THRESHOLD = 0.3
#: Similarity needed to pair two articles anywhere in the text (a move with edits).
FAR_THRESHOLD = 0.55
#: Added to the similarity of a candidate in the old article's own place (between the ordered
#: identical articles around it), so a parallel article elsewhere does not take its successor.
PLACE_BONUS = 0.15
#: Share of a new article's bigrams that must come from the old one it was split from.
SPLIT_CONTAINMENT = 0.6
#: Above this many cells, a gap is paired greedily instead of by an order-keeping DP.
_DP_LIMIT = 40_000

_WIDTH = str.maketrans(
    {":": "：", "(": "（", ")": "）", ",": "，", ";": "；", "?": "？", "!": "！"}
)
_SPACE = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class ArticlePair:
    """One row of a comparison: the old article(s), the new one(s), and what happened.

    ``old``/``new`` are empty for an added/deleted article, two long for split (new) or
    merged (old). ``diff`` holds diff-match-patch ops (-1 deleted, 0 equal, 1 inserted) from
    the old body to the new body (article texts without numbers, 款 joined by newlines).
    ``kind`` says what changed in the words (one of KINDS). An article whose only change is a
    cited number following its renumbered target (CITATIONS) or punctuation width
    (PUNCTUATION) keeps its place, so its status is RENUMBERED or UNCHANGED, not MODIFIED.
    """

    status: str
    old: list[Unit]
    new: list[Unit]
    old_numbers: list[str]
    new_numbers: list[str]
    diff: list[tuple[int, str]]
    kind: str = NONE

    @property
    def is_change(self) -> bool:
        """True for an amendment (see ``is_amendment``)."""
        return is_amendment(self)

    @property
    def old_label(self) -> str | None:
        """The first old number (第五条), None for an added article."""
        return self.old_numbers[0] if self.old_numbers else None

    @property
    def new_label(self) -> str | None:
        """The first new number, None for a deleted article."""
        return self.new_numbers[0] if self.new_numbers else None


def is_amendment(pair: ArticlePair) -> bool:
    """True when the pair is an amendment: its words changed, or it was added, deleted, moved,
    split or merged. False for unchanged articles and for those whose only change is their own
    number, a cited number that follows renumbering, or punctuation width (those are covered by
    the 修改决定's closing 对条文顺序作相应调整 and are not marked in the 对照表).

    The totals, the F7 navigation, the 对照表, the 修改稿 and the 修改决定 all ask this."""
    return pair.status in CHANGE_STATUSES


def total_class(pair: ArticlePair) -> str:
    """The class a pair is counted under in the totals (one of TOTAL_CLASSES, or UNCHANGED):
    its status for an amendment, else what its words show (序号, 援引序号, 标点)."""
    if is_amendment(pair):
        return pair.status
    if pair.kind in (CITATIONS, PUNCTUATION):
        return pair.kind
    return pair.status


@dataclass
class Comparison:
    """All pairs in reading order (the new text's order, deleted articles after their old
    predecessor) and the count of each status."""

    pairs: list[ArticlePair]
    summary: dict[str, int]
    old_title: str = ""
    new_title: str = ""
    by_uid: bool = False
    changes: list[int] = field(default_factory=list)  # indexes of pairs with is_change
    kinds: dict[str, int] = field(default_factory=dict)  # count of each kind
    # The two texts compared (the 修改决定 applies its structure to a copy of the old one).
    old_draft: Draft | None = field(default=None, repr=False, compare=False)
    new_draft: Draft | None = field(default=None, repr=False, compare=False)
    # The old text's references when the comparison found them (the 修改决定 reuses them).
    old_references: ReferenceIndex | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """Plain data: pairs with old/new numbers (null when absent), status, kind, and the
        diff where words or punctuation changed; summary with every status and kinds with
        every kind, zeros included; ``headings``: the title and every 编/章/节 with its status
        (see ``headings.heading_changes``)."""
        pairs: list[dict[str, Any]] = []
        for pair in self.pairs:
            item: dict[str, Any] = {
                "old": pair.old_label,
                "new": pair.new_label,
                "status": pair.status,
                "kind": pair.kind,
            }
            if len(pair.old_numbers) > 1 or len(pair.new_numbers) > 1:
                item["old_numbers"] = pair.old_numbers
                item["new_numbers"] = pair.new_numbers
            if (pair.is_change or pair.kind in (CITATIONS, PUNCTUATION)) and has_changes(pair.diff):
                item["diff"] = [[op, text] for op, text in pair.diff]
            pairs.append(item)
        return {
            "old_title": self.old_title,
            "new_title": self.new_title,
            "pairs": pairs,
            "summary": dict(self.summary),
            "kinds": {k: self.kinds.get(k, 0) for k in KINDS},
            "headings": heading_changes(self),
        }

    def totals_text(self) -> str:
        """The totals in words: 3条修改、1条新增、1条删除、12条仅序号变化、5条援引序号调整
        (zeros left out; see ``total_class``)."""
        counts: dict[str, int] = {}
        for pair in self.pairs:
            c = total_class(pair)
            counts[c] = counts.get(c, 0) + 1
        parts = [f"{counts[c]}条{_CLASS_NAMES[c]}" for c in TOTAL_CLASSES if counts.get(c)]
        return "、".join(parts) if parts else "无修改"


def normalise(text: str) -> str:
    """Text for matching: no spaces (newlines kept: 款 breaks count), half-width ,:;() → full."""
    return _SPACE.sub("", text).translate(_WIDTH)


def unspaced(text: str) -> str:
    """The text without spaces (newlines kept), punctuation as written."""
    return _SPACE.sub("", text)


def bigrams(text: str) -> frozenset[str]:
    """The set of character bigrams of a normalised text (its lines joined)."""
    flat = text.replace("\n", "")
    if len(flat) < 2:
        return frozenset({flat}) if flat else frozenset()
    return frozenset(flat[i : i + 2] for i in range(len(flat) - 1))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two bigram sets (0 … 1)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


# ---- alignment ---------------------------------------------------------------------------------


class _Side:
    """One draft's articles with their numbers, bodies, (lazily) bigram sets and references."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.articles = draft.articles()
        numbers = compute_numbers(draft)
        self.labels = [numbers[a.uid].label for a in self.articles]
        self.bodies = [article_body(a) for a in self.articles]
        self.norm = [normalise(b) for b in self.bodies]
        self.position = {a.uid: i for i, a in enumerate(self.articles)}
        self._bigrams: dict[int, frozenset[str]] = {}
        self._references: ReferenceIndex | None = None

    def __len__(self) -> int:
        return len(self.articles)

    def grams(self, i: int) -> frozenset[str]:
        found = self._bigrams.get(i)
        if found is None:
            found = self._bigrams[i] = bigrams(self.norm[i])
        return found

    def references(self) -> ReferenceIndex:
        """The draft's references, found once (only when a pair needs them)."""
        if self._references is None:
            self._references = ReferenceIndex.build(self.draft)
        return self._references

    def masked(self, i: int, key: Callable[[int], str]) -> str:
        """The normalised body of article ``i`` with every cited article number replaced by
        ``key(index of the cited article)``: two bodies that differ only in numbers following
        their targets mask alike."""
        index = self.references()
        lines: list[str] = []
        for unit, line in article_line_units(self.articles[i]):
            refs = index.in_unit(unit.uid)
            if refs:
                offset = len(line) - len(unit.text)
                pieces: list[str] = []
                pos = 0
                for ref in refs:
                    for slot in ref.slots:
                        target = self.position.get(slot.uid)
                        if slot.kind is not UnitKind.ARTICLE or target is None:
                            continue
                        start = offset + ref.start + slot.start
                        pieces.append(line[pos:start])
                        pieces.append(f"\x00{key(target)}\x00")
                        pos = offset + ref.start + slot.end
                pieces.append(line[pos:])
                line = "".join(pieces)
            lines.append(line)
        return normalise("\n".join(lines))


class _Match:
    """The alignment being built: 1:1 links, plus the second halves of splits (new → old) and
    the articles merged into another (old → new)."""

    def __init__(self, n_old: int, n_new: int) -> None:
        self.old = [-1] * n_old
        self.new = [-1] * n_new
        self.split_of: dict[int, int] = {}
        self.merged_into: dict[int, int] = {}
        self.busy_old: set[int] = set()  # olds already in a split or merge
        self.busy_new: set[int] = set()

    def link(self, i: int, j: int) -> None:
        self.old[i] = j
        self.new[j] = i

    def old_free(self, i: int) -> bool:
        return self.old[i] < 0 and i not in self.merged_into

    def new_free(self, j: int) -> bool:
        return self.new[j] < 0 and j not in self.split_of

    def old_to_new(self, i: int) -> int:
        """The new article an old one went to (-1: deleted)."""
        j = self.old[i]
        return j if j >= 0 else self.merged_into.get(i, -1)


@dataclass
class _Group:
    """Matched old and new article indexes (1:1, 1:2 split, 2:1 merged)."""

    old: list[int]
    new: list[int]
    kind: str = ""  # "", SPLIT or MERGED


def compare_drafts(old: Draft, new: Draft, *, by_uid: bool | None = None) -> Comparison:
    """Align the articles of two drafts, classify each pair and diff the changed ones.

    ``by_uid``: True aligns by uid (versions of one regulation), False by content (texts from
    outside), None decides: by uid when the two drafts share any article uid.

    The alignment is one assignment over the whole text: uids first, then identical texts,
    then every remaining candidate pair above FAR_THRESHOLD best first (so a near-verbatim
    successor always wins over a weaker candidate, wherever it stands), splits and merges,
    and last the weak in-order pairs between the ordered anchors.
    """
    a, b = _Side(old), _Side(new)
    if by_uid is None:
        by_uid = bool({u.uid for u in a.articles} & {u.uid for u in b.articles})
    match = _Match(len(a), len(b))
    if by_uid:
        new_index = {u.uid: j for j, u in enumerate(b.articles)}
        for i, unit in enumerate(a.articles):
            j = new_index.get(unit.uid, -1)
            if j >= 0:
                match.link(i, j)
    _match_exact(a, b, match)
    _match_best(a, b, match)
    _splits_and_merges(a, b, match)
    _match_gaps(a, b, _ordered(match.old), match)
    _splits_and_merges(a, b, match)
    groups = _groups(match)
    in_order = _in_order(groups)
    pairs = _pairs(a, b, groups, in_order, match)
    summary = {s: 0 for s in STATUSES}
    kinds = {k: 0 for k in KINDS}
    for pair in pairs:
        summary[pair.status] += 1
        kinds[pair.kind] += 1
    return Comparison(
        pairs=pairs,
        summary=summary,
        old_title=old.title,
        new_title=new.title,
        by_uid=by_uid,
        changes=[k for k, p in enumerate(pairs) if p.is_change],
        kinds=kinds,
        old_draft=old,
        new_draft=new,
        old_references=a._references,
    )


def _match_exact(a: _Side, b: _Side, match: _Match) -> None:
    """Pair identical texts; repeated texts pair in order of occurrence."""
    by_text: dict[str, list[int]] = {}
    for i in range(len(a)):
        if match.old[i] < 0:
            by_text.setdefault(a.norm[i], []).append(i)
    for lst in by_text.values():
        lst.reverse()  # pop() takes the earliest
    for j in range(len(b)):
        if match.new[j] >= 0:
            continue
        candidates = by_text.get(b.norm[j])
        if candidates:
            match.link(candidates.pop(), j)


def increasing_positions(seq: list[int]) -> list[int]:
    """Positions in ``seq`` of one longest strictly increasing subsequence (O(n log n)):
    the items that keep their order; the others moved."""
    tails: list[int] = []  # values
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for pos, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k > 0 else -1
    out: list[int] = []
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        out.append(pos)
        pos = prev[pos]
    out.reverse()
    return out


def _ordered(old_match: list[int]) -> list[tuple[int, int]]:
    """The matched (old, new) pairs that keep their relative order (a longest such run)."""
    matched = sorted((j, i) for i, j in enumerate(old_match) if j >= 0)
    keep = increasing_positions([i for _, i in matched])
    return [(matched[p][1], matched[p][0]) for p in keep]


def _match_gaps(a: _Side, b: _Side, anchors: list[tuple[int, int]], match: _Match) -> None:
    """Between consecutive ordered anchors, pair unmatched articles in order by similarity."""
    bounds = [(-1, -1), *anchors, (len(a), len(b))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [i for i in range(i0 + 1, i1) if match.old_free(i)]
        news = [j for j in range(j0 + 1, j1) if match.new_free(j)]
        if not olds or not news:
            continue
        if len(olds) * len(news) > _DP_LIMIT:
            continue  # too big a gap for the order-keeping programme: left unpaired
        for i, j in _order_keeping_pairs(a, b, olds, news):
            match.link(i, j)


def _order_keeping_pairs(
    a: _Side, b: _Side, olds: list[int], news: list[int]
) -> list[tuple[int, int]]:
    """The order-keeping pairing of ``olds`` with ``news`` that maximises total similarity
    (each pair at least GAP_THRESHOLD): a small weighted-LCS dynamic programme."""
    if len(olds) == 1 and len(news) == 1:
        s = dice(a.grams(olds[0]), b.grams(news[0]))
        return [(olds[0], news[0])] if s >= GAP_THRESHOLD else []
    n, m = len(olds), len(news)
    score = [[dice(a.grams(i), b.grams(j)) for j in news] for i in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        row, below = best[x], best[x + 1]
        for y in range(m - 1, -1, -1):
            s = score[x][y]
            take = s + below[y + 1] if s >= GAP_THRESHOLD else -1.0
            row[y] = max(take, below[y], row[y + 1])
    pairs: list[tuple[int, int]] = []
    x = y = 0
    while x < n and y < m:
        s = score[x][y]
        if s >= GAP_THRESHOLD and best[x][y] == s + best[x + 1][y + 1]:
            pairs.append((olds[x], news[y]))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs


def _match_best(a: _Side, b: _Side, match: _Match) -> None:
    """The global pass: every candidate pair of unmatched articles with similarity at least
    FAR_THRESHOLD, taken best first (ties: the nearer positions first); a candidate in the
    old article's own place counts PLACE_BONUS more.

    Candidates are found through an inverted index of bigrams (the shingles), so two long
    unrelated texts stay near-linear. Taking the best remaining pair first is what makes a
    verbatim or near-verbatim successor win: no candidate of the same old or new article can
    score higher than it, so nothing can take its place before it is linked.
    """
    olds = [i for i in range(len(a)) if match.old_free(i)]
    news = [j for j in range(len(b)) if match.new_free(j)]
    if not olds or not news:
        return
    # Where each old article would stand if it kept its place: between the new positions of
    # the nearest ordered anchors (identical texts) before and after it.
    low = [-1] * len(a)
    high = [len(b)] * len(a)
    anchors = _ordered(match.old)
    k = 0
    last = -1
    for i in range(len(a)):
        while k < len(anchors) and anchors[k][0] < i:
            last = anchors[k][1]
            k += 1
        low[i] = last
        high[i] = anchors[k][1] if k < len(anchors) else len(b)
    index: dict[str, list[int]] = {}
    for i in olds:
        for g in a.grams(i):
            index.setdefault(g, []).append(i)
    candidates: list[tuple[float, int, int]] = []
    for j in news:
        gj = b.grams(j)
        shared: dict[int, int] = {}
        for g in gj:
            for i in index.get(g, ()):
                shared[i] = shared.get(i, 0) + 1
        for i, common in shared.items():
            s = 2 * common / (len(a.grams(i)) + len(gj))
            if s >= FAR_THRESHOLD:
                # A candidate in the old article's own place is preferred to a similar one
                # elsewhere (a parallel article, as the 立法法's 第十三条 and 第七十九条 are):
                # only a clearly better match elsewhere is taken as a move.
                in_place = low[i] < j < high[i]
                candidates.append((s + (PLACE_BONUS if in_place else 0.0), i, j))
    candidates.sort(key=lambda c: (-c[0], abs(c[1] - c[2]), c[1]))
    for _s, i, j in candidates:
        if match.old_free(i) and match.new_free(j):
            match.link(i, j)


def _containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s bigrams found in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def _splits_and_merges(a: _Side, b: _Side, match: _Match) -> None:
    """Fold unmatched articles into the pair next to them: a split (an unmatched new article
    next to a matched one, made of the old article's words) or a merge (an unmatched old
    article next to a matched one whose new text holds its words)."""
    for j in range(len(b)):
        if not match.new_free(j):
            continue
        for k in (j - 1, j + 1):
            if not 0 <= k < len(b):
                continue
            i = match.new[k]
            if i < 0 or i in match.busy_old or k in match.busy_new:
                continue
            if a.norm[i] == b.norm[k]:
                continue  # the neighbour is unchanged: j is a plain addition
            whole = a.grams(i)
            if _containment(b.grams(j), whole) < SPLIT_CONTAINMENT:
                continue
            both = b.grams(min(j, k)) | b.grams(max(j, k))
            if dice(whole, both) <= dice(whole, b.grams(k)):
                continue
            match.split_of[j] = i
            match.busy_old.add(i)
            match.busy_new.add(k)
            break
    for i in range(len(a)):
        if not match.old_free(i):
            continue
        for k in (i - 1, i + 1):
            if not 0 <= k < len(a):
                continue
            j = match.old[k]
            if j < 0 or k in match.busy_old or j in match.busy_new:
                continue
            if a.norm[k] == b.norm[j]:
                continue
            whole = b.grams(j)
            if _containment(a.grams(i), whole) < SPLIT_CONTAINMENT:
                continue
            both = a.grams(min(i, k)) | a.grams(max(i, k))
            if dice(both, whole) <= dice(a.grams(k), whole):
                continue
            match.merged_into[i] = j
            match.busy_old.add(k)
            match.busy_new.add(j)
            break


def _groups(match: _Match) -> list[_Group]:
    """Matched pairs as groups, with the split halves and merged articles folded in."""
    groups_by_old: dict[int, _Group] = {}
    for i, j in enumerate(match.old):
        if j >= 0:
            groups_by_old[i] = _Group([i], [j])
    for j, i in match.split_of.items():
        group = groups_by_old[i]
        group.new = sorted([*group.new, j])
        group.kind = SPLIT
    group_of_new = {match.old[i]: g for i, g in groups_by_old.items()}
    for i, j in match.merged_into.items():
        group = group_of_new[j]
        group.old = sorted([*group.old, i])
        group.kind = MERGED
    return sorted(groups_by_old.values(), key=lambda g: g.new[0])


def _in_order(groups: list[_Group]) -> set[int]:
    """Ids of the groups that keep their place (a longest increasing run of old positions)."""
    keep = increasing_positions([g.old[0] for g in groups])  # groups are sorted by new position
    return {id(groups[p]) for p in keep}


def _pairs(
    a: _Side, b: _Side, groups: list[_Group], in_order: set[int], match: _Match
) -> list[ArticlePair]:
    """Classify each group and lay the pairs out in reading order."""
    group_at_new = {g.new[0]: g for g in groups}
    # Deleted articles follow the pair of their nearest old predecessor that kept its place.
    placed_old: dict[int, _Group] = {}
    for g in groups:
        if id(g) in in_order:
            for i in g.old:
                placed_old[i] = g
    after: dict[int, list[int]] = {}  # id(group) or -1 (top) → deleted old indexes
    for i in range(len(a)):
        if match.old_to_new(i) >= 0:
            continue
        host = -1
        for p in range(i - 1, -1, -1):
            if p in placed_old:
                host = id(placed_old[p])
                break
        after.setdefault(host, []).append(i)

    covered = {j for g in groups for j in g.new}
    pairs: list[ArticlePair] = [_deleted(a, i) for i in after.get(-1, [])]
    for j in range(len(b)):
        group = group_at_new.get(j)
        if group is None:
            if j not in covered:  # the second half of a split is shown with its first
                pairs.append(_added(b, j))
            continue
        pairs.append(_classify(a, b, group, id(group) in in_order, match))
        pairs.extend(_deleted(a, i) for i in after.get(id(group), []))
    return pairs


def _deleted(a: _Side, i: int) -> ArticlePair:
    body = a.bodies[i]
    return ArticlePair(
        DELETED, [a.articles[i]], [], [a.labels[i]], [], [(-1, body)] if body else [], WORDING
    )


def _added(b: _Side, j: int) -> ArticlePair:
    body = b.bodies[j]
    return ArticlePair(
        ADDED, [], [b.articles[j]], [], [b.labels[j]], [(1, body)] if body else [], WORDING
    )


def _kind(a: _Side, b: _Side, group: _Group, match: _Match, labels_differ: bool) -> str:
    """What changed in the words of a group (one of KINDS)."""
    if len(group.old) == len(group.new) == 1 and a.bodies[group.old[0]] == b.bodies[group.new[0]]:
        return LABEL if labels_differ else NONE  # the usual case, decided without normalising
    old_norm = "\n".join(a.norm[i] for i in group.old)
    new_norm = "\n".join(b.norm[j] for j in group.new)
    if old_norm == new_norm:
        old_flat = "\n".join(unspaced(a.bodies[i]) for i in group.old)
        new_flat = "\n".join(unspaced(b.bodies[j]) for j in group.new)
        if old_flat != new_flat:
            return PUNCTUATION
        return LABEL if labels_differ else NONE
    if "第" not in old_norm and "第" not in new_norm:
        return WORDING

    def old_key(i: int) -> str:
        j = match.old_to_new(i)
        return str(j) if j >= 0 else f"删{i}"

    old_masked = "\n".join(a.masked(i, old_key) for i in group.old)
    new_masked = "\n".join(b.masked(j, str) for j in group.new)
    return CITATIONS if old_masked == new_masked else WORDING


def _table_spans(articles: list[Unit]) -> list[list[list[tuple[int, int]]]]:
    """The spans (columns, rows) of every cell of the articles' tables, in order."""
    return [
        [[(c.col_span, c.row_span) for c in row] for row in p.table.rows]
        for article in articles
        for p in article.children
        if p.table is not None
    ]


def _spans_differ(group: _Group, a: _Side, b: _Side) -> bool:
    """Whether the group's tables differ in their merged cells (their words being the same:
    a table row's line, | a | b |, does not show the spans)."""
    olds = [a.articles[i] for i in group.old]
    news = [b.articles[j] for j in group.new]
    if not any(p.table is not None for u in (*olds, *news) for p in u.children):
        return False
    return _table_spans(olds) != _table_spans(news)


def _classify(a: _Side, b: _Side, group: _Group, in_place: bool, match: _Match) -> ArticlePair:
    old_body = "\n".join(a.bodies[i] for i in group.old)
    new_body = "\n".join(b.bodies[j] for j in group.new)
    old_labels = [a.labels[i] for i in group.old]
    new_labels = [b.labels[j] for j in group.new]
    kind = _kind(a, b, group, match, old_labels != new_labels)
    if kind != WORDING and _spans_differ(group, a, b):
        kind = WORDING  # only merged cells changed: a change of the article's table
    diff = [(EQUAL, new_body)] if kind in (NONE, LABEL) else word_diff(old_body, new_body)
    if group.kind:
        status = group.kind
    elif not in_place:
        status = MOVED
    elif kind == WORDING:
        status = MODIFIED
    elif old_labels == new_labels:
        status = UNCHANGED
    else:
        status = RENUMBERED
    return ArticlePair(
        status,
        [a.articles[i] for i in group.old],
        [b.articles[j] for j in group.new],
        old_labels,
        new_labels,
        diff,
        kind,
    )


def explanation(pair: ArticlePair) -> str:
    """The 修改说明 of one row."""
    old = "、".join(pair.old_numbers)
    new = "、".join(pair.new_numbers)
    renumber = (
        f"条文序号由{old}调整为{new}"
        if pair.old_numbers and pair.new_numbers and pair.old_numbers != pair.new_numbers
        else ""
    )
    if pair.status in (UNCHANGED, RENUMBERED):
        notes = [renumber] if renumber else []
        if pair.kind == CITATIONS:
            notes.append("援引条文序号相应调整")
        elif pair.kind == PUNCTUATION:
            notes.append("标点符号调整")
        return "；".join(notes)
    if pair.status == MODIFIED:
        return "修改" + (f"；{renumber}" if renumber else "")
    if pair.status == ADDED:
        return f"新增（{new}）"
    if pair.status == DELETED:
        return f"删除（原{old}）"
    if pair.status == MOVED:
        # A move across a split or merge can keep its number: then only its place changed.
        moved = f"由{old}移至{new}" if old != new else f"调整条文位置（{new}）"
        return moved + ("，并作修改" if has_changes(pair.diff) else "")
    if pair.status == SPLIT:
        return f"将{old}拆分为{new}"
    if pair.status == MERGED:
        return f"将{old}合并为{new}"
    return pair.status
