"""Applying a NOTE clause (将注修改为：“……” / 增加注：“……” / 删去注) to a draft's notes.

The 注 is the part of ``Draft.notes`` that is the regulation's own words
(``model.notes.text_note_lines``); the 落款, dates and editor's marks around it are kept as
they are. The new lines stand where the old 注 stood (after the other notes when it is added).
"""

from __future__ import annotations

from drafting.amend.instructions import NOTE, Instruction
from drafting.model.notes import text_note_lines, with_text_notes

__all__ = ["NOTE", "note_problem", "noted"]


def note_problem(notes: list[str], ins: Instruction) -> str:
    """Why ``ins`` cannot apply to ``notes`` (Chinese, for ``AmendResult.failed``), "" when
    it can: 增加注 where the text has one, 将注修改为 / 删去注 where it has none."""
    assert ins.action == NOTE
    has = bool(text_note_lines(notes))
    if ins.position == 1 and has:
        return "原文已有注"
    if ins.position != 1 and not has:
        return "原文没有注"
    return ""


def noted(notes: list[str], ins: Instruction) -> list[str]:
    """``notes`` with the 注 rewritten, added or deleted as ``ins`` says (a new list)."""
    lines = ins.texts[0].split("\n") if ins.texts else []
    return with_text_notes(notes, lines)
