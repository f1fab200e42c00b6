"""Comparing the parts of a law around its articles: the preamble and the appendices.

Article comparison (``articles.compare_drafts``) pairs articles; this pairs the preamble with
the preamble and appendices by position, and says which of them changed, so a change in a tax
table or a 序言 is never silent. Punctuation width counts as equal, as in article comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from drafting.compare.articles import normalise
from drafting.model.matter import Appendix, Preamble
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


def _status(old: str, new: str) -> str | None:
    if normalise(old) == normalise(new):
        return None
    return "added" if not old else "deleted" if not new else "modified"


def compare_matter(old: Draft, new: Draft) -> list[MatterChange]:
    """The preamble and appendices that differ between two drafts, in text order."""
    changes: list[MatterChange] = []
    before, after = _preamble_text(old.preamble), _preamble_text(new.preamble)
    status = _status(before, after)
    if status:
        changes.append(MatterChange("序言", status, before, after))
    for a, b in zip_longest(old.appendices, new.appendices):
        before, after = _appendix_text(a), _appendix_text(b)
        status = _status(before, after)
        part = b if b is not None else a
        if status and part is not None:
            changes.append(MatterChange(part.label or "附件", status, before, after))
    return changes
