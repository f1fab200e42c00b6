"""The canonical plain-text layout of a draft, which the parser reads back to the same tree."""

from __future__ import annotations

from drafting.model.matter import Table
from drafting.model.numbering import Number, article_lines, compute_numbers
from drafting.model.units import Draft, UnitKind

SEPARATOR = "\u3000"  # the full-width space after 第X条 / 第X章


def heading_line(number: Number, heading: str) -> str:
    """第一章　总则; a bare heading (附则) when the unit carries no number."""
    if not number.label:
        return heading
    return f"{number.label}{SEPARATOR}{heading}" if heading else number.label


def render_text(draft: Draft, *, toc: bool = False) -> str:
    """Title, 题注 in parentheses, the preamble, then headings and articles, one line per
    款/项/目, then the notes (落款, 注), then the appendices (label line, title, paragraphs, tables as | a | b | rows).

    Blank lines separate headings and articles. ``toc``: a 目录 after the title block (目录,
    then one line per 编/章/节 heading, with today's numbers), as the source printed one;
    none by default.
    """
    numbers = compute_numbers(draft)
    blocks: list[str] = [draft.title]
    printed = draft.printed_title_note()
    if printed is not None:
        blocks[0] += "\n" + "\n".join(printed)  # as the source printed it
    elif draft.title_note:
        blocks[0] += "\n" + "\n".join(f"（{line}）" for line in draft.title_note.split("\n"))
    if toc:
        lines = [heading_line(numbers[u.uid], u.heading) for u in draft.walk() if u.kind.is_heading]
        if lines:
            blocks.append("\n".join(["目录", *lines]))
    if draft.preamble is not None:
        if draft.preamble.heading:
            blocks.append(draft.preamble.heading)
        blocks.extend(draft.preamble.paragraphs)
    for unit in draft.walk():
        number = numbers[unit.uid]
        if unit.kind.is_heading:
            blocks.append(heading_line(number, unit.heading))
        elif unit.kind is UnitKind.ARTICLE:
            lines = article_lines(unit)
            lines[0] = f"{number.label}{SEPARATOR}{lines[0]}"
            blocks.append("\n".join(lines))
    blocks.extend(draft.notes)
    for appendix in draft.appendices:
        blocks.append(appendix.label or "附件")
        if appendix.title:
            blocks.append(appendix.title)
        for block in appendix.blocks:
            blocks.append(block if isinstance(block, str) else table_lines(block))
    return "\n\n".join(blocks) + "\n"


def table_lines(table: Table) -> str:
    """A table as Markdown-style rows, one line each: | 税目 | 税率 |."""
    return "\n".join("| " + " | ".join(row) + " |" for row in table.texts())
