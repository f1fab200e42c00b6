"""Comparing the parts of a law around its articles: the preamble and the appendices.

Article comparison (``articles.compare_drafts``) pairs articles; this pairs the preamble with
the preamble and appendices by position (附件1 with 附件1, as the 修改稿 lays them side by
side), and says which of them changed, so a change in a tax table or a 序言 is never silent.
Punctuation width counts as equal, as in article comparison, unless asked for.

The shape other parts use (the 对照表 rows, ``compare --json`` "matter", the 修改决定):
``compare_matter(old, new)`` → a list of ``MatterChange`` in text order, each with

- ``part``: 序言, or the appendix's own label (附件1, 附表, 附件 when it printed none);
- ``status``: added / deleted / modified (ADDED, DELETED, MODIFIED of ``articles``);
- ``old`` / ``new``: the part's text, lines joined by newlines (a table a line per row, cells
  apart by a full-width space), "" on the side that has none;
- ``kind``: WORDING, or PUNCTUATION when only punctuation width changed (listed only with
  ``punctuation=True``);
- ``diff``: the word diff old → new (diff-match-patch ops, as ``ArticlePair.diff``);
- ``to_json()``: the same as plain data.

The notes after the last article (``Draft.notes``: 落款, 注：…): ``compare_notes`` says whether
they changed (part 注记), for ``compare --json`` "notes_change" and the 对照表's 注记 row (after
the last article, before the 附件, where the text prints them). Of those lines only a 注 the
regulation carries (注：本条例由…负责解释) is the law's words (``model.notes.text_notes``);
``notes_parts`` says which of the two changed. The 修改决定 amends the 注 (将注修改为：“……”,
``decision_notes``); a 落款, a date or an editor's footnote is only reported.

A 修改决定 can say of each: added → "增加附件2：" + new; deleted → "删去附件1。"; modified →
"将附件1修改为：" + new (or, for the 序言, "将序言修改为：").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from drafting.compare.articles import PUNCTUATION, WORDING, normalise, unspaced
from drafting.compare.wording import word_diff
from drafting.model.matter import Appendix, Preamble
from drafting.model.notes import text_note_lines
from drafting.model.tree_data import appendix_data
from drafting.model.units import Draft


@dataclass(frozen=True)
class MatterChange:
    """One part that differs: ``part`` is 序言 or the appendix label (附件1); ``status`` is
    modified, added or deleted."""

    part: str
    status: str
    old: str
    new: str
    kind: str = WORDING

    @property
    def diff(self) -> list[tuple[int, str]]:
        """The word diff from ``old`` to ``new`` (-1 deleted, 0 equal, 1 inserted)."""
        return word_diff(self.old, self.new)

    def to_json(self) -> dict[str, str]:
        """As plain data: part, status, kind, old, new."""
        return {
            "part": self.part,
            "status": self.status,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
        }


def _preamble_text(preamble: Preamble | None) -> str:
    if preamble is None:
        return ""
    return "\n".join([preamble.heading, *preamble.paragraphs]).strip()


def _appendix_text(appendix: Appendix | None) -> str:
    if appendix is None:
        return ""
    data = appendix_data(appendix)
    rows = ["\u3000".join(row) for table in data["tables"] for row in table]
    return "\n".join([appendix.title, *data["paragraphs"], *rows]).strip()


def _status(old: str, new: str, punctuation: bool) -> tuple[str, str] | None:
    """(status, kind) of a part, None when it did not change (or only in punctuation width
    and spacing, unless ``punctuation``)."""
    if unspaced(old) == unspaced(new):
        return None
    if normalise(old) == normalise(new):
        return ("modified", PUNCTUATION) if punctuation and old and new else None
    return ("added" if not old else "deleted" if not new else "modified"), WORDING


def compare_matter(old: Draft, new: Draft, *, punctuation: bool = False) -> list[MatterChange]:
    """The preamble and appendices that differ between two drafts, in text order.
    ``punctuation``: list parts whose only change is punctuation width too (kind
    PUNCTUATION), as the 对照表 does."""
    changes: list[MatterChange] = []
    before, after = _preamble_text(old.preamble), _preamble_text(new.preamble)
    found = _status(before, after, punctuation)
    if found:
        changes.append(MatterChange("序言", found[0], before, after, found[1]))
    for a, b in zip_longest(old.appendices, new.appendices):
        before, after = _appendix_text(a), _appendix_text(b)
        found = _status(before, after, punctuation)
        part = b if b is not None else a
        if found and part is not None:
            changes.append(MatterChange(part.label or "附件", found[0], before, after, found[1]))
    return changes


#: The part name of the notes after the last article in a MatterChange.
NOTES = "注记"


def compare_notes(old: Draft, new: Draft) -> MatterChange | None:
    """The notes after the last article (落款, 注：…) when their words differ (spacing apart;
    punctuation width counts, they are compared as printed), else None. Status added/deleted/
    modified as for the other parts; ``old``/``new`` the notes a line each."""
    before, after = "\n".join(old.notes), "\n".join(new.notes)
    if unspaced(before) == unspaced(after):
        return None
    status = "added" if not before else "deleted" if not after else "modified"
    return MatterChange(NOTES, status, before, after, WORDING)


def notes_parts(old: list[str], new: list[str]) -> tuple[bool, bool]:
    """Which part of the notes changed between ``old`` and ``new`` (lines of
    ``Draft.notes``): (the 注, the others — 落款, dates, editor's marks). Spacing apart, as
    ``compare_notes``."""

    def split(notes: list[str]) -> tuple[str, str]:
        at = set(text_note_lines(notes))
        text = "\n".join(line for k, line in enumerate(notes) if k in at)
        other = "\n".join(line for k, line in enumerate(notes) if k not in at)
        return unspaced(text), unspaced(other)

    (old_text, old_other), (new_text, new_other) = split(old), split(new)
    return old_text != new_text, old_other != new_other


def headline(totals: str, changes: list[MatterChange], notes: MatterChange | None) -> str:
    """The compare summary after 《旧》→《新》： the articles' totals, then the parts around
    them that changed (G13: a changed 注 alone is no "无修改"): 3条修改；附件修改、注修改 /
    条文无修改；注修改. ``totals``: ``Comparison.totals_text()``; ``changes``:
    ``compare_matter``; ``notes``: ``compare_notes``."""
    from drafting.compare.articles import STATUS_NAMES

    parts = [f"{c.part.rstrip('：:')}{STATUS_NAMES.get(c.status, c.status)}" for c in changes]
    if notes is not None:
        note, signature = notes_parts(notes.old.splitlines(), notes.new.splitlines())
        if note:
            parts.append(f"注{STATUS_NAMES.get(notes.status, notes.status)}")
        if signature:
            parts.append("落款等修改")
    if not parts:
        return totals
    if totals == "无修改":
        totals = "条文无修改"
    return f"{totals}；{'、'.join(parts)}"
