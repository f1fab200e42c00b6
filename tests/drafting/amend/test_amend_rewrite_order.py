"""An added article that the decision words as the rewrite of a deleted one (将第三十条改为
第二十八条，修改为：“……”) stands at that deleted article's place: a moved article next to it is
anchored on it (将第六条移至第三十条后), and amend lists the rewrite as failed when the
article does not end up under the number the decision gives it (never a silent misorder)."""

from __future__ import annotations

from drafting.amend.apply import apply_decision
from drafting.amend.instructions import REWRITE
from drafting.amend.read import read_decision
from drafting.compare.articles import compare_drafts
from drafting.compare.decision import amendment_decision
from drafting.model.units import Draft, new_uid
from drafting.read.parse import parse_text
from tests.conftest import CORPUS
from tests.drafting.amend.test_amend import round_trip
from tests.drafting.compare_helpers import read_draft
from tests.drafting.edit_scripts import apply_script

HANGZHOU = "local_hangzhou_park_2014.md"
# Old 第三十条 deleted and an article added in its place (one rewrite), old 第六条 moved to
# right after that place (uid-less: about 1 in 4,000 generated pairs).
SCRIPT = [
    ("move", 0.144, 0.722),
    ("delete", 0.732, 0.731),
    ("insert", 0.711, 0.97),
    ("move", 0.05, 0.888),
    ("move", 0.595, 0.134),
    ("delete", 0.764, 0.769),
]


def _pair() -> tuple[Draft, Draft]:
    old = read_draft(CORPUS / HANGZHOU)
    new = apply_script(old, SCRIPT).new.clone()
    for unit in new.walk():
        unit.uid = new_uid()
    return old, new


def test_a_move_next_to_a_rewritten_addition_is_anchored_on_it() -> None:
    old, new = _pair()
    text = amendment_decision(compare_drafts(old, new))
    assert "将第三十条改为第二十八条，修改为" in text
    # 第六条 leaves 第一章 for 第三章, so the 章 is named (try11b G8).
    assert "将第六条移至第三章第三十条后" in text
    got, want, _ = round_trip(old, new)
    assert got == want


TEXT = """某市公园条例

第一条　甲。
第二条　乙。
第三条　丙。
第四条　丁。
第五条　戊。
"""


def test_a_rewrite_that_lands_under_another_number_fails() -> None:
    """The old anchor (移至第三条后, before the rewritten 第四条) put the rewritten article
    one place down: the item says so instead of the text coming out misordered."""
    old = parse_text(TEXT).draft
    decision = "\n".join(
        [
            "一、将第一条移至第三条后。",
            "二、将第四条改为第三条，修改为：“新的。”",
        ]
    )
    result = apply_decision(old, read_decision(decision))
    assert [(i.action, r) for i, r in result.failed] == [
        (REWRITE, "按本决定调整条文顺序后，原第四条为第四条，不是第三条")
    ]


def test_a_rewrite_under_its_right_number_applies() -> None:
    old = parse_text(TEXT).draft
    decision = "\n".join(
        [
            "一、将第一条移至第四条后。",
            "二、将第四条改为第三条，修改为：“新的。”",
        ]
    )
    result = apply_decision(old, read_decision(decision))
    assert result.failed == []
