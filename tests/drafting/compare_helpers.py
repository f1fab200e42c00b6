"""Helpers for the comparison tests: read a corpus file into a Draft, and build drafts by hand."""

from __future__ import annotations

from pathlib import Path

from drafting.model.units import Draft, Unit, UnitKind
from drafting.read.parse import parse_file


def read_draft(path: Path) -> Draft:
    """The draft of a corpus file, as the parser reads it."""
    return parse_file(path).draft


def paragraph(text: str) -> Unit:
    """A paragraph unit."""
    return Unit(UnitKind.PARAGRAPH, text=text)


def article(*paragraphs: str) -> Unit:
    """An article with these paragraphs."""
    return Unit(UnitKind.ARTICLE, children=[paragraph(p) for p in paragraphs])


def draft(*articles: Unit, title: str = "测试条例") -> Draft:
    """A draft of articles only."""
    return Draft(title=title, units=list(articles))
