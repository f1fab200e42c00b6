"""The wording diff of one article pair: diff-match-patch, cleaned so changes read as phrases.

A raw character diff of Chinese text scatters single characters (处一千元 → 处二千元 shows 一→二,
with the 千 left standing). After diff-match-patch's own semantic cleanup we

- widen an edit to the whole run of numerals it touches (一千 → 二千, 三十日 → 十五日), so
  amounts, periods and article numbers change as a whole;
- swallow a tiny equality (one or two characters, no punctuation) that stands between two edits,
  so 应当依法 → 可以依照 reads as one replacement, not two with a stray 依 in the middle.

Never diff a whole text in one call (STACK-NOTES.md): align articles first, then diff each pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

DELETE, EQUAL, INSERT = -1, 0, 1

#: Characters that make up a number: Chinese numerals, digits, and 第 … 之 don't count.
NUMERAL_CHARS = frozenset(
    "零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟0123456789０１２３４５６７８９.．%％"
)
#: Punctuation and breaks: natural phrase boundaries an edit never swallows.
BOUNDARY_CHARS = frozenset("，。、；：？！“”‘’（）《》〈〉【】—…·,.;:?!()[]\"' \u3000\n\t")
#: Longest equality (characters) between two edits that is folded into them.
SMALL_EQUALITY = 2

#: Above this many characters (both sides), diff sentences first.
SENTENCE_MODE_MIN = 300
_SENTENCE = re.compile(r"[^。；：！？\n]*(?:[。；：！？\n]|$)")
_PRIVATE_PLANE = 0xF0000  # sentence codes: private-use characters never found in a text

_dmp = diff_match_patch()
# One article is at most a few thousand characters: let it finish rather than give up early.
_dmp.Diff_Timeout = 0


@dataclass
class _Change:
    """One edit region: what was deleted and what was inserted there."""

    deleted: str = ""
    inserted: str = ""


_Segment = str | _Change  # an equal run, or a change


def word_diff(a: str, b: str) -> list[tuple[int, str]]:
    """The cleaned diff from ``a`` to ``b`` as diff-match-patch ops: (-1|0|1, text).

    Within each change region the deletion comes before the insertion; equal runs are never
    empty. Joining the ops with op ≤ 0 gives ``a``; with op ≥ 0 gives ``b``.
    """
    if a == b:
        return [(EQUAL, a)] if a else []
    if not a:
        return [(INSERT, b)]
    if not b:
        return [(DELETE, a)]
    ops = _raw_diff(a, b)
    _dmp.diff_cleanupSemantic(ops)
    segments = _segments(ops)
    _widen_numerals(segments)
    _fold_small_equalities(segments)
    return _ops(segments)


def _sentences(text: str) -> list[str]:
    """The text cut after each 。；：！？ and line break (the pieces join back to the text)."""
    return [piece for piece in _SENTENCE.findall(text) if piece]


def _raw_diff(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch's diff; for long pairs, sentences first, then characters within the
    sentences that differ (dmp's own line mode, with sentences as lines): a long rewritten
    article then costs a few milliseconds instead of tens."""
    if len(a) + len(b) < SENTENCE_MODE_MIN:
        return list(_dmp.diff_main(a, b, False))
    codes: dict[str, str] = {}
    pieces: list[str] = []

    def encode(text: str) -> str:
        out = []
        for piece in _sentences(text):
            code = codes.get(piece)
            if code is None:
                code = codes[piece] = chr(_PRIVATE_PLANE + len(pieces))
                pieces.append(piece)
            out.append(code)
        return "".join(out)

    coarse = _dmp.diff_main(encode(a), encode(b), False)
    ops: list[tuple[int, str]] = []
    deleted = inserted = ""
    for op, coded in [*coarse, (EQUAL, "")]:
        text = "".join(pieces[ord(c) - _PRIVATE_PLANE] for c in coded)
        if op == DELETE:
            deleted += text
        elif op == INSERT:
            inserted += text
        else:
            if deleted and inserted:
                ops.extend(_dmp.diff_main(deleted, inserted, False))
            elif deleted:
                ops.append((DELETE, deleted))
            elif inserted:
                ops.append((INSERT, inserted))
            deleted = inserted = ""
            if text:
                ops.append((EQUAL, text))
    return ops


def _segments(ops: list[tuple[int, str]]) -> list[_Segment]:
    """Group ops into alternating equal runs and change regions."""
    segments: list[_Segment] = []
    for op, text in ops:
        if not text:
            continue
        if op == EQUAL:
            segments.append(text)
            continue
        if not segments or isinstance(segments[-1], str):
            segments.append(_Change())
        change = segments[-1]
        assert isinstance(change, _Change)
        if op == DELETE:
            change.deleted += text
        else:
            change.inserted += text
    return segments


def _touches_numeral(change: _Change, first: bool) -> bool:
    """Does the change start (first=True) or end with a numeral, on either side?"""
    for text in (change.deleted, change.inserted):
        if text and (text[0] if first else text[-1]) in NUMERAL_CHARS:
            return True
    return False


def _widen_numerals(segments: list[_Segment]) -> None:
    """Pull the numerals next to a change into it, so a number changes as a whole."""
    for i, seg in enumerate(segments):
        if not isinstance(seg, _Change):
            continue
        if i > 0 and isinstance(segments[i - 1], str) and _touches_numeral(seg, first=True):
            before = segments[i - 1]
            assert isinstance(before, str)
            n = len(before) - len(before.rstrip("".join(NUMERAL_CHARS)))
            if n:
                moved = before[-n:]
                segments[i - 1] = before[:-n]
                seg.deleted = moved + seg.deleted
                seg.inserted = moved + seg.inserted
        if (
            i + 1 < len(segments)
            and isinstance(segments[i + 1], str)
            and _touches_numeral(seg, first=False)
        ):
            after = segments[i + 1]
            assert isinstance(after, str)
            n = len(after) - len(after.lstrip("".join(NUMERAL_CHARS)))
            if n:
                moved = after[:n]
                segments[i + 1] = after[n:]
                seg.deleted += moved
                seg.inserted += moved
    segments[:] = [s for s in segments if not (isinstance(s, str) and not s)]
    _merge_adjacent_changes(segments)


def _fold_small_equalities(segments: list[_Segment]) -> None:
    """Fold a short equality that sits between two changes into one change."""
    i = 1
    while i + 1 < len(segments):
        seg = segments[i]
        prev, nxt = segments[i - 1], segments[i + 1]
        if (
            isinstance(seg, str)
            and isinstance(prev, _Change)
            and isinstance(nxt, _Change)
            and len(seg) <= SMALL_EQUALITY
            and not any(ch in BOUNDARY_CHARS for ch in seg)
        ):
            prev.deleted += seg + nxt.deleted
            prev.inserted += seg + nxt.inserted
            del segments[i : i + 2]
            continue
        i += 1


def _merge_adjacent_changes(segments: list[_Segment]) -> None:
    """Two changes left side by side (after an equality emptied) become one."""
    i = 0
    while i + 1 < len(segments):
        a, b = segments[i], segments[i + 1]
        if isinstance(a, _Change) and isinstance(b, _Change):
            a.deleted += b.deleted
            a.inserted += b.inserted
            del segments[i + 1]
            continue
        if isinstance(a, str) and isinstance(b, str):
            segments[i] = a + b
            del segments[i + 1]
            continue
        i += 1


def _ops(segments: list[_Segment]) -> list[tuple[int, str]]:
    ops: list[tuple[int, str]] = []
    for seg in segments:
        if isinstance(seg, str):
            ops.append((EQUAL, seg))
            continue
        # A change whose two sides share a prefix or suffix after widening: trim it back out,
        # except inside a numeral run (一千 → 二千 stays whole).
        if seg.deleted == seg.inserted:
            ops.append((EQUAL, seg.deleted))
            continue
        if seg.deleted:
            ops.append((DELETE, seg.deleted))
        if seg.inserted:
            ops.append((INSERT, seg.inserted))
    # Merge neighbouring equal runs produced above.
    merged: list[tuple[int, str]] = []
    for op, text in ops:
        if merged and merged[-1][0] == op == EQUAL:
            merged[-1] = (EQUAL, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def old_text(ops: list[tuple[int, str]]) -> str:
    """The text before the change: equal and deleted runs."""
    return "".join(text for op, text in ops if op <= 0)


def new_text(ops: list[tuple[int, str]]) -> str:
    """The text after the change: equal and inserted runs."""
    return "".join(text for op, text in ops if op >= 0)


def has_changes(ops: list[tuple[int, str]]) -> bool:
    """True when any op inserts or deletes."""
    return any(op != EQUAL for op, _ in ops)


def shared_ends(a: str, b: str) -> tuple[int, int]:
    """(p, s): ``a`` and ``b`` share their first p characters and, after those, their last s
    (p + s never exceeds the shorter): what lies between is the change."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, s
