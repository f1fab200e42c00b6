"""The canonical plain-text layout of a draft, which the parser reads back to the same tree."""

from __future__ import annotations

from drafting.model import Draft, UnitKind
from drafting.numbering import Number, compute_numbers

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
            lines: list[str] = []
            for paragraph in unit.children:
                if paragraph.text or not paragraph.children:
                    lines.append(paragraph.text)
                for item in paragraph.children:
                    lines.append(numbers[item.uid].label + item.text)
                    lines.extend(numbers[s.uid].label + s.text for s in item.children)
            first = lines[0] if lines else ""
            lines[:1] = [f"{number.label}{SEPARATOR}{first}"]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
