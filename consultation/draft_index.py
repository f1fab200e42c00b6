"""A look-up table over one draft: units by uid, the article holding each unit, text order, labels.

Built once per draft (one walk) so that resolving thousands of comment targets costs a dict
look-up each.
"""

from __future__ import annotations

from drafting.model.numbering import Number, compute_numbers
from drafting.model.units import Draft, Unit, UnitKind

_BODY_KINDS = frozenset({UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM})


def unit_text(unit: Unit) -> str:
    """All the words of a unit and the units below it, one line each (labels left out)."""
    return "\n".join(u.text for u in unit.walk() if u.text)


class DraftIndex:
    """Units of a draft by uid, with their article, position in text order and label."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.numbers: dict[str, Number] = compute_numbers(draft)
        self.units: dict[str, Unit] = {}
        self.order: dict[str, int] = {}
        self.article_of: dict[str, str] = {}
        self.parent_of: dict[str, str] = {}
        #: (ordinal, insert) → article uid: 第十二条 is (12, 0), 第十二条之一 (12, 1).
        self.articles_by_number: dict[tuple[int, int], str] = {}
        self.articles: list[Unit] = []
        article: Unit | None = None
        for position, (unit, parent) in enumerate(draft.walk_with_parents()):
            self.units[unit.uid] = unit
            self.order[unit.uid] = position
            if parent is not None:
                self.parent_of[unit.uid] = parent.uid
            if unit.kind is UnitKind.ARTICLE:
                article = unit
                self.articles.append(unit)
                self.article_of[unit.uid] = unit.uid
                number = self.numbers.get(unit.uid)
                if number and number.ordinal:
                    self.articles_by_number.setdefault((number.ordinal, number.insert), unit.uid)
            elif unit.kind in _BODY_KINDS and article is not None:
                self.article_of[unit.uid] = article.uid

    def __contains__(self, uid: object) -> bool:
        return uid in self.units

    def text(self, uid: str) -> str:
        """The words of the unit and everything below it ('' for an unknown uid)."""
        unit = self.units.get(uid)
        return unit_text(unit) if unit else ""

    def label(self, uid: str) -> str:
        """A citation for the unit: 第十二条, 第十二条第二款, 第十二条第二款第（三）项, 第二章 …"""
        unit = self.units.get(uid)
        if unit is None:
            return ""
        parts: list[str] = []
        current: str | None = uid
        while current is not None:
            node = self.units[current]
            number = self.numbers.get(current)
            label = number.label if number else ""
            if node.kind is UnitKind.ITEM and label:
                label = f"第{label}项"
            elif node.kind is UnitKind.SUBITEM and label:
                label = f"第{label.rstrip('.')}目"
            if not label and node.kind.is_heading:
                label = node.heading
            parts.append(label)
            if node.kind is UnitKind.ARTICLE or node.kind.is_heading:
                break
            current = self.parent_of.get(current)
        return "".join(reversed(parts))

    def article_label(self, uid: str) -> str:
        """The label of the article holding the unit (第十二条), or ''."""
        article = self.article_of.get(uid)
        return self.label(article) if article else ""

    def paragraph(self, article_uid: str, ordinal: int) -> str | None:
        """The uid of the article's ``ordinal``-th paragraph (款), counted from 1."""
        article = self.units.get(article_uid)
        if article is None or not 1 <= ordinal <= len(article.children):
            return None
        return article.children[ordinal - 1].uid

    def item(self, paragraph_uid: str, ordinal: int) -> str | None:
        """The uid of the paragraph's ``ordinal``-th item (项), counted from 1."""
        paragraph = self.units.get(paragraph_uid)
        if paragraph is None or not 1 <= ordinal <= len(paragraph.children):
            return None
        return paragraph.children[ordinal - 1].uid
