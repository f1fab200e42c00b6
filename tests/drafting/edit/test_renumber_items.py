"""Renumbering items: citations of items follow (前款第（二）项 → 前款第（一）项), and the printed
style of every label is kept (no character changes where nothing is renumbered)."""

from __future__ import annotations

import pytest

from drafting.edit.renumber import renumber, styled_label
from drafting.model.units import UnitKind
from drafting.read.parse import parse_text
from drafting.write.plain_text import render_text


def _renumbered(text: str) -> str:
    result = parse_text(text)
    renumber(result.draft, result.source_labels)
    return render_text(result.draft)


def test_item_citations_follow_renumbered_items() -> None:
    text = (
        "某市条例\n\n第一条　为了规范，制定本条例。\n\n第三条　下列事项：\n（二）甲；\n（三）乙。\n"
        "有前款第（二）项、第（三）项情形的，依照本条第一款第（三）项处理。\n\n第四条　丙。\n"
    )
    out = _renumbered(text)
    assert "（一）甲；\n（二）乙。" in out
    assert "有前款第（一）项、第（二）项情形的，依照本条第一款第（二）项处理。" in out
    # Reject: items not renumbered leave their citations alone.
    same = (
        text.replace("（二）甲；\n（三）乙。", "（一）甲；\n（二）乙。")
        .replace("第（二）项、第（三）项", "第（一）项、第（二）项")
        .replace("本条第一款第（三）项", "本条第一款第（二）项")
    )
    assert "有前款第（一）项、第（二）项情形的，依照本条第一款第（二）项处理。" in _renumbered(same)


def test_nothing_renumbered_changes_no_character() -> None:
    text = "某市条例\n\n第一条　下列事项：\n(一)甲；\n(二)乙：\n1、子目一；\n２．子目二。\n\n第二条　丙。\n"
    result = parse_text(text)
    report = renumber(result.draft, result.source_labels)
    assert report.changes == []
    assert render_text(result.draft) == render_text(parse_text(text).draft)
    assert "(一)甲；\n(二)乙：\n1、子目一；\n２．子目二。" in render_text(result.draft)


def test_new_labels_follow_the_printed_style() -> None:
    text = "某市条例\n\n第一条　下列事项：\n(二)甲；\n(三)乙：\n２．子；\n３．丑。\n有前款第(二)项情形的，罚款。\n"
    out = _renumbered(text)
    assert "(一)甲；\n(二)乙：\n１．子；\n２．丑。" in out
    assert "有前款第(一)项情形的" in out


@pytest.mark.parametrize(
    ("printed", "kind", "ordinal", "label"),
    [
        ("(二)", UnitKind.ITEM, 1, "(一)"),
        ("（三）", UnitKind.ITEM, 2, "（二）"),
        ("1、", UnitKind.SUBITEM, 2, "2、"),
        ("２．", UnitKind.SUBITEM, 1, "１．"),
        ("1.", UnitKind.SUBITEM, 3, "3."),
        ("第二条", UnitKind.ITEM, 1, ""),
    ],
)
def test_styled_label(printed: str, kind: UnitKind, ordinal: int, label: str) -> None:
    assert styled_label(printed, kind, ordinal) == label
