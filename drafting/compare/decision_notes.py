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
