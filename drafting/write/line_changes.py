"""Two texts compared line by line (a line: a 款, 项 or 目 of an article, a paragraph of a
序言), as the 修改稿 and the 对照表 both show them: lines are paired in order, most alike
first; a paired line changes word by word, an unpaired one is out or in whole.

- ``paired_lines``: the lines of one changed block paired (dice of bigrams ≥ ``LINE_ALIKE``);
- ``line_pairs``: every line of two texts paired (unchanged runs first, then the changed
  blocks by ``paired_lines``): [(i, j) | (i, None) | (None, j)];
- ``line_diff``: the same as diff-match-patch ops (-1, 0, 1) over the joined texts, so that a
  line whose only change is "(一)"→"（一）" shows only the bracket changed, never the whole
  line struck and written again.

Pure Python (no python-docx): the window uses it through ``comparison_rows``.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from drafting.compare.articles import bigrams, dice, normalise
from drafting.compare.wording import DELETE, EQUAL, INSERT, word_diff

__all__ = ["LINE_ALIKE", "line_diff", "line_pairs", "paired_lines"]

#: Above this many line pairs to weigh in one changed block, its lines are not paired.
LINE_DP_LIMIT = 10_000
#: Two lines at least this alike (bigram dice) are one line changed, not one out, one in.
LINE_ALIKE = 0.3


def paired_lines(
    a: list[str], b: list[str], kind: Callable[[str], object] | None = None
) -> list[tuple[int | None, int | None]]:
    """The lines of a changed block paired in order, most alike first (a pair needs dice ≥
    ``LINE_ALIKE``, and the same ``kind`` when given): (i, j) for a pair, (i, None) a line
    out, (None, j) a line in; lines out come before lines in between two pairs."""
    n, m = len(a), len(b)
    pairs: list[tuple[int, int]] = []
    if n * m <= LINE_DP_LIMIT:
        ga, gb = [bigrams(normalise(x)) for x in a], [bigrams(normalise(y)) for y in b]
        score = [
            [
                dice(ga[i], gb[j]) if kind is None or kind(a[i]) == kind(b[j]) else 0.0
                for j in range(m)
            ]
            for i in range(n)
        ]
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                s = score[i][j]
                take = s + best[i + 1][j + 1] if s >= LINE_ALIKE else -1.0
                best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
        i = j = 0
        while i < n and j < m:
            s = score[i][j]
            if s >= LINE_ALIKE and best[i][j] == s + best[i + 1][j + 1]:
                pairs.append((i, j))
                i, j = i + 1, j + 1
            elif best[i][j] == best[i + 1][j]:
                i += 1
            else:
                j += 1
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    for pi, pj in [*pairs, (n, m)]:
        out.extend((x, None) for x in range(i, pi))
        out.extend((None, y) for y in range(j, pj))
        if pi < n and pj < m:
            out.append((pi, pj))
        i, j = pi + 1, pj + 1
    return out


def line_pairs(
    a: list[str], b: list[str], kind: Callable[[str], object] | None = None
) -> list[tuple[int | None, int | None]]:
    """Every line of ``a`` and of ``b`` in order: equal runs paired as they are, the lines of
    each changed block by ``paired_lines``."""
    out: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((i1 + k, j1 + k) for k in range(i2 - i1))
            continue
        for i, j in paired_lines(a[i1:i2], b[j1:j2], kind):
            out.append((None if i is None else i1 + i, None if j is None else j1 + j))
    return out


def line_diff(old_body: str, new_body: str) -> list[tuple[int, str]]:
    """The change from ``old_body`` to ``new_body`` line by line as diff-match-patch ops:
    joining the ops with op ≤ 0 gives ``old_body``, with op ≥ 0 ``new_body``. A paired line
    is a word diff of its own (its newline kept), a line out or in is deleted or inserted
    whole with its newline."""
    if old_body == new_body:
        return [(EQUAL, old_body)] if old_body else []
    a, b = old_body.split("\n"), new_body.split("\n")
    # Every line with a newline after it first; each side's last newline is taken off after.
    ops: list[tuple[int, str]] = []
    for i, j in line_pairs(a, b):
        if i is not None and j is not None:
            ops.extend((op, t) for op, t in word_diff(a[i], b[j]) if t)
            ops.append((EQUAL, "\n"))
        elif i is not None:
            ops.append((DELETE, a[i] + "\n"))
        elif j is not None:
            ops.append((INSERT, b[j] + "\n"))
    for side, other in ((DELETE, INSERT), (INSERT, DELETE)):
        k = max(n for n, (op, _) in enumerate(ops) if op in (EQUAL, side))
        op, text = ops[k]
        if op == EQUAL:
            # A newline both sides shared: now only the other side's.
            ops[k : k + 1] = [(EQUAL, text[:-1]), (other, "\n")]
        else:
            ops[k] = (op, text[:-1])
    return [(op, t) for op, t in ops if t]
