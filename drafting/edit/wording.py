"""采用此表述: put another regulation's wording of an article in place of the current one's.

The similar-provisions panel offers the wording of an article found in a reference or another
draft (its paragraphs and items one a line, as ``drafting.search.articles.article_text``
gives them). ``adopt_wording`` makes the one operation that replaces the body of the article
under the cursor with it — its 款 and 项 as the reader finds them in those lines — while the
article keeps its uid and place (its number does not change). The window runs it as ONE
named undo step; ``revert`` puts back the very same units.

The words are taken exactly as the other regulation printed them: when the reader would read
the lines into units whose words differ in any character, each line becomes one 款 as it is.
"""

from __future__ import annotations

import re

from drafting.edit.operations import EditError, EditResult, EditSession, Operation, _locate
from drafting.errors import ParseError
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind, new_uid
from drafting.read.parse import parse_text

#: The name of the undo step (编辑 → 撤销 采用相似条文表述).
ADOPT_NAME = "采用相似条文表述"

#: What the reader may take off the front of a line as the label of a 项 or 目 (numbered by
#: position again where the units land).
_LABEL = re.compile(
    r"(?:(?:[（(][一二三四五六七八九十百]+[）)]|\d+[、.．]|[（(]\d+[）)])[ \u3000]?)?"
)


def _read_as_printed(lines: list[str], body: Unit) -> bool:
    """True when the units under ``body`` hold every line's words unchanged, taking off at
    most an item label in front (which the new place prints again)."""
    texts = [u.text for u in body.walk() if u.text]
    if len(texts) != len(lines):
        return False
    for line, text in zip(lines, texts, strict=True):
        if not line.endswith(text):
            return False
        head = line[: len(line) - len(text)]
        matched = _LABEL.fullmatch(head)
        if matched is None:
            return False
    return True


def wording_units(wording: str) -> list[Unit]:
    """The 款 (with their 项) of an article whose words are ``wording`` (one line each).

    Raises EditError for empty wording. The words of the units joined one a line are exactly
    the non-empty lines of ``wording`` (less the labels of 项 and 目, printed again by position
    where they land)."""
    lines = [line for line in wording.replace("\r\n", "\n").split("\n") if line.strip()]
    if not lines:
        raise EditError("要采用的表述为空")
    exact = "\n".join(lines)
    try:
        articles = parse_text("第一条 " + exact).draft.articles()
    except ParseError:
        articles = []
    if len(articles) == 1:
        body = articles[0]
        if not body.text and body.children and _read_as_printed(lines, body):
            return body.children
    # The reader saw something else in the lines (or changed a character): one 款 a line.
    return [Unit(UnitKind.PARAGRAPH, text=line) for line in lines]


class ReplaceArticleWording(Operation):
    """Replace the 款 and 项 of article ``uid`` with ``units``; the article stays where it is.

    Lineage: each new 款 → the 款 at the same place before (the last new one takes the rest),
    so comments on the old 款 follow the new wording."""

    description = ADOPT_NAME

    def __init__(self, uid: str, units: list[Unit]) -> None:
        super().__init__()
        self.uid = uid
        self.units = units

    def _do(self, session: EditSession) -> tuple[Context | None, EditResult]:
        article = _locate(session.positions(), self.uid).unit
        if article.kind is not UnitKind.ARTICLE:
            raise EditError("请先选中一条条文")
        self._article = article
        self._old = article.children
        self._old_text = article.text
        removed = tuple(u.uid for child in self._old for u in child.walk())
        article.children = list(self.units)
        article.text = ""
        ctx = Context(session.draft)
        for unit in self.units:
            for inner in unit.walk():
                if inner.text:
                    session.index.rescan(inner, ctx, "")
        for i, old in enumerate(self._old):
            new = self.units[min(i, len(self.units) - 1)]
            self._add_lineage(session, new.uid, (old.uid,))
        inserted = tuple(u.uid for unit in self.units for u in unit.walk())
        return ctx, EditResult(inserted=inserted, removed=removed)

    def _undo(self, session: EditSession) -> None:
        self._article.children = self._old
        self._article.text = self._old_text


def copied_units(article: Unit) -> list[Unit]:
    """The 款 of another regulation's article (with their 项, 目 and tables) as new units of
    this draft: fresh uids, printed labels and numbering kept."""

    def copy(unit: Unit) -> Unit:
        fresh = unit.clone()
        for inner in fresh.walk():
            inner.uid = new_uid()
        return fresh

    return [copy(child) for child in article.children]


def adopt_units(draft: Draft, uid: str, units: list[Unit]) -> ReplaceArticleWording:
    """The operation putting ``units`` (see ``copied_units``) in place of the body of article
    ``uid`` (or of the article holding ``uid``). Raises EditError (Chinese) when no article
    is selected, nothing is given, or the article already reads so."""
    article = _article_of(draft, uid)
    if not units:
        raise EditError("要采用的表述为空")
    if [_shape(u) for u in article.children] == [_shape(u) for u in units]:
        raise EditError("该条已是此表述")
    return ReplaceArticleWording(article.uid, units)


def _shape(unit: Unit) -> tuple[object, ...]:
    return (
        unit.kind,
        unit.text,
        unit.label,
        None if unit.table is None else unit.table.rows,
        tuple(_shape(c) for c in unit.children),
    )


def _article_of(draft: Draft, uid: str) -> Unit:
    ctx = Context(draft)
    unit = ctx.units.get(uid)
    while unit is not None and unit.kind is not UnitKind.ARTICLE:
        unit = ctx.parent.get(unit.uid)
    if unit is None:
        raise EditError("请先选中一条条文")
    return unit


def adopt_wording(draft: Draft, uid: str, wording: str) -> ReplaceArticleWording:
    """The operation putting ``wording`` in place of the words of article ``uid`` (or of the
    article holding ``uid``: a 款 or 项 selected means its article). Raises EditError
    (Chinese) when no article is selected or the article already reads so."""
    units = wording_units(wording)
    return adopt_units(draft, uid, units)
