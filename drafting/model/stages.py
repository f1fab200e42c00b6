"""The stage label printed under a title (（征求意见稿）): one place for every writer.

A version carries a label (征求意见稿, 草案, 二审稿, or 工作稿/导入稿 for copies never sent out)
and a stage (征求意见, 一审 …; empty for imported texts). The .docx, the print layout, the
reading pane, Akoma Ntoso and default file names all print the same words from here.
"""

from __future__ import annotations

#: Version labels that name a working copy, not a document sent out; never printed.
UNPRINTED_LABELS = frozenset({"工作稿", "导入稿"})

_PAIRS = {"（": "）", "(": ")"}


def stage_words(label: str) -> str:
    """The label without one enclosing pair of brackets: （征求意见稿） → 征求意见稿.

    Only a pair that encloses the whole label is removed, so 草案（征求意见稿） and
    （草案）（征求意见稿） keep their brackets.
    """
    text = label.strip()
    if len(text) < 2 or _PAIRS.get(text[0]) != text[-1]:
        return text
    opening, closing = text[0], text[-1]
    depth = 0
    for i, ch in enumerate(text):
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0 and i < len(text) - 1:
                return text  # the first pair closes before the end: not one outer pair
    return text[1:-1].strip() if depth == 0 else text


def stage_line(label: str) -> str:
    """The label as printed under the title: 征求意见稿 → （征求意见稿）; empty stays empty."""
    words = stage_words(label)
    return f"（{words}）" if words else ""


def printed_stage(label: str, stage: str) -> str:
    """The words printed under the title for a version (without brackets).

    Any label other than 工作稿/导入稿 is printed as it is (an imported 征求意见稿 has no stage
    but is still one). For those two, or no label, the stage gives the words (征求意见 →
    征求意见稿); a working copy with no stage prints nothing.
    """
    words = stage_words(label)
    if words and words not in UNPRINTED_LABELS:
        return words
    stage = stage_words(stage)
    if not stage:
        return ""
    return stage if stage.endswith("稿") else stage + "稿"
