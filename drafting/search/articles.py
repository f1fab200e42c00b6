"""The article texts a search index holds: one entry per article, with its printed label."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from drafting.model.numbering import compute_numbers
from drafting.model.numerals import to_chinese
from drafting.model.units import Draft, Unit, UnitKind


@dataclass(frozen=True)
class ArticleText:
    """One article: its uid, label as shown (第十二条), position in the text, and words (its
    paragraphs and items, one a line)."""

    uid: str
    label: str
    position: int
    text: str


def article_text(article: Unit) -> str:
    """The words of an article: its own text and every paragraph/item below, one a line."""
    lines = [u.text for u in article.walk() if u.text]
    return "\n".join(lines)


def article_texts(draft: Draft) -> Iterator[ArticleText]:
    """Every article of the draft in text order."""
    numbers = compute_numbers(draft)
    position = 0
    for unit in draft.walk():
        if unit.kind is UnitKind.ARTICLE:
            number = numbers.get(unit.uid)
            label = number.label if number is not None else ""
            yield ArticleText(unit.uid, label, position, article_text(unit))
            position += 1


def find_article(draft: Draft, label: str) -> ArticleText | None:
    """The article printed as ``label`` (第十二条; 12 is read as 第十二条 too), or None."""
    wanted = label.strip()
    if wanted.isdigit():
        wanted = f"第{to_chinese(int(wanted))}条"
    for article in article_texts(draft):
        if article.label == wanted:
            return article
    return None
