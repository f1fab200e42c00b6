"""Accept or reject every revision of a written .docx in pure Python, over its XML: the check
the 修改稿 tests make on every version pair (Word's and LibreOffice's "accept all" / "reject
all", see ``oxml.revisions.revised_paragraphs`` for the rules), and the texts to compare with.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from drafting.model.units import Draft
from drafting.write.layout import house_layout
from drafting.write.oxml.revisions import revised_paragraphs


def body_paragraphs(path: Path) -> list:  # type: ignore[type-arg]
    """The w:p elements of a .docx body, in order."""
    return list(docx.Document(str(path)).element.body.iter(qn("w:p")))


def accepted(path: Path) -> list[str]:
    """The paragraphs of the document at ``path`` with every revision accepted."""
    return revised_paragraphs(body_paragraphs(path), accept=True)


def rejected(path: Path) -> list[str]:
    """The paragraphs with every revision rejected."""
    return revised_paragraphs(body_paragraphs(path), accept=False)


def laid_out(draft: Draft) -> list[str]:
    """The paragraphs of ``draft`` as the house layout prints them, without the 目录."""
    return [block.text for block in house_layout(draft, toc=False)]
