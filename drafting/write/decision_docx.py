"""The 修改决定 as a Word document in the house style, from the text the drafter edited.

The text comes from ``amendment_decision`` and may have been edited freely, so it is taken
line by line: the title 关于修改《X》的决定 centred, then every line as a body paragraph.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.document import Document

from drafting.write import house_docx as house

_OPENING = re.compile(r"^对《(.+?)》作如下修改")


def decision_title(text: str, title: str = "") -> str:
    """关于修改《X》的决定, X from ``title`` or else from the opening line 对《X》作如下修改."""
    name = title.strip().strip("《》")
    if not name:
        match = _OPENING.match(text.lstrip())
        name = match.group(1) if match else ""
    return f"关于修改《{name}》的决定" if name else "修改决定"


def decision_docx(text: str, path: Path | None = None, *, title: str = "") -> Document:
    """The decision as a document (written to ``path`` when given): its title, then one body
    paragraph per non-empty line of ``text``."""
    document = house.new_document()
    house.add_styled_paragraph(document, decision_title(text, title), house.STYLE_TITLE)
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    house.add_lines(document, [line for line in lines if line], house.STYLE_BODY)
    if path is not None:
        document.save(str(path))
    return document
