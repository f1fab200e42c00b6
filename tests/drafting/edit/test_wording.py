"""采用此表述 as an operation (no Qt): the article's body replaced, exactly undone."""

from __future__ import annotations

import pytest

from drafting.edit.operations import EditError, EditSession
from drafting.edit.wording import adopt_units, adopt_wording, copied_units, wording_units
from drafting.model.units import Draft, Unit, UnitKind
from drafting.search.articles import article_text


def _draft() -> Draft:
    return Draft(
        title="某市公园条例",
        units=[
            Unit(UnitKind.ARTICLE, children=[Unit(UnitKind.PARAGRAPH, text="公园实行免费开放。")]),
            Unit(
                UnitKind.ARTICLE,
                children=[
                    Unit(UnitKind.PARAGRAPH, text="禁止下列行为："),
                    Unit(UnitKind.PARAGRAPH, text="违反前款规定的，责令改正。"),
                ],
            ),
        ],
    )


def test_paragraphs_and_items_are_read_and_every_character_kept() -> None:
    wording = (
        "公园内禁止下列行为：\n（一）烧烤、野炊；\n（二）攀折花木。\n违反前款规定的，处二百元罚款。"
    )
    units = wording_units(wording)
    assert [u.kind for u in units] == [UnitKind.PARAGRAPH, UnitKind.PARAGRAPH]
    assert [u.kind for u in units[0].children] == [UnitKind.ITEM, UnitKind.ITEM]
    texts = [u.text for w in units for u in w.walk() if u.text]
    assert texts == [
        "公园内禁止下列行为：",
        "烧烤、野炊；",
        "攀折花木。",
        "违反前款规定的，处二百元罚款。",
    ]
    # A line whose label is not one the reader takes off stays whole.
    assert wording_units("禁止：\n一是烧烤；")[0].text == "禁止："
    # Lines the reader would change (a number it reads as a label) stay one 款 each, as printed.
    odd = "第二条 见下。\n  两个空格开头的一行"
    kept = wording_units(odd)
    assert [u.text for u in kept] == ["第二条 见下。", "  两个空格开头的一行"]
    with pytest.raises(EditError):
        wording_units(" \n ")


def test_adopt_then_undo_and_redo_give_back_the_same_units() -> None:
    draft = _draft()
    session = EditSession(draft)
    article = draft.articles()[1]
    old_children = list(article.children)
    old_words = article_text(article)
    wording = "禁止下列行为：\n（一）烧烤；\n（二）野炊。"
    op = adopt_wording(draft, article.children[0].uid, wording)  # a 款 selected: its article
    result = session.apply(op)
    assert article_text(draft.articles()[1]) == "禁止下列行为：\n烧烤；\n野炊。"
    assert [u.kind for u in draft.articles()[1].walk()][1:] == [
        UnitKind.PARAGRAPH,
        UnitKind.ITEM,
        UnitKind.ITEM,
    ]
    assert set(result.removed) == {u.uid for u in old_children}
    assert result.inserted and draft.articles()[1].uid == article.uid
    # Comments on the old 款 follow the new ones (two 款 into one: it takes both).
    new_first = draft.articles()[1].children[0].uid
    assert set(draft.lineage[new_first]) == {u.uid for u in old_children}
    undone = session.undo()
    assert undone is not None and set(undone.inserted) == {u.uid for u in old_children}
    assert draft.articles()[1].children == old_children
    assert all(a is b for a, b in zip(draft.articles()[1].children, old_children, strict=True))
    assert article_text(draft.articles()[1]) == old_words and not draft.lineage
    session.redo()
    assert article_text(draft.articles()[1]) == "禁止下列行为：\n烧烤；\n野炊。"


def test_copied_units_are_new_units_with_the_same_words() -> None:
    source = _draft().articles()[1]
    copies = copied_units(source)
    assert [c.text for c in copies] == [c.text for c in source.children]
    assert not {u.uid for c in copies for u in c.walk()} & {u.uid for u in source.walk()}
    draft = _draft()
    session = EditSession(draft)
    with pytest.raises(EditError, match="已是此表述"):
        adopt_units(draft, draft.articles()[1].uid, copies)
    session.apply(adopt_units(draft, draft.articles()[0].uid, copies))
    assert article_text(draft.articles()[0]) == article_text(source)


def test_refused_without_an_article_or_for_the_same_words() -> None:
    draft = _draft()
    with pytest.raises(EditError, match="选中"):
        adopt_wording(draft, "no-such-uid", "公园实行免费开放。")
    with pytest.raises(EditError, match="已是此表述"):
        adopt_wording(draft, draft.articles()[0].uid, "公园实行免费开放。")
