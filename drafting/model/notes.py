"""Which of the notes after the last article (``Draft.notes``) are part of the law's text.

A text may print, after its last article (and before its appendices), lines that are not
articles: a 落款 (the enacting body, a date), an editor's footnote (① 刑法、历次刑法修正案…的施行
日期…), a note on a revision (（本章根据…修改）), and a 注 that the regulation itself carries
(注：本条例由市人民代表大会常务委员会负责解释。). Only the last is part of the regulation as
enacted, so only it is amended by a 修改决定; the others belong to the edition and a change in
them is reported to the drafter, never drafted as an item.

``text_note_lines(notes)``: the indexes of the lines that form the 注 — a line opening with
注 / 附注 (注：, 注1：, 注一：, half-width 注:), and the lines right after it that continue it
(1. …, （一）…, plain words), up to a line that is a 落款, a date or an editor's mark. A
注释：… line (the parser keeps it as a note too) is taken as an editor's annotation, as in
the compilations that print one, so it is reported, never drafted as the law's words.
``text_notes(notes)`` gives those lines; ``with_text_notes(notes, lines)`` puts other 注
lines in their place (where the old 注 stood, else after the other notes), which is how
``amend`` applies 将注修改为 / 增加注 / 删去注.
"""

from __future__ import annotations

import re

__all__ = ["is_note_opening", "is_signature", "text_note_lines", "text_notes", "with_text_notes"]

_SPACES = "[ \t\u3000]*"
#: 注：… / 注1： / 注一： / 附注： / 注: (half-width), with spaces allowed after 注.
_OPENING = re.compile(
    rf"^{_SPACES}(?:附注|注)(?:{_SPACES}[0-9０-９一二三四五六七八九十]+)?{_SPACES}[：:]"
)
_DIGITS = "[0-9０-９〇零一二三四五六七八九十]"
#: A date line: 2023年5月10日, 二〇二三年五月十日, with spaces anywhere.
_DATE = re.compile(rf"^{_SPACES}{_DIGITS}{{2,4}}{_SPACES}年.*月.*日{_SPACES}$")
#: The enacting body: 某市人民代表大会常务委员会, 某市人民政府, 某某委员会 (a short line).
_BODY = re.compile(r"(?:人民代表大会(?:常务委员会)?|常务委员会|人民政府|委员会|办公厅|办公室)$")
#: Editor's marks: ① footnotes, a whole line in parentheses (（本章根据…修改）).
_EDITORIAL = re.compile(r"^[ \t\u3000]*(?:[①-⑳]|[（(].*[）)][ \t\u3000]*$)")


def is_note_opening(line: str) -> bool:
    """The line opens a 注 (注：…, 注1：, 附注：)."""
    return bool(_OPENING.match(line))


def is_signature(line: str) -> bool:
    """The line is a 落款 (the enacting body, a date) or an editor's mark (①, （…）)."""
    stripped = line.strip(" \t\u3000")
    if not stripped:
        return False
    if _DATE.match(stripped) or _EDITORIAL.match(stripped):
        return True
    return len(stripped) <= 40 and bool(_BODY.search(stripped))


def text_note_lines(notes: list[str]) -> list[int]:
    """The indexes of the lines of ``notes`` that form the 注 (see the module docstring), in
    order; [] when the notes hold none."""
    found: list[int] = []
    inside = False
    for k, line in enumerate(notes):
        if is_note_opening(line):
            inside = True
        elif inside and (is_signature(line) or not line.strip()):
            inside = False
        if inside:
            found.append(k)
    return found


def text_notes(notes: list[str]) -> list[str]:
    """The lines of the 注 (see ``text_note_lines``)."""
    return [notes[k] for k in text_note_lines(notes)]


def with_text_notes(notes: list[str], lines: list[str]) -> list[str]:
    """``notes`` with its 注 lines replaced by ``lines`` (none: the 注 removed): the new lines
    stand where the first old 注 line stood, or after every other note when there was none
    (a 注 follows the articles it explains; a 落款 printed after it is rare)."""
    at = text_note_lines(notes)
    if not at:
        return [*notes, *lines]
    gone = set(at)
    kept = [line for k, line in enumerate(notes) if k not in gone]
    return [*kept[: at[0]], *lines, *kept[at[0] :]]
