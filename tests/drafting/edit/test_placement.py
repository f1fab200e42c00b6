"""Where 插入 puts a new unit, from the unit the drafter is at (Qt-free)."""

from __future__ import annotations

import pytest

from drafting.edit.operations import EditError, EditSession
from drafting.edit.placement import (
    PLACEHOLDER,
    PLACEHOLDERS,
    insert_operation,
    placeholder_unit,
    words_uid,
)
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind
from tests.ui.drafts import park_draft


def _insert(draft: Draft, kind: UnitKind, at: str | None, after: bool = True) -> Unit:
    unit = placeholder_unit(kind)
    EditSession(draft).apply(insert_operation(draft, unit, at, after))
    return unit


def _where(draft: Draft, unit: Unit) -> tuple[str | None, int]:
    ctx = Context(draft)
    parent = ctx.parent[unit.uid]
    return (parent.uid if parent is not None else None), ctx.position[unit.uid]


def test_new_units_start_with_their_placeholder() -> None:
    article = placeholder_unit(UnitKind.ARTICLE)
    assert article.children[0].text == PLACEHOLDER
    assert words_uid(article) == article.children[0].uid
    chapter = placeholder_unit(UnitKind.CHAPTER)
    assert chapter.heading == "（新章）" and chapter.heading in PLACEHOLDERS
    assert words_uid(chapter) == chapter.uid


def test_items_go_inside_the_paragraph_or_the_articles_last_or_first_paragraph() -> None:
    draft = park_draft()
    article = draft.units[1].children[0]
    paragraph = article.children[0]
    last = _insert(draft, UnitKind.ITEM, paragraph.uid)
    assert _where(draft, last) == (paragraph.uid, 2)
    first = _insert(draft, UnitKind.ITEM, article.uid, after=False)
    assert _where(draft, first) == (paragraph.uid, 0)


def test_articles_on_a_heading_go_first_or_last_under_it() -> None:
    draft = park_draft()
    chapter = draft.units[0]
    first = _insert(draft, UnitKind.ARTICLE, chapter.uid, after=False)
    assert _where(draft, first) == (chapter.uid, 0)
    last = _insert(draft, UnitKind.ARTICLE, chapter.uid)
    assert _where(draft, last) == (chapter.uid, len(chapter.children) - 1)


def test_paragraphs_on_an_article_and_articles_on_a_paragraph() -> None:
    draft = park_draft()
    second = draft.units[0].children[1]
    paragraph = _insert(draft, UnitKind.PARAGRAPH, second.uid, after=False)
    assert _where(draft, paragraph) == (second.uid, 0)
    # An article asked for in a 款 goes after the article holding it.
    article = _insert(draft, UnitKind.ARTICLE, second.children[1].uid)
    assert _where(draft, article) == (draft.units[0].uid, 2)
    # A chapter asked for in an article goes after the chapter holding it.
    chapter = _insert(draft, UnitKind.CHAPTER, second.uid)
    assert _where(draft, chapter) == (None, 1)


def test_where_nothing_fits_it_says_so_in_chinese() -> None:
    draft = park_draft()
    with pytest.raises(EditError, match="请先选择插入位置"):
        insert_operation(draft, placeholder_unit(UnitKind.ARTICLE), None, True)
    with pytest.raises(EditError, match="请把光标放在款（或项）中再插入项"):
        insert_operation(draft, placeholder_unit(UnitKind.ITEM), draft.units[0].uid, True)
    empty = Draft(title="空")
    unit = _insert(empty, UnitKind.ARTICLE, None)
    assert empty.units == [unit]


def test_a_session_keeps_positions_while_only_words_change() -> None:
    from drafting.edit.operations import EditText, insert_after
    from drafting.model.numbering import compute_numbers

    draft = park_draft()
    session = EditSession(draft)
    before = session.positions()
    paragraph = draft.units[0].children[0].children[0]
    session.apply(EditText(paragraph.uid, paragraph.text + "加"))
    assert session.positions() is before  # typing walks nothing again
    session.apply(
        insert_after(draft, draft.units[0].children[0].uid, placeholder_unit(UnitKind.ARTICLE))
    )
    after = session.positions()
    assert after is not before
    numbers = compute_numbers(draft)
    assert {uid: after.number(uid) for uid in numbers} == numbers
    session.undo()
    undone = session.positions()
    assert undone is not after
    assert {uid: undone.number(uid) for uid in compute_numbers(draft)} == compute_numbers(draft)
