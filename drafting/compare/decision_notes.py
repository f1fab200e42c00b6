"""The 修改决定's item for the notes after the last article, and what it leaves to the drafter.

Of the lines a text prints after its last article (``Draft.notes``) only the 注 is the
regulation's own words (``model.notes``): a change in it is an item, in the forms used for
the 序言 (``instructions.render_note``):

    将注修改为：“注：本条例由市人民政府负责解释。”
    增加注：“注：……”
    删去注。

It stands after the articles' and headings' items and before the appendices' (the text prints
the notes between the two). A 落款, a date or an editor's footnote is not enacted: the
decision never amends it, and ``notes_warnings`` names such a change for the drafter (the
amended text keeps the old lines there).
"""

from __future__ import annotations

from drafting.amend.instructions import NOTE, Instruction
from drafting.amend.notes import noted
from drafting.compare.articles import unspaced
from drafting.model.notes import text_notes
from drafting.model.units import Draft

__all__ = ["note_items", "notes_warnings"]


def note_items(old: Draft, new: Draft) -> list[list[Instruction]]:
    """The decision's item for the 注 (one clause), or [] when the 注 did not change
    (spacing apart; punctuation width counts: the 注 is quoted as printed)."""
    before, after = text_notes(old.notes), text_notes(new.notes)
    if unspaced("\n".join(before)) == unspaced("\n".join(after)):
        return []
    if not after:
        return [[Instruction(NOTE, anchor="注")]]
    return [
        [Instruction(NOTE, anchor="注", texts=("\n".join(after),), position=0 if before else 1)]
    ]


def notes_warnings(old: Draft, new: Draft) -> list[str]:
    """Chinese lines for what the decision leaves in the notes: the old notes with the
    decision's 注 item applied, compared with the new ones; [] when they agree (spacing
    apart)."""
    notes = list(old.notes)
    for item in note_items(old, new):
        for ins in item:
            notes = noted(notes, ins)
    if unspaced("\n".join(notes)) == unspaced("\n".join(new.notes)):
        return []
    return [
        "条文后的落款、日期等注记有修改，不属于条文内容，未写入修改决定"
        "（按修改决定修改后仍为原注记），如需修改请另行处理"
    ]


def supplied_labels(draft: Draft, printed: dict[str, str], side: str) -> list[str]:
    """Warnings for units the source printed without a number that the documents number
    (G12): 新文本第十六条第五项原文未印编号，修改稿、修改决定和对照表写作“（五）”.
    ``printed``: ``ParseResult.printed_labels`` (uid → the label as printed, "" for none);
    ``side``: 原文本 or 新文本. The writers print the number the reader supplied (the model
    keeps no "printed without a number" mark), so the drafter is told where."""
    from drafting.model.numbering import compute_numbers
    from drafting.model.positions import Context

    lost = [uid for uid, label in printed.items() if label == ""]
    if not lost:
        return []
    ctx = Context(draft)
    numbers = compute_numbers(draft)
    out = []
    for unit in draft.walk():
        if unit.uid in lost and unit.uid in numbers:
            shown = numbers[unit.uid].label
            if not shown:
                continue  # printed without a number as the source did (Numbering.UNLABELLED)
            out.append(
                f"{side}{ctx.full_label(unit.uid)}原文未印编号，修改稿、修改决定和对照表写作“{shown}”"
            )
    return out
