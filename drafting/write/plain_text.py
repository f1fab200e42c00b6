"""The canonical plain-text layout of a draft, which the parser reads back to the same tree."""

from __future__ import annotations

from drafting.model.numbering import Number, article_lines, compute_numbers
from drafting.model.units import Draft, UnitKind

SEPARATOR = "\u3000"  # the full-width space after 第X条 / 第X章


def heading_line(number: Number, heading: str) -> str:
    """第一章　总则; a bare heading (附则) when the unit carries no number."""
    if not number.label:
        return heading
    return f"{number.label}{SEPARATOR}{heading}" if heading else number.label


def render_text(draft: Draft) -> str:
    """Title, 题注 in parentheses, then headings and articles, one line per 款/项/目.

    Blank lines separate headings and articles; no 目录 is written.
    """
    numbers = compute_numbers(draft)
    blocks: list[str] = [draft.title]
    if draft.title_note:
        blocks[0] += "\n" + "\n".join(f"（{line}）" for line in draft.title_note.split("\n"))
    for unit in draft.walk():
        number = numbers[unit.uid]
        if unit.kind.is_heading:
            blocks.append(heading_line(number, unit.heading))
        elif unit.kind is UnitKind.ARTICLE:
            lines = article_lines(unit)
            lines[0] = f"{number.label}{SEPARATOR}{lines[0]}"
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
