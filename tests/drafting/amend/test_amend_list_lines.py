"""A quoted 款 or article with an unlabelled line between （一） and （二） (济南 条例 第二十九条:
a line of the list printed without a number): amend makes it an item without a number, as the
reader does, so the items after it keep their numbers; an unlabelled line followed by a list
that starts again at （一） is still a 款 of its own."""

from __future__ import annotations

from drafting.amend.apply import apply_decision
from drafting.amend.read import read_decision
from drafting.model.numbering import article_body
from drafting.model.units import Numbering, UnitKind
from drafting.read.parse import parse_text
from tests.conftest import CORPUS
from tests.drafting.amend.test_amend import round_trip
from tests.drafting.compare_helpers import read_draft
from tests.drafting.edit_scripts import apply_script

TEXT = """某市保护条例

第一条　为了保护历史城区，制定本条例。
第二条　本条例自2025年1月1日起施行。
"""


def _items(decision: str) -> list[tuple[Numbering, str]]:
    old = parse_text(TEXT).draft
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
    first = result.draft.articles()[0]
    return [(u.numbering, u.text[:2]) for u in first.walk() if u.kind is UnitKind.ITEM]


def test_an_unlabelled_line_inside_a_list_is_an_unnumbered_item() -> None:
    items = _items(
        "\n".join(
            [
                "一、在第一条中增加一款，作为第二款：“应当采取下列保护措施：",
                "“（一）传统地名不得变更；",
                "“对已消失的传统地名予以恢复；",
                "“（二）修缮文物。”",
            ]
        )
    )
    assert items == [
        (Numbering.REGULAR, "传统"),
        (Numbering.NONE, "对已"),
        (Numbering.REGULAR, "修缮"),
    ]


def test_an_unlabelled_line_before_a_list_starting_again_is_a_paragraph() -> None:
    old = parse_text(TEXT).draft
    decision = "\n".join(
        [
            "一、将第一条修改为：“应当采取下列措施：",
            "“（一）甲；",
            "“（二）乙。",
            "“前款规定以外的，应当采取下列措施：",
            "“（一）丙；",
            "“（二）丁。”",
        ]
    )
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
    first = result.draft.articles()[0]
    assert len(first.children) == 2
    assert "（一）丙" in article_body(first)


def test_round_trip_with_a_merge_into_the_jinan_article() -> None:
    old = read_draft(CORPUS / "local_jinan_historic_city_2020.md")
    script = [
        ("delete", 0.444, 0.209),
        ("insert", 0.505, 0.78),
        ("delete", 0.882, 0.643),
        ("insert", 0.843, 0.672),
        ("merge", 0.444, 0.453),
        ("move", 0.352, 0.271),
    ]
    new = apply_script(old, script).new
    got, want, text = round_trip(old, new)
    assert got == want, text
