"""How the editor names units and which words it edits (Qt-free)."""

from __future__ import annotations

from drafting.edit.unit_titles import editable_field, text_units, unit_title, unit_words
from drafting.model.units import Unit, UnitKind
from tests.ui.drafts import park_draft


def test_unit_titles_name_units_as_drafters_do() -> None:
    draft = park_draft()
    general, rules = draft.units
    assert unit_title(draft, general.uid) == "第一章标题"
    assert unit_title(draft, general.children[0].children[0].uid) == "第一条"
    assert unit_title(draft, general.children[1].children[1].uid) == "第二条第二款"
    items = rules.children[0].children[0].children
    assert unit_title(draft, items[1].uid) == "第三条第（二）项"  # one 款: not named
    assert unit_title(draft, "no-such-uid") == ""


def test_an_article_is_edited_line_by_line_and_a_heading_by_its_title() -> None:
    draft = park_draft()
    general, rules = draft.units
    with_items = rules.children[0]
    lines = text_units(with_items)
    assert [u.kind for u in lines] == [UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.ITEM]
    assert editable_field(general) == "heading"
    assert editable_field(lines[1]) == "text"
    assert unit_words(general) == "总则"
    assert (
        unit_words(with_items) == "禁止在公园内从事下列行为：\n擅自采摘花果；\n攀折树木、践踏草坪。"
    )
    assert unit_words(Unit(UnitKind.PARAGRAPH, text="一款。")) == "一款。"
