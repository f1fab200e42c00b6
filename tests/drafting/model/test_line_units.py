"""article_line_units: each printed line of an article with the 款/项/目 whose words it holds."""

from __future__ import annotations

from pathlib import Path

from drafting.model.numbering import article_line_units, article_lines
from drafting.model.units import Unit, UnitKind
from drafting.read.parse import parse_file


def test_every_line_names_its_unit_on_a_text_with_subitems(corpus: Path) -> None:
    """重庆市村镇规划建设管理条例: 款 leading into items, items with 目 (1．)."""
    draft = parse_file(corpus / "local_chongqing_village_planning_2015.md").draft
    seen_subitem = seen_lead_in = False
    for article in draft.articles():
        pairs = article_line_units(article)
        assert [line for _, line in pairs] == article_lines(article)
        # The units are the text units in reading order, each once.
        expected = [
            u for u in article.walk() if u.kind is not UnitKind.ARTICLE
            and (u.kind is not UnitKind.PARAGRAPH or u.text or not u.children)
        ]  # fmt: skip
        assert [u for u, _ in pairs] == expected
        for unit, line in pairs:
            assert line.endswith(unit.text)
            if unit.kind is UnitKind.SUBITEM:
                seen_subitem = True
                assert line[0].isdigit()
            elif unit.kind is UnitKind.ITEM:
                assert line.startswith("（")
            else:
                assert line == unit.text
                seen_lead_in |= bool(unit.children)
    assert seen_subitem and seen_lead_in


def test_an_article_without_words_has_no_unit_lines() -> None:
    article = Unit(UnitKind.ARTICLE)
    assert article_line_units(article) == []
    assert article_lines(article) == [""]
