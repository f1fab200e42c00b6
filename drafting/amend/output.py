"""The amended text as plain text: everything the old text had that the decision does not
change is kept — title, 题注, 序言, the 目录 (written again from the amended headings when the
old text printed one), the notes after the last article (a copy's footnotes), the appendices.
"""

from __future__ import annotations

from dataclasses import replace

from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft
from drafting.write.layout import TOC_HEADING, toc_entries
from drafting.write.plain_text import render_text


def had_toc(warnings: list[str]) -> bool:
    """The parser skipped a 目录 in the old text (its warnings say so)."""
    return any("目录" in w and "未作为正文读入" in w for w in warnings)


def amended_text(draft: Draft, *, toc: bool = False, notes: list[str] | None = None) -> str:
    """``render_text`` of the amended draft with, when asked, a 目录 after the title block
    (one line per heading, from the amended headings: regenerated when headings changed) and
    the old text's ``notes`` after the last article, before the appendices."""
    full = render_text(draft)
    body = render_text(replace(draft, appendices=[])) if draft.appendices else full
    appendices = full[len(body) - 1 :] if draft.appendices else ""
    body = body.rstrip("\n")
    if toc:
        numbers = compute_numbers(draft)
        entries = [line for _, line in toc_entries(draft, numbers)]
        if entries:
            head, _, rest = body.partition("\n\n")
            body = (
                head + "\n\n" + "\n".join([TOC_HEADING, *entries]) + ("\n\n" + rest if rest else "")
            )
    if notes:
        body += "\n\n" + "\n\n".join(notes)
    return body + (appendices if appendices else "\n")
